package dev.mkwheels.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequirementLinesTest {
  @TempDir Path dir;

  private List<String> walk(Path file, boolean constraints) throws PipException {
    List<String> seen = new ArrayList<>();
    RequirementLines.walk(
        List.of(file),
        constraints,
        (shown, number, text, constraint) ->
            seen.add(dir.relativize(shown) + ":" + number + (constraint ? " -c " : " -r ") + text));
    return seen;
  }

  @Test
  void linesAreJoinedStrippedAndIncludesFollowedOnceWithTheirKind() throws Exception {
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/base.txt"), "idna  # the first\n-c ../pins.txt\n");
    Files.writeString(dir.resolve("pins.txt"), "six<2\n--requirement=more.txt\n");
    Files.writeString(dir.resolve("more.txt"), "attrs\n");
    Path main =
        Files.writeString(
            dir.resolve("requirements.txt"),
            "# header\n\n-r sub/base.txt\nrequests >= 2 \\\n  --hash=sha256:00\n"
                + "--constraint=pins.txt\n--pre\n");
    assertEquals(
        List.of(
            "sub/base.txt:1 -r idna",
            // pins.txt, included again below, is read once
            "pins.txt:1 -c six<2",
            "more.txt:1 -c attrs",
            "requirements.txt:4 -r requests >= 2    --hash=sha256:00",
            "requirements.txt:7 -r --pre"),
        walk(main, false));
    assertEquals(List.of("more.txt:1 -c attrs"), walk(dir.resolve("more.txt"), true));
  }

  @Test
  void aMissingFileOrAnIncludeWithoutOneIsOneLine() throws Exception {
    PipException missing =
        assertThrows(PipException.class, () -> walk(dir.resolve("nope.txt"), true));
    assertEquals("no such constraints file: " + dir.resolve("nope.txt"), missing.getMessage());
    Path main = Files.writeString(dir.resolve("r.txt"), "idna\n-r\n");
    PipException empty = assertThrows(PipException.class, () -> walk(main, false));
    assertEquals(main + ":2: -r names no file", empty.getMessage());
  }
}
