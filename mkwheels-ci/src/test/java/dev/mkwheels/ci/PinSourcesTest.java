package dev.mkwheels.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mkwheels.testkit.TamperedGzip;
import dev.mkwheels.testkit.TarballFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinSourcesTest {
  @TempDir Path dir;
  private final RecordingConsole console = new RecordingConsole();

  @Test
  void anExtractedTarballGivesEachDistributionOnceAtAnyDepth() throws Exception {
    Path wheels = Files.createDirectories(dir.resolve("demo-wheels-1.0/wheels"));
    for (String name :
        List.of(
            "six-1.16.0-py2.py3-none-any.whl",
            "PyYAML-6.0.1-cp311-cp311-manylinux_2_17_x86_64.whl",
            "PyYAML-6.0.1-cp312-cp312-manylinux_2_17_x86_64.whl",
            "python-dateutil-2.8.2.tar.gz",
            "mystery.zip")) {
      Files.writeString(wheels.resolve(name), "");
    }
    Files.writeString(dir.resolve("demo-wheels-1.0/requirements.txt"), "six==1.16.0\n");
    assertEquals(
        List.of(
            new Pin("python-dateutil", "2.8.2"),
            new Pin("pyyaml", "6.0.1"),
            new Pin("six", "1.16.0")),
        PinSources.fromDirectory(dir, console));
    assertEquals(
        List.of(
            "cannot tell the project and version of demo-wheels-1.0/wheels/mystery.zip; not audited"),
        console.warnings);
  }

  @Test
  void aDirectoryWithoutDistributionsIsAnError() throws Exception {
    Files.writeString(dir.resolve("README"), "");
    CiException e = assertThrows(CiException.class, () -> PinSources.fromDirectory(dir, console));
    assertEquals("no wheels or sdists under " + dir, e.getMessage());
    assertThrows(
        CiException.class, () -> PinSources.fromDirectory(dir.resolve("missing"), console));
  }

  private Path tarball() throws Exception {
    return TarballFiles.write(
        dir.resolve("x-wheels-1.tar.gz"),
        Map.of("x-wheels-1/requirements.txt", "alpha==1.1 --hash=sha256:00\n"));
  }

  @Test
  void aSoundTarballGivesItsPins() throws Exception {
    assertEquals(List.of(new Pin("alpha", "1.1")), PinSources.fromTarball(tarball(), console));
  }

  @Test
  void aTarballWithASecondGzipMemberIsRefusedInOneLine() throws Exception {
    Path tarball = TamperedGzip.appendMember(tarball(), "hidden");
    CiException e = assertThrows(CiException.class, () -> PinSources.fromTarball(tarball, console));
    assertEquals(tarball + " has bytes after the end of its gzip stream; refused", e.getMessage());
  }

  @Test
  void aTarballWithABadCrcIsRefusedInOneLine() throws Exception {
    Path tarball = TamperedGzip.breakCrc(tarball());
    CiException e = assertThrows(CiException.class, () -> PinSources.fromTarball(tarball, console));
    assertEquals(
        tarball + " is not a gzip tarball: Gzip-compressed data is corrupt (CRC32 error)",
        e.getMessage());
  }
}
