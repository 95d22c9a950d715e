package dev.mkwheels.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.api.SourceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
