package dev.mkwheels.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.api.SourceException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The caps on count and total size, which need small limits to be met by a small archive. */
class SafeUnpackerTest {
  @TempDir Path work;

  Path unpack(byte[] tarGz, SafeUnpacker.Limits limits) throws Exception {
    Path archive = work.resolve("a.tar.gz");
    Files.write(archive, tarGz);
    return new SafeUnpacker(limits).unpack(archive, work.resolve("out"), "the archive");
  }

  void assertNothingUnpacked() throws Exception {
    try (Stream<Path> left = Files.list(work.resolve("out"))) {
      assertEquals(List.of(), left.toList());
    }
  }

  @Test
  void tooManyEntriesAreRefused() throws Exception {
    TarGz tar = new TarGz().dir("p-1/");
    for (int i = 0; i < 10; i++) {
      tar.file("p-1/f" + i, "");
    }
    SourceException e =
        assertThrows(
            SourceException.class,
            () -> unpack(tar.bytes(), new SafeUnpacker.Limits(10, 100, 1000)));
    assertEquals("refusing the archive: holds more than 10 entries", e.getMessage());
    assertNothingUnpacked();
  }

  @Test
  void tooManyBytesInAllAreRefused() throws Exception {
    byte[] tar =
        new TarGz().dir("p-1/").file("p-1/a", "x".repeat(60)).file("p-1/b", "x".repeat(60)).bytes();
    SourceException e =
        assertThrows(
            SourceException.class, () -> unpack(tar, new SafeUnpacker.Limits(100, 100, 100)));
    assertEquals("refusing the archive: unpacks to more than 100 bytes", e.getMessage());
    assertNothingUnpacked();
  }

  @Test
  void aHardLinkCountsTowardsTheTotal() throws Exception {
    byte[] tar =
        new TarGz().dir("p-1/").file("p-1/a", "x".repeat(60)).hardLink("p-1/b", "p-1/a").bytes();
    SourceException e =
        assertThrows(
            SourceException.class, () -> unpack(tar, new SafeUnpacker.Limits(100, 100, 100)));
    assertTrue(e.getMessage().endsWith("unpacks to more than 100 bytes"), e.getMessage());
  }

  @Test
  void withinTheLimitsTheTreeIsMovedIntoPlace() throws Exception {
    byte[] tar =
        new TarGz().dir("p-1/").file("p-1/a", "x".repeat(60)).file("./p-1/sub/b", "y").bytes();
    Path tree = unpack(tar, new SafeUnpacker.Limits(3, 60, 61));
    assertEquals(work.resolve("out/p-1"), tree);
    assertEquals("y", Files.readString(tree.resolve("sub/b")));
    try (Stream<Path> left = Files.list(work.resolve("out"))) {
      assertEquals(List.of(tree), left.toList(), "the staging directory is gone");
    }
  }

  /**
   * Every byte of a real compressed tar flipped in turn. bzip2 checks a block's CRC only at the
   * block's end, and xz a block's check only after it, so some flips first yield a garbled tar
   * header, which would be refused as a wrong layout ("more than one top-level entry"); each must
   * be reported as what it is, a corrupt or truncated stream, with nothing left unpacked.
   */
  @ParameterizedTest
  @ValueSource(strings = {"-czf", "-cjf", "-cJf"})
  void everyCorruptByteIsReportedAsACorruptStream(String compress) throws Exception {
    Path src = Files.createDirectories(work.resolve("src/p-1/p"));
    Files.writeString(src.resolve("__init__.py"), "VALUE = 1\n".repeat(40));
    Files.writeString(src.resolve("../pyproject.toml"), "[project]\nname = 'p'\nversion = '1'\n");
    Path archive = work.resolve("clean");
    Process tar =
        new ProcessBuilder(
                "tar",
                "--sort=name",
                "--mtime=@0",
                "--owner=0",
                "--group=0",
                "--numeric-owner",
                compress,
                archive.toString(),
                "p-1")
            .directory(work.resolve("src").toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, tar.waitFor(), output);
    byte[] clean = Files.readAllBytes(archive);
    SafeUnpacker unpacker = new SafeUnpacker(new SafeUnpacker.Limits(100, 1 << 20, 1 << 20));
    int refused = 0;
    for (int at = 0; at < clean.length; at++) {
      byte[] bytes = clean.clone();
      bytes[at] ^= 0x55;
      Path corrupt = work.resolve("corrupt");
      Files.write(corrupt, bytes);
      Path out = work.resolve("out");
      try {
        // A byte no check covers (gzip's MTIME, a bzip2 bit that decodes alike) may change
        // nothing: then the tree must be the one packed.
        Path tree = unpacker.unpack(corrupt, out, "the archive");
        assertEquals(
            Files.readString(src.resolve("__init__.py")),
            Files.readString(tree.resolve("p/__init__.py")),
            "byte " + at);
        Trees.deleteQuietly(tree);
      } catch (SourceException e) {
        refused++;
        assertTrue(
            e.getMessage().startsWith("the archive is") && !e.getMessage().contains("\n"),
            "byte " + at + ": " + e.getMessage());
      }
      assertNothingUnpacked();
    }
    assertTrue(refused > clean.length / 2, refused + " of " + clean.length + " flips refused");
  }
}
