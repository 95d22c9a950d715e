package dev.mkwheels.rebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.testkit.TamperedGzip;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarballDiffTest {
  @TempDir Path temp;

  Path tarball(String name, long mtime, String content, int mode) throws IOException {
    Path path = temp.resolve(name);
    try (OutputStream file = Files.newOutputStream(path);
        GZIPOutputStream gzip = new GZIPOutputStream(file);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
      for (String entryName :
          new String[] {"pkg-wheels-1/a.whl", "pkg-wheels-1/requirements.txt"}) {
        byte[] bytes = (entryName + content).getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(entryName);
        entry.setSize(bytes.length);
        entry.setModTime(new Date(entryName.endsWith(".txt") ? mtime * 1000 : 0));
        entry.setMode(mode);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
      }
    }
    return path;
  }

  @Test
  void identicalFilesHaveNoDifference() throws IOException {
    Path a = tarball("a.tar.gz", 100, "x", 0644);
    Path b = temp.resolve("b.tar.gz");
    Files.copy(a, b);
    assertEquals(Optional.empty(), TarballDiff.compare(a, b));
  }

  @Test
  void aClockDerivedMtimeIsNamedWithItsEntryAndField() throws IOException {
    Path a = tarball("a.tar.gz", 100, "x", 0644);
    Path b = tarball("b.tar.gz", 1_700_000_000L, "x", 0644);
    String difference = TarballDiff.compare(a, b).orElseThrow();
    assertEquals("entry 'pkg-wheels-1/requirements.txt': mtime 100 vs 1700000000", difference);
  }

  @Test
  void aModeFromTheUmaskIsNamed() throws IOException {
    String difference =
        TarballDiff.compare(tarball("a.tar.gz", 1, "x", 0644), tarball("b.tar.gz", 1, "x", 0600))
            .orElseThrow();
    assertTrue(difference.startsWith("entry 'pkg-wheels-1/a.whl': mode 644 vs 600"), difference);
  }

  @Test
  void differentContentIsNamed() throws IOException {
    String difference =
        TarballDiff.compare(tarball("a.tar.gz", 1, "x", 0644), tarball("b.tar.gz", 1, "y", 0644))
            .orElseThrow();
    assertTrue(difference.startsWith("entry 'pkg-wheels-1/a.whl': content sha256"), difference);
  }

  @Test
  void aGzipHeaderDifferenceIsNamed() throws IOException {
    Path a = tarball("a.tar.gz", 1, "x", 0644);
    byte[] bytes = Files.readAllBytes(a);
    bytes[9] = (byte) 3;
    Path b = Files.write(temp.resolve("b.tar.gz"), bytes);
    assertTrue(TarballDiff.compare(a, b).orElseThrow().startsWith("gzip header: OS byte"));
  }

  @Test
  void anExtraEntryIsNamedWithBothCounts() throws IOException {
    Path a = tarball("a.tar.gz", 1, "x", 0644);
    Path b = temp.resolve("b.tar.gz");
    try (OutputStream file = Files.newOutputStream(b);
        GZIPOutputStream gzip = new GZIPOutputStream(file);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
      for (String entryName :
          new String[] {"pkg-wheels-1/a.whl", "pkg-wheels-1/requirements.txt", "pkg-wheels-1/z"}) {
        byte[] bytes = (entryName + "x").getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(entryName);
        entry.setSize(bytes.length);
        entry.setModTime(new Date(entryName.endsWith(".txt") ? 1000 : 0));
        entry.setMode(0644);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
      }
    }
    assertEquals(
        Optional.of("one has 2 entries, the other 3; the first extra is 'pkg-wheels-1/z'"),
        TarballDiff.compare(a, b));
    assertEquals(
        Optional.of("one has 3 entries, the other 2; the first extra is 'pkg-wheels-1/z'"),
        TarballDiff.compare(b, a));
  }

  @Test
  void aSecondGzipMemberIsRefusedNamingTheFile() throws IOException {
    Path a = tarball("a.tar.gz", 100, "x", 0644);
    Path b = Files.copy(a, temp.resolve("b.tar.gz"));
    TamperedGzip.appendMember(b, "hidden");
    IOException e = assertThrows(IOException.class, () -> TarballDiff.compare(a, b));
    assertEquals("b.tar.gz has bytes after the end of its gzip stream; refused", e.getMessage());
  }

  @Test
  void aBadCrcIsRefusedNamingTheFile() throws IOException {
    Path a = tarball("a.tar.gz", 100, "x", 0644);
    Path b = TamperedGzip.breakCrc(Files.copy(a, temp.resolve("b.tar.gz")));
    IOException e = assertThrows(IOException.class, () -> TarballDiff.compare(a, b));
    assertEquals(
        "b.tar.gz is not a sound .tar.gz: Gzip-compressed data is corrupt (CRC32 error)",
        e.getMessage());
  }
}
