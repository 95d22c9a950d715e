package dev.mkwheels.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Pep440VersionTest {

  private static Pep440Version v(String text) {
    return Pep440Version.parse(text).orElseThrow();
  }

  @Test
  void ordersVersionsAsPipDoes() {
    List<String> ordered =
        List.of(
            "1.0.dev1",
            "1.0a1",
            "1.0a2.dev1",
            "1.0a2",
            "1.0b1",
            "1.0rc1",
            "1.0",
            "1.0+local",
            "1.0.post1.dev1",
            "1.0.post1",
            "1.0.1",
            "1.1",
            "2!0.1");
    List<String> shuffled = new ArrayList<>(ordered);
    Collections.reverse(shuffled);
    shuffled.sort((a, b) -> v(a).compareTo(v(b)));
    assertEquals(ordered, shuffled);
  }

  @Test
  void trailingZerosAndSpellingsAreTheSameVersion() {
    assertEquals(v("1.0"), v("1.0.0"));
    assertEquals(v("1.0rc1"), v("1.0-RC-1"));
    assertEquals(v("1.0.post2"), v("1.0-2"));
    assertTrue(new Pin("x", "1.0").sameVersion("1"));
  }

  @Test
  void aLegacyVersionDoesNotParse() {
    assertEquals(Optional.empty(), Pep440Version.parse("2004d"));
    assertEquals(Optional.empty(), Pep440Version.parse("latest"));
  }
}
