package dev.mkwheels.rebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.testkit.TamperedGzip;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tarball is read without trusting it: only what mkwheels packs is accepted. */
class ArtifactTest {
  @TempDir Path temp;

  Path tarball(TarArchiveEntry... entries) throws IOException {
    Path path = temp.resolve("t.tar.gz");
    try (OutputStream file = Files.newOutputStream(path);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(file))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (TarArchiveEntry entry : entries) {
        tar.putArchiveEntry(entry);
        if (entry.getSize() > 0) {
          tar.write(new byte[(int) entry.getSize()]);
        }
        tar.closeArchiveEntry();
      }
    }
    return path;
  }

  static TarArchiveEntry file(String name, String content) {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(content.getBytes(StandardCharsets.UTF_8).length);
    return entry;
  }

  static TarArchiveEntry directory(String name) {
    return new TarArchiveEntry(name, TarArchiveEntry.LF_DIR);
  }

  String refusal(Path tarball) {
    return assertThrows(MkwheelsException.class, () -> Artifact.read(tarball)).getMessage();
  }

  @Test
  void readsTheTopDirectoryAndThePylock() throws Exception {
    Path path = temp.resolve("ok.tar.gz");
    String text = "[tool.mkwheels]\n";
    try (OutputStream file = Files.newOutputStream(path);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(file))) {
      tar.putArchiveEntry(directory("d-wheels-1/"));
      tar.closeArchiveEntry();
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry lock = new TarArchiveEntry("d-wheels-1/pylock.toml");
      lock.setSize(bytes.length);
      tar.putArchiveEntry(lock);
      tar.write(bytes);
      tar.closeArchiveEntry();
    }
    assertEquals(new Artifact("d-wheels-1", text), Artifact.read(path));
  }

  @Test
  void anEntryLeavingTheTopDirectoryIsRefused() throws Exception {
    String message = refusal(tarball(directory("d/"), file("d/../../x", "x")));
    assertEquals("refusing t.tar.gz: entry 'd/../../x' is not a plain file in 'd/'", message);
  }

  @Test
  void aLinkIsRefused() throws Exception {
    TarArchiveEntry link = new TarArchiveEntry("d/pylock.toml", TarArchiveEntry.LF_SYMLINK);
    link.setLinkName("/etc/passwd");
    assertTrue(refusal(tarball(directory("d/"), link)).contains("is not a plain file"));
  }

  @Test
  void aNameTwiceIsRefused() throws Exception {
    assertTrue(
        refusal(tarball(directory("d/"), file("d/a.whl", ""), file("d/a.whl", "")))
            .contains("appears twice"));
  }

  @Test
  void aFirstEntryThatIsNotADirectoryIsRefused() throws Exception {
    assertTrue(refusal(tarball(file("pylock.toml", ""))).contains("not one top-level directory"));
  }

  @Test
  void aCorruptGzipStreamIsAFailureEvenFarPastTheTarsEnd() throws Exception {
    // Zero blocks beyond the tar's own record: only reading on to the gzip trailer finds the CRC.
    java.io.ByteArrayOutputStream tarBytes = new java.io.ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(tarBytes)) {
      tar.putArchiveEntry(directory("d/"));
      tar.closeArchiveEntry();
      TarArchiveEntry lock = file("d/pylock.toml", "abc");
      tar.putArchiveEntry(lock);
      tar.write("abc".getBytes(StandardCharsets.UTF_8));
      tar.closeArchiveEntry();
    }
    Path path = temp.resolve("t.tar.gz");
    try (OutputStream gzip = new GZIPOutputStream(Files.newOutputStream(path))) {
      gzip.write(tarBytes.toByteArray());
      gzip.write(new byte[64 * 1024]);
    }
    assertEquals(new Artifact("d", "abc"), Artifact.read(path));
    byte[] bytes = Files.readAllBytes(path);
    bytes[bytes.length - 6] ^= 0x55; // the CRC-32 in the trailer
    Files.write(path, bytes);
    assertTrue(refusal(path).startsWith("cannot read t.tar.gz as a .tar.gz"), refusal(path));
  }

  Path sound() throws IOException {
    return tarball(directory("d/"), file("d/pylock.toml", "abc"));
  }

  @Test
  void aSecondGzipMemberIsRefused() throws Exception {
    Path path = TamperedGzip.appendMember(sound(), "hidden");
    assertEquals("refusing t.tar.gz: it has bytes after the end of its gzip stream", refusal(path));
  }

  @Test
  void aBadCrcIsRefused() throws Exception {
    Path path = TamperedGzip.breakCrc(sound());
    assertEquals(
        "cannot read t.tar.gz as a .tar.gz: Gzip-compressed data is corrupt (CRC32 error)",
        refusal(path));
  }

  @Test
  void garbageAfterTheGzipStreamIsRefused() throws Exception {
    Path path = sound();
    Files.write(path, new byte[] {'x'}, java.nio.file.StandardOpenOption.APPEND);
    assertEquals("refusing t.tar.gz: it has bytes after the end of its gzip stream", refusal(path));
  }
}
