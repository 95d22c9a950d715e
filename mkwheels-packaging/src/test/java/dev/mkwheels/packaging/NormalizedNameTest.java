package dev.mkwheels.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The artifact's name and top directory use the PEP 503 normalized project name, so any spelling of
 * one project gives the same file name and the same bytes.
 */
class NormalizedNameTest {
  @TempDir Path temp;

  @Test
  void everySpellingOfOneNameGivesTheSameFileNameAndBytes() throws Exception {
    Path wheelhouse = GoldenInputs.writeWheelhouse(temp.resolve("wheelhouse"));
    PackResult reference = pack(wheelhouse, "deprecated");
    assertEquals("deprecated-wheels-1.0.tar.gz", reference.tarball().getFileName().toString());
    for (String spelling : List.of("Deprecated", "DEPRECATED")) {
      PackResult other = pack(wheelhouse, spelling);
      assertEquals(reference.tarball().getFileName(), other.tarball().getFileName(), spelling);
      assertEquals(reference.sha256(), other.sha256(), spelling);
    }
    PackResult dotted = pack(wheelhouse, "Zope.Interface__Extra");
    assertEquals(
        "zope-interface-extra-wheels-1.0.tar.gz", dotted.tarball().getFileName().toString());
    assertEquals(dotted.sha256(), pack(wheelhouse, "zope-interface-extra").sha256());

    Path extracted = Files.createDirectories(temp.resolve("extracted"));
    Command.run(extracted, List.of("tar", "-xzf", dotted.tarball().toString())).succeeded();
    try (Stream<Path> top = Files.list(extracted)) {
      assertEquals(
          List.of("zope-interface-extra-wheels-1.0"),
          top.map(p -> p.getFileName().toString()).toList());
    }
    String requirements =
        Files.readString(
            extracted.resolve("zope-interface-extra-wheels-1.0").resolve("requirements.txt"));
    assertEquals(
        "# zope-interface-extra-wheels-1.0: pinned and hashed by mkwheels",
        requirements.lines().findFirst().orElseThrow());
  }

  private PackResult pack(Path wheelhouse, String name) throws Exception {
    Path out = temp.resolve("out-" + name);
    return new Packager()
        .pack(new PackRequest(wheelhouse, name, "1.0", 1_700_000_000L, out, List.of()));
  }
}
