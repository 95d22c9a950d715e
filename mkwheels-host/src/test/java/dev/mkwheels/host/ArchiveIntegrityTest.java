package dev.mkwheels.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.api.SourceException;
import dev.mkwheels.host.internal.StrictTar;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tag archive is checked to its last byte: the gzip CRC-32 and length trailer, the padding after
 * the tar's end blocks, and the end of the file. Each broken archive here holds only valid entries,
 * so a reader that stops at the tar's end would take it.
 */
class ArchiveIntegrityTest {
  static final String TOP = "p-1/";

  @TempDir Path work;

  static TarGz valid() {
    return new TarGz()
        .dir(TOP)
        .file(TOP + "setup.py", "print('hello')\n".repeat(200))
        .file(TOP + "b", "b");
  }

  Path unpack(byte[] tarGz) throws Exception {
    Path archive = work.resolve("a.tar.gz");
    Files.write(archive, tarGz);
    return new SafeUnpacker(SafeUnpacker.Limits.DEFAULT)
        .unpack(archive, work.resolve("out"), "the archive");
  }

  void assertRefused(byte[] tarGz, String expected) throws Exception {
    SourceException e = assertThrows(SourceException.class, () -> unpack(tarGz));
    String message = e.getMessage();
    assertTrue(
        message.startsWith("the archive ") || message.startsWith("refusing the archive: "),
        message);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    try (Stream<Path> left = Files.list(work.resolve("out"))) {
      assertEquals(List.of(), left.toList(), "nothing unpacked");
    }
  }

  static byte[] flip(byte[] bytes, int index) {
    byte[] copy = bytes.clone();
    copy[index] ^= 0x10;
    return copy;
  }

  static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }

  @Test
  void aValidArchiveIsAccepted() throws Exception {
    Path tree = unpack(valid().bytes());
    assertEquals("b", Files.readString(tree.resolve("b")));
  }

  @Test
  void aValidArchivePaddedToAWholeRecordIsAccepted() throws Exception {
    // GNU tar and git archive pad the stream with zeros to a multiple of 10240 bytes.
    byte[] tar = valid().tar();
    Path tree = unpack(TarGz.gzip(Arrays.copyOf(tar, (tar.length / 10240 + 1) * 10240)));
    assertEquals("b", Files.readString(tree.resolve("b")));
  }

  @Test
  void anArchiveMadeByGnuTarIsAccepted() throws Exception {
    Path source = Files.createDirectories(work.resolve("src/p-1/pkg"));
    Files.writeString(source.resolve("__init__.py"), "x = 1\n".repeat(1000));
    Files.createSymbolicLink(source.resolve("link.py"), Path.of("__init__.py"));
    Path archive = work.resolve("gnu.tar.gz");
    Process tar =
        new ProcessBuilder(
                "tar", "-czf", archive.toString(), "-C", work.resolve("src").toString(), "p-1")
            .redirectErrorStream(true)
            .start();
    assertEquals(0, tar.waitFor(), new String(tar.getInputStream().readAllBytes()));
    Path tree = unpack(Files.readAllBytes(archive));
    assertEquals("x = 1\n".repeat(1000), Files.readString(tree.resolve("pkg/link.py")));
  }

  @Test
  void aFlippedBitInStoredDeflateDataIsCaughtByTheCrc() throws Exception {
    byte[] tar = valid().tar();
    byte[] gz = TarGz.gzip(tar, Deflater.NO_COMPRESSION);
    // Stored blocks: the tar bytes appear as they are, so flip one inside setup.py's content.
    int at = indexOf(gz, "print('hello')".getBytes()) + 3;
    assertRefused(flip(gz, at), "CRC32 error");
  }

  @Test
  void aFlippedBitInCompressedDeflateDataIsRefused() throws Exception {
    byte[] gz = valid().bytes();
    for (int at = 12; at < gz.length - 8; at += 7) {
      assertRefused(flip(gz, at), "the archive");
    }
  }

  @Test
  void aFlippedCrcByteIsRefused() throws Exception {
    byte[] gz = valid().bytes();
    assertRefused(flip(gz, gz.length - 8), "CRC32 error");
  }

  @Test
  void aFlippedLengthByteIsRefused() throws Exception {
    byte[] gz = valid().bytes();
    assertRefused(flip(gz, gz.length - 4), "size mismatch");
  }

  @Test
  void aMissingOrCutTrailerIsRefused() throws Exception {
    byte[] gz = valid().bytes();
    assertRefused(Arrays.copyOf(gz, gz.length - 8), "is truncated");
    assertRefused(Arrays.copyOf(gz, gz.length - 3), "is truncated");
  }

  @Test
  void garbageAfterTheGzipStreamIsRefused() throws Exception {
    String expected = "has bytes after the end of its gzip stream";
    assertRefused(concat(valid().bytes(), "garbage".getBytes()), expected);
    assertRefused(concat(valid().bytes(), new byte[1]), expected);
  }

  @Test
  void aSecondGzipMemberIsRefused() throws Exception {
    byte[] second = new TarGz().dir(TOP).file(TOP + "evil", "x").bytes();
    assertRefused(concat(valid().bytes(), second), "has bytes after the end of its gzip stream");
  }

  @Test
  void dataAfterTheTarEndIsRefused() throws Exception {
    byte[] tar = valid().tar();
    // Right after the end blocks, and inside the second end block itself.
    assertRefused(
        TarGz.gzip(concat(tar, "hidden".getBytes())), "has data after the end of its tar stream");
    byte[] inEnd = tar.clone();
    inEnd[inEnd.length - 10] = 'x';
    assertRefused(TarGz.gzip(inEnd), "has data after the end of its tar stream");
    // A whole entry after the end blocks, where a tar reader never looks.
    byte[] hidden = new TarGz().file(TOP + "hidden", "x").tar();
    assertRefused(TarGz.gzip(concat(tar, hidden)), "has data after the end of its tar stream");
  }

  @Test
  void endlessZeroPaddingIsRefused() throws Exception {
    byte[] tar = valid().tar();
    byte[] padded = Arrays.copyOf(tar, tar.length + (int) StrictTar.MAX_PADDING + 1);
    assertRefused(TarGz.gzip(padded), "bytes after its last entry");
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
