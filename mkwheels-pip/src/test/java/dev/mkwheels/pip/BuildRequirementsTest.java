package dev.mkwheels.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mkwheels.testkit.SdistBuilder;
import dev.mkwheels.testkit.TamperedGzip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pyproject.toml as real projects write it. */
class BuildRequirementsTest {
  @TempDir Path temp;

  Path sdist() throws IOException {
    return SdistBuilder.sdist("demo", "1.0").buildRequires("hatchling").build().writeTo(temp);
  }

  @Test
  void anSdistPaddedWithZerosIsReadAsPipWouldReadIt() throws IOException {
    Path sdist = sdist();
    Files.write(sdist, new byte[1024], StandardOpenOption.APPEND);
    assertEquals(List.of("mkw-backend", "hatchling"), BuildRequirements.ofSdist(sdist));
  }

  @Test
  void anSdistWithASecondGzipMemberIsRefusedNamingIt() throws IOException {
    Path sdist = TamperedGzip.appendMember(sdist(), "hidden");
    IOException e = assertThrows(IOException.class, () -> BuildRequirements.ofSdist(sdist));
    assertEquals(
        "demo-1.0.tar.gz has bytes after the end of its gzip stream; refused", e.getMessage());
  }

  @Test
  void anSdistWithABadCrcIsRefusedNamingIt() throws IOException {
    Path sdist = TamperedGzip.breakCrc(sdist());
    IOException e = assertThrows(IOException.class, () -> BuildRequirements.ofSdist(sdist));
    assertEquals(
        "demo-1.0.tar.gz is not a valid gzip tarball: Gzip-compressed data is corrupt (CRC32 error)",
        e.getMessage());
  }

  @Test
  void oneLineArray() {
    assertEquals(
        List.of("hatchling"),
        BuildRequirements.parse("[build-system]\nrequires = [\"hatchling\"]\n"));
  }

  @Test
  void multiLineArrayWithCommentsMarkersAndSingleQuotes() {
    String toml =
        """
        [project]
        requires = ["not-this"]

        [build-system]
        # the backend
        requires = [
            "setuptools>=61", # modern
            'wheel',
            "tomli; python_version < '3.11'",  # a ] in a comment
        ]
        build-backend = "setuptools.build_meta"
        """;
    assertEquals(
        List.of("setuptools>=61", "wheel", "tomli; python_version < '3.11'"),
        BuildRequirements.parse(toml));
  }

  @Test
  void noBuildSystemMeansWhatPipAssumes() {
    assertEquals(
        BuildRequirements.LEGACY, BuildRequirements.parse("[tool.black]\nline-length = 100\n"));
    assertEquals(
        BuildRequirements.LEGACY,
        BuildRequirements.parse("[build-system]\nbuild-backend = \"x\"\n"));
  }

  @Test
  void anEmptyListNeedsNothing() {
    assertEquals(List.of(), BuildRequirements.parse("[build-system]\nrequires = []\n"));
  }
}
