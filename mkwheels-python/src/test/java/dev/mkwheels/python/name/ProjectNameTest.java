package dev.mkwheels.python.name;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Valid project names (the core metadata rule) and equality by the PEP 503 form. */
class ProjectNameTest {
  @Test
  void validNamesStartAndEndWithALetterOrDigit() {
    for (String ok : new String[] {"a", "A1", "zope.interface", "foo__bar", "Foo-Bar_baz.2"}) {
      assertTrue(ProjectName.isValid(ok), ok);
    }
    for (String bad : new String[] {"", "-foo", "foo-", "foo.", "_foo", "foo bar", "föo", "a~b"}) {
      assertFalse(ProjectName.isValid(bad), bad);
    }
  }

  @Test
  void invalidNameIsAnErrorNamingIt() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ProjectName.of("foo-"));
    assertTrue(e.getMessage().contains("'foo-'"), e.getMessage());
  }

  @Test
  void namesAreEqualByTheirNormalizedForm() {
    assertEquals(ProjectName.of("Foo.Bar"), ProjectName.of("foo__bar"));
    assertEquals("foo-bar", ProjectName.of("FOO-._bar").normalized());
    assertEquals("FOO-._bar", ProjectName.of("FOO-._bar").toString());
  }
}
