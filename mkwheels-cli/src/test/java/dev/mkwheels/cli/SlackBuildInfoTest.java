package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.testkit.Distributions;
import dev.mkwheels.testkit.TamperedGzip;
import dev.mkwheels.testkit.TarballFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --slackbuild}: the {@code .info} lines, through {@link Main#run} as a user runs it. */
class SlackBuildInfoTest {
  @TempDir Path temp;

  private MainTest.Result pack(Path wheelhouse, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "pack",
                "--dir",
                wheelhouse.toString(),
                "--name",
                "demo",
                "--ver",
                "1.0",
                "--epoch",
                "1234",
                "--output-dir",
                temp.resolve("out").toString()));
    args.addAll(List.of(extra));
    return MainTest.run(args.toArray(String[]::new));
  }

  private static String value(MainTest.Result result, String key) {
    return result
        .out()
        .lines()
        .filter(l -> l.startsWith(key + ": "))
        .findFirst()
        .orElseThrow()
        .substring(key.length() + 2);
  }

  private static List<String> info(MainTest.Result result) {
    return result
        .out()
        .lines()
        .filter(l -> l.startsWith("slackbuild: "))
        .map(l -> l.substring("slackbuild: ".length()))
        .toList();
  }

  private Path pure() throws Exception {
    Path wheelhouse = Files.createDirectories(temp.resolve("pure"));
    Distributions.wheel(wheelhouse, "alpha", "1.0");
    Distributions.sdist(wheelhouse, "beta", "2.0");
    return wheelhouse;
  }

  @Test
  void aPureTreeGetsDownloadAndMd5UnderTheGivenBase() throws Exception {
    MainTest.Result result =
        pack(pure(), "--slackbuild", "--download-url", "https://example.org/src/");
    assertEquals(0, result.code(), result.err());
    assertEquals(
        List.of(
            "DOWNLOAD=\"https://example.org/src/demo-wheels-1.0.tar.gz\"",
            "MD5SUM=\"" + value(result, "md5") + "\""),
        info(result));
  }

  @Test
  void withoutDownloadUrlTheUrlIsAMarkedPlaceholder() throws Exception {
    MainTest.Result result = pack(pure(), "--slackbuild");
    assertEquals(0, result.code(), result.err());
    assertEquals(
        "DOWNLOAD=\"FIXME-give---download-url/demo-wheels-1.0.tar.gz\"", info(result).get(0));
  }

  @Test
  void anX86OnlyWheelMakesTheX86Forms() throws Exception {
    Path wheelhouse = Files.createDirectories(temp.resolve("native"));
    Distributions.wheel(wheelhouse, "alpha", "1.0");
    Distributions.wheel(
        wheelhouse,
        "fast",
        "3.0",
        "cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64",
        Map.of());
    MainTest.Result result =
        pack(wheelhouse, "--slackbuild", "--download-url", "https://example.org/src");
    assertEquals(0, result.code(), result.err());
    assertEquals(
        List.of(
            "DOWNLOAD=\"UNSUPPORTED\"",
            "MD5SUM=\"\"",
            "DOWNLOAD_x86_64=\"https://example.org/src/demo-wheels-1.0.tar.gz\"",
            "MD5SUM_x86_64=\"" + value(result, "md5") + "\""),
        info(result));
  }

  @Test
  void anX86WheelBesideAPureOneOfTheSameProjectIsNotX86Only() throws Exception {
    Path wheelhouse = Files.createDirectories(temp.resolve("both"));
    Distributions.wheel(wheelhouse, "fast", "3.0");
    Distributions.wheel(wheelhouse, "fast", "3.0", "cp311-cp311-linux_x86_64", Map.of());
    Distributions.wheel(wheelhouse, "mac", "1.0", "py3-none-macosx_10_9_x86_64", Map.of());
    MainTest.Result result = pack(wheelhouse, "--slackbuild");
    assertEquals(0, result.code(), result.err());
    assertTrue(info(result).get(0).startsWith("DOWNLOAD=\"FIXME"), result.out());
    assertEquals(2, info(result).size(), result.out());
  }

  @Test
  void jsonHasTheLinesUnderSlackbuild() throws Exception {
    MainTest.Result result =
        pack(pure(), "--slackbuild", "--download-url", "ftp://example.org/x", "--json");
    assertEquals(0, result.code(), result.err());
    JsonNode root = new ObjectMapper().readTree(result.out());
    assertEquals(
        "DOWNLOAD=\"ftp://example.org/x/demo-wheels-1.0.tar.gz\"",
        root.path("slackbuild").get(0).asText());
    assertEquals(
        "MD5SUM=\"" + root.path("md5").asText() + "\"", root.path("slackbuild").get(1).asText());
  }

  @Test
  void withoutSlackbuildNothingIsAdded() throws Exception {
    MainTest.Result result = pack(pure());
    assertEquals(0, result.code(), result.err());
    assertFalse(result.out().contains("slackbuild"), result.out());
  }

  @Test
  void aDownloadUrlAShellWouldReadOtherwiseIsAUsageErrorAndNothingIsWritten() throws Exception {
    Path wheelhouse = pure();
    for (String bad :
        List.of(
            "https://example.org/$(rm -rf ~)",
            "https://example.org/$HOME/src",
            "https://example.org/a\"b",
            "https://example.org/a b",
            "https://example.org/x?y=1",
            "file:///srv",
            "example.org/src")) {
      MainTest.Result result = pack(wheelhouse, "--slackbuild", "--download-url", bad);
      assertEquals(2, result.code(), bad + ": " + result.err());
      assertTrue(result.err().contains("--download-url must be a plain"), result.err());
      assertEquals(1, result.err().lines().count(), result.err());
      assertFalse(Files.exists(temp.resolve("out")), "nothing packed for " + bad);
    }
    MainTest.Result result = pack(wheelhouse, "--download-url", "https://example.org");
    assertEquals(2, result.code(), result.err());
    assertTrue(result.err().contains("--download-url is for --slackbuild"), result.err());
  }

  @Test
  void theModesTakeTheOptionsToo() {
    MainTest.Result help = MainTest.run("--help");
    assertTrue(help.out().contains("--slackbuild"), help.out());
    assertTrue(help.out().contains("--download-url"), help.out());
    MainTest.Result result =
        MainTest.run(
            "--pypi",
            "--name",
            "x",
            "--ver",
            "1",
            "--epoch",
            "1",
            "--download-url",
            "https://example.org");
    assertEquals(2, result.code(), result.err());
    assertTrue(result.err().contains("--download-url is for --slackbuild"), result.err());
  }

  private Path artifact() throws Exception {
    return TarballFiles.write(
        temp.resolve("x-wheels-1.tar.gz"),
        Map.of("x-wheels-1/six-1.16.0-py2.py3-none-any.whl", "wheel"));
  }

  @Test
  void anArtifactWithASecondGzipMemberIsRefusedInOneLine() throws Exception {
    Path tarball = TamperedGzip.appendMember(artifact(), "hidden");
    MkwheelsException e =
        assertThrows(MkwheelsException.class, () -> SlackBuildInfo.x86Only(tarball));
    assertEquals(
        "--slackbuild: x-wheels-1.tar.gz has bytes after the end of its gzip stream; refused",
        e.getMessage());
  }

  @Test
  void anArtifactWithABadCrcIsRefusedInOneLine() throws Exception {
    Path tarball = TamperedGzip.breakCrc(artifact());
    MkwheelsException e =
        assertThrows(MkwheelsException.class, () -> SlackBuildInfo.x86Only(tarball));
    assertEquals(
        "--slackbuild: cannot read x-wheels-1.tar.gz: Gzip-compressed data is corrupt (CRC32 error)",
        e.getMessage());
  }
}
