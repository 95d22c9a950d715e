package dev.mkwheels.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.testkit.Distributions;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What is refused, with which exit code, and that a refusal writes nothing. */
class RefusalTest {
  @TempDir Path temp;

  Path wheelhouse() throws Exception {
    Path directory = Files.createDirectories(temp.resolve("wheelhouse"));
    Distributions.wheel(directory, "alpha", "1.0");
    Distributions.wheel(directory, "zeta", "1.0");
    return directory;
  }

  MkwheelsException refused(Path directory, String name, String version, long epoch) {
    return assertThrows(
        MkwheelsException.class,
        () ->
            new Packager()
                .pack(
                    new PackRequest(
                        directory, name, version, epoch, temp.resolve("out"), List.of())));
  }

  void assertNothingWritten() throws Exception {
    Path out = temp.resolve("out");
    if (Files.exists(out)) {
      try (Stream<Path> files = Files.list(out)) {
        assertEquals(List.of(), files.toList());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../escape",
        "a/b",
        "",
        ".hidden",
        "-dash",
        "sp ace",
        "new\nline",
        "..",
        "x\u00e9"
      })
  void aNameOrVersionThatIsNotAFileNameIsAUsageError(String bad) throws Exception {
    Path directory = wheelhouse();
    assertEquals(2, refused(directory, bad, "1.0", 0).exitCode());
    assertEquals(2, refused(directory, "ok", bad, 0).exitCode());
    assertNothingWritten();
  }

  @Test
  void aNegativeEpochIsAUsageError() throws Exception {
    MkwheelsException e = refused(wheelhouse(), "ok", "1.0", -1);
    assertEquals(2, e.exitCode());
    assertTrue(e.getMessage().contains("negative"), e.getMessage());
    assertNothingWritten();
  }

  @Test
  void anEmptyDirectoryIsRefused() throws Exception {
    MkwheelsException e = refused(Files.createDirectories(temp.resolve("empty")), "ok", "1.0", 0);
    assertEquals(1, e.exitCode());
    assertTrue(e.getMessage().contains("holds no wheels or sdists"), e.getMessage());
    assertNothingWritten();
  }

  @Test
  void aMissingDirectoryIsAUsageError() {
    assertEquals(2, refused(temp.resolve("missing"), "ok", "1.0", 0).exitCode());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "notes.txt",
        "requirements.txt",
        "pkg-1.0.egg",
        "broken.whl",
        "pkg-1.0-py3-none.whl",
        "pkg-notaversion-py3-none-any.whl",
        "pkg.tar.gz"
      })
  void aFileThatIsNeitherAWheelNorAnSdistIsRefused(String name) throws Exception {
    Path directory = wheelhouse();
    Files.writeString(directory.resolve(name), "x");
    MkwheelsException e = refused(directory, "ok", "1.0", 0);
    assertEquals(1, e.exitCode());
    assertTrue(
        e.getMessage().contains("'" + name + "' is neither a wheel nor an sdist"), e.getMessage());
    assertNothingWritten();
  }

  @Test
  void aSubdirectoryIsRefused() throws Exception {
    Path directory = wheelhouse();
    Files.createDirectory(directory.resolve("nested"));
    assertTrue(
        refused(directory, "ok", "1.0", 0).getMessage().contains("'nested' is not a regular file"));
    assertNothingWritten();
  }

  @Test
  void aSymbolicLinkIsRefusedEvenToAGoodWheel() throws Exception {
    Path directory = wheelhouse();
    Path elsewhere =
        Distributions.wheel(Files.createDirectories(temp.resolve("else")), "mu", "1.0");
    Files.createSymbolicLink(directory.resolve(elsewhere.getFileName()), elsewhere);
    MkwheelsException e = refused(directory, "ok", "1.0", 0);
    assertEquals(1, e.exitCode());
    assertTrue(
        e.getMessage().contains("'mu-1.0-py3-none-any.whl' is a symbolic link"), e.getMessage());
    assertNothingWritten();
  }

  @Test
  void aLinkToNothingOrToADirectoryIsRefusedAsALink() throws Exception {
    Path directory = wheelhouse();
    Files.createSymbolicLink(directory.resolve("gone-1.0-py3-none-any.whl"), temp.resolve("none"));
    assertTrue(
        refused(directory, "ok", "1.0", 0)
            .getMessage()
            .contains("'gone-1.0-py3-none-any.whl' is a symbolic link"));
    Files.delete(directory.resolve("gone-1.0-py3-none-any.whl"));
    Files.createSymbolicLink(directory.resolve("dir"), temp);
    assertTrue(
        refused(directory, "ok", "1.0", 0).getMessage().contains("'dir' is a symbolic link"));
    assertNothingWritten();
  }

  @Test
  void aMemberIsNeverOpenedThroughALink() throws Exception {
    // What a file swapped for a link after the scan meets: the open fails, nothing is read.
    Path elsewhere =
        Distributions.wheel(Files.createDirectories(temp.resolve("else")), "mu", "1.0");
    Path link = Files.createSymbolicLink(temp.resolve(elsewhere.getFileName()), elsewhere);
    Wheelhouse.Member member =
        new Wheelhouse.Member(
            DistributionFile.parse(link.getFileName().toString()).orElseThrow(),
            link,
            Files.size(elsewhere));
    assertThrows(IOException.class, member::open);
    try (FileChannel in = new Wheelhouse.Member(member.file(), elsewhere, member.size()).open()) {
      assertEquals(Files.size(elsewhere), in.size());
    }
  }

  @Test
  void twoVersionsOfOneProjectAreRefused() throws Exception {
    Path directory = wheelhouse();
    Distributions.wheel(directory, "Alpha", "2.0");
    MkwheelsException e = refused(directory, "ok", "1.0", 0);
    assertTrue(e.getMessage().contains("2 versions of alpha (1.0, 2.0)"), e.getMessage());
    assertNothingWritten();
  }

  @Test
  void aWheelThatIsNotAZipIsRefusedAndTheOldTarballStays() throws Exception {
    Path directory = wheelhouse();
    Path out = Files.createDirectories(temp.resolve("out"));
    Path old = out.resolve("ok-wheels-1.0.tar.gz");
    Files.writeString(old, "the previous tarball");
    // Every file is checked before the first byte is written.
    Files.write(
        directory.resolve("zzz-1.0-py3-none-any.whl"),
        "not a zip".repeat(100).getBytes(StandardCharsets.UTF_8));
    MkwheelsException e = refused(directory, "ok", "1.0", 0);
    assertEquals(1, e.exitCode());
    assertTrue(e.getMessage().contains("is not a zip archive, so not a wheel"), e.getMessage());
    assertEquals("the previous tarball", Files.readString(old));
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(List.of(old), files.toList(), "no temporary file is left");
    }
  }

  @Test
  void ofTwoDamagedFilesTheFirstInNameOrderIsNamedWhicheverThreadMetItFirst() throws Exception {
    Path directory = wheelhouse();
    // The files are checked on two threads; the small one, later in name order, is done first.
    Files.write(
        directory.resolve("aaa-1.0-py3-none-any.whl"),
        "not a zip".repeat(200_000).getBytes(StandardCharsets.UTF_8));
    Files.write(
        directory.resolve("zzz-1.0-py3-none-any.whl"),
        "not a zip".getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < 5; i++) {
      MkwheelsException e = refused(directory, "ok", "1.0", 0);
      assertTrue(e.getMessage().contains("aaa-1.0-py3-none-any.whl"), e.getMessage());
      assertNothingWritten();
    }
  }

  @Test
  void anSdistThatIsNotGzipIsRefused() throws Exception {
    Path directory = wheelhouse();
    Files.writeString(directory.resolve("beta-1.0.tar.gz"), "plain text");
    assertTrue(refused(directory, "ok", "1.0", 0).getMessage().contains("is not a gzip file"));
    assertNothingWritten();
  }

  @Test
  void theWheelhouseItselfIsNotAnOutputDirectory() throws Exception {
    Path directory = wheelhouse();
    MkwheelsException e =
        assertThrows(
            MkwheelsException.class,
            () ->
                new Packager()
                    .pack(
                        new PackRequest(
                            directory, "ok", "1.0", 0, directory.resolve("."), List.of())));
    assertEquals(2, e.exitCode());
    try (Stream<Path> files = Files.list(directory)) {
      assertEquals(2, files.count(), "nothing written into the wheelhouse");
    }
  }

  @Test
  void aCompleteTarballReplacesTheOldOne() throws Exception {
    Path out = Files.createDirectories(temp.resolve("out"));
    Files.writeString(out.resolve("ok-wheels-1.0.tar.gz"), "the previous tarball");
    PackResult result =
        new Packager().pack(new PackRequest(wheelhouse(), "ok", "1.0", 0, out, List.of()));
    assertEquals(result.size(), Files.size(out.resolve("ok-wheels-1.0.tar.gz")));
  }
}
