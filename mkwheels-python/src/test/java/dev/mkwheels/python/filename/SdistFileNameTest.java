package dev.mkwheels.python.filename;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.python.name.ProjectName;
import org.junit.jupiter.api.Test;

/** The ambiguous legacy sdist name, read alone and for its project. */
class SdistFileNameTest {
  @Test
  void dashedVersionBelongsToTheProjectItIsReadFor() {
    SdistFileName s = SdistFileName.parse("foo-1.0-2.tar.gz", ProjectName.of("foo"));
    assertEquals("foo", s.name().normalized());
    assertEquals("1.0.post2", s.version().toString());
    assertEquals(".tar.gz", s.extension());
  }

  @Test
  void dashedVersionReadAloneSplitsAtTheLastDashAsPackagingDoes() {
    SdistFileName s = SdistFileName.parse("foo-1.0-2.tar.gz");
    assertEquals("foo-1-0", s.name().normalized());
    assertEquals("2", s.version().toString());
  }

  @Test
  void legacyArchivesNeedTheProject() {
    assertEquals(
        "1.0",
        SdistFileName.parse("Foo_Bar-1.0.tgz", ProjectName.of("foo-bar")).version().toString());
    InvalidFileNameException e =
        assertThrows(InvalidFileNameException.class, () -> SdistFileName.parse("foo-1.0.tgz"));
    assertTrue(e.getMessage().contains("foo-1.0.tgz"), e.getMessage());
  }

  @Test
  void aNameReadWithoutItsProjectEndsAtTheFirstDashBeforeAVersion() {
    SdistFileName s = SdistFileName.parseUnknownProject("foo-1.0-2.tar.gz");
    assertEquals("foo", s.name().normalized());
    assertEquals("1.0.post2", s.version().toString());
    SdistFileName dashed = SdistFileName.parseUnknownProject("python-dateutil-2.8.2.tar.gz");
    assertEquals("python-dateutil", dashed.name().name());
    assertEquals("2.8.2", dashed.version().toString());
    assertEquals(".zip", SdistFileName.parseUnknownProject("legacy-1.0-1.zip").extension());
    for (String f : new String[] {"-1.0.tar.gz", "pkg.tar.gz", "pkg-.tar.gz", "pkg-x.tar.gz"}) {
      InvalidFileNameException e =
          assertThrows(InvalidFileNameException.class, () -> SdistFileName.parseUnknownProject(f));
      assertTrue(e.getMessage().contains(f), e.getMessage());
    }
  }

  @Test
  void theProjectFoundWithoutItReadsTheSameVersionAsPipsFinder() {
    for (String f : new String[] {"foo-1.0-2.tar.gz", "a-b-c-1.0.zip", "x_y-2!1.0rc1.tgz"}) {
      SdistFileName alone = SdistFileName.parseUnknownProject(f);
      assertEquals(alone, SdistFileName.parse(f, alone.name()), f);
    }
  }
}
