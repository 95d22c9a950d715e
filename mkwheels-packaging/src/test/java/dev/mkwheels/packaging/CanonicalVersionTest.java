package dev.mkwheels.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The canonical spelling agrees with pypa packaging's canonicalize_version, as pip vendors it. */
class CanonicalVersionTest {
  static final List<String> SPELLINGS =
      List.of(
          "1.0.0",
          "1.0",
          "1",
          "v1",
          "V1.0",
          "1.0-Alpha_1",
          "1.0alpha1",
          "1.0a",
          "1.0.b2",
          "1.0-beta.2",
          "2.0-RC-1-0",
          "2.0rc1.post0",
          "0!1.0",
          "1!2.0.post",
          "1.0-1",
          "1.0.post1",
          "1.0.dev",
          "1.0-dev-3",
          "1.0+Ubuntu-01.2",
          "1.0+ubuntu.1.2",
          "01.02",
          "1.0c3",
          "1.0preview2",
          "1.0.rev4",
          "1.0r",
          "2.1.0+cpu",
          "3.0.post1",
          "10.20.30.0.0",
          "1.0a1.post2.dev3+local_7",
          "00001.000000000000000000000000000000000000000000000001");

  @TempDir Path temp;

  @Test
  void matchesPipsPackaging() throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "python3",
                "-c",
                "import sys\nfrom pip._vendor.packaging.utils import canonicalize_version as c\n"
                    + "for v in sys.argv[1:]: print(c(v))"));
    command.addAll(SPELLINGS);
    List<String> expected = Command.run(temp, command).succeeded().out().lines().toList();
    List<String> actual = SPELLINGS.stream().map(v -> CanonicalVersion.of(v).orElse("?")).toList();
    assertEquals(expected, actual);
  }

  @Test
  void sameVersionsDifferentSpellings() {
    assertTrue(CanonicalVersion.same("1.0", "1.0.0"));
    assertTrue(CanonicalVersion.same("1.0-RC1", "1.0rc1"));
    assertFalse(CanonicalVersion.same("1.0", "1.0.1"));
    assertFalse(CanonicalVersion.same("1.0", "1.0.post0"));
    assertFalse(CanonicalVersion.same("1.0+a", "1.0"));
    assertFalse(CanonicalVersion.same("not a version", "not a version"));
    assertEquals(Optional.empty(), CanonicalVersion.of("1.0-"));
  }
}
