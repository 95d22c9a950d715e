package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.testkit.BuildBackend;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.SdistBuilder;
import dev.mkwheels.testkit.WheelBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mkwheels --pypi} run as a user runs it: the packaged CLI in a fresh JVM, real pip. */
class PypiModeIT {
  static final Instant UPLOADED = Instant.parse("2024-05-06T07:08:09.500Z");
  static PackageIndex index;

  @TempDir Path temp;
  Path tmpdir;
  Path out;

  @BeforeAll
  static void serve() throws IOException {
    index =
        PackageIndex.start()
            .add(
                WheelBuilder.wheel("alpha", "1.0")
                    .requires("beta>=1", "gamma; python_version < '3'")
                    .build(),
                UPLOADED)
            .add(WheelBuilder.wheel("beta", "1.0").build(), UPLOADED)
            .add(WheelBuilder.wheel("gamma", "1.0").build(), UPLOADED)
            .add(BuildBackend.wheel(), UPLOADED)
            .add(
                SdistBuilder.sdist("omega", "1.0").requires("alpha").build(),
                UPLOADED.plusSeconds(60));
  }

  @AfterAll
  static void stop() {
    index.close();
  }

  @BeforeEach
  void directories() throws IOException {
    tmpdir = Files.createDirectory(temp.resolve("tmp"));
    out = Files.createDirectory(temp.resolve("out"));
  }

  static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  @Test
  void anSdistTreeVendorsWithItsBuildBackendAndInstallsOfflineIntoAFreshVenv() throws Exception {
    CliProcess.Result result =
        CliProcess.run(
            temp,
            tmpdir,
            "--pypi",
            "--name",
            "omega",
            "--ver",
            "1.0",
            "--index-url",
            index.simpleUrl(),
            "--pypi-url",
            index.jsonApiUrl(),
            "--output-dir",
            out.toString());
    assertEquals(0, result.code(), result.err());
    Path tarball = out.resolve("omega-wheels-1.0.tar.gz");
    assertEquals(List.of(tarball), list(out));
    assertEquals(List.of(), list(tmpdir), "no work directory left");
    assertTrue(
        result.out().contains("epoch: " + UPLOADED.plusSeconds(60).getEpochSecond() + "\n"),
        result.out());
    assertTrue(
        result.out().contains("distributions: 4\n"),
        "omega, alpha, beta, mkw-backend: " + result.out());
    assertTrue(result.out().contains("build-requirements: 1 files added"), result.out());
    assertTrue(
        result.err().contains("mkwheels: pip downloaded 3 files"),
        "progress on stderr: " + result.err());

    Path extracted = Files.createDirectory(temp.resolve("extracted"));
    run(List.of("tar", "-xzf", tarball.toString(), "-C", extracted.toString()));
    Path wheels = extracted.resolve("omega-wheels-1.0");
    // pylock.toml names the index each downloaded file's hash was checked against.
    String pylock = Files.readString(wheels.resolve("pylock.toml"));
    assertTrue(pylock.contains("name = \"omega\"\nversion = \"1.0\"\nindex = \""), pylock);
    // ... and when the index (JSON, PEP 700) says each file was uploaded.
    assertTrue(
        pylock.contains(
            "name = \"alpha-1.0-py3-none-any.whl\"\nupload-time = 2024-05-06T07:08:09.500000Z\n"),
        pylock);
    assertTrue(
        pylock.contains("name = \"omega-1.0.tar.gz\"\nupload-time = 2024-05-06T07:09:09.500000Z\n"),
        pylock);
    // Anyone can rebuild it from the indexes the lock names: the same bytes.
    CliProcess.Result rebuilt = CliProcess.run(temp, tmpdir, "rebuild", tarball.toString());
    assertEquals(0, rebuilt.code(), rebuilt.out() + rebuilt.err());
    assertTrue(rebuilt.out().contains("result: identical\n"), rebuilt.out());
    assertEquals(List.of(), list(tmpdir), "no work directory left by rebuild");
    Path venv = temp.resolve("venv");
    run(List.of("python3", "-m", "venv", venv.toString()));
    run(
        List.of(
            venv.resolve("bin/python").toString(),
            "-m",
            "pip",
            "install",
            "--no-index",
            "--find-links",
            wheels.toString(),
            "--require-hashes",
            "-r",
            wheels.resolve("requirements.txt").toString()));
    run(List.of(venv.resolve("bin/python").toString(), "-c", "import omega, alpha, beta"));
  }

  @Test
  void twoRunsAtOneEpochAreByteIdentical() throws Exception {
    String[] args = {
      "--pypi",
      "--quiet",
      "--name",
      "alpha",
      "--ver",
      "1.0",
      "--epoch",
      "1700000000",
      "--index-url",
      index.simpleUrl(),
      "--output-dir",
      out.toString()
    };
    CliProcess.Result first = CliProcess.run(temp, tmpdir, args);
    assertEquals(0, first.code(), first.err());
    byte[] bytes = Files.readAllBytes(out.resolve("alpha-wheels-1.0.tar.gz"));
    CliProcess.Result second = CliProcess.run(temp, tmpdir, args);
    assertEquals(0, second.code(), second.err());
    assertTrue(
        java.util.Arrays.equals(bytes, Files.readAllBytes(out.resolve("alpha-wheels-1.0.tar.gz"))));
    assertEquals(first.out(), second.out());
  }

  @Test
  void verifyInstallsTheTarballOfflineIntoAFreshVenvAndSaysSo() throws Exception {
    CliProcess.Result result =
        CliProcess.run(
            temp,
            tmpdir,
            "--pypi",
            "--name",
            "alpha",
            "--ver",
            "1.0",
            "--epoch",
            "1700000000",
            "--verify",
            "--index-url",
            index.simpleUrl(),
            "--output-dir",
            out.toString());
    assertEquals(0, result.code(), result.err());
    assertTrue(
        result.out().contains("verify: installed offline into a fresh venv of python3"),
        result.out());
    assertTrue(result.err().contains("verify: pip install -r requirements.txt"), result.err());
    assertEquals(List.of(out.resolve("alpha-wheels-1.0.tar.gz")), list(out));
    assertEquals(List.of(), list(tmpdir), "the verification venv is gone too");
  }

  static void run(List<String> command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(dev.mkwheels.testkit.IsolatedPip.environment());
    Process process = builder.start();
    String output =
        new String(
            process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + output);
  }

  @Test
  void aReleaseNotOnTheIndexFailsInOneLineAndLeavesNothing() throws Exception {
    CliProcess.Result result =
        CliProcess.run(
            temp,
            tmpdir,
            "--pypi",
            "--name",
            "nope",
            "--ver",
            "v2.0",
            "--index-url",
            index.simpleUrl(),
            "--pypi-url",
            index.jsonApiUrl(),
            "--output-dir",
            out.toString());
    assertEquals(1, result.code(), result.err());
    assertEquals("", result.out());
    List<String> errors =
        result
            .err()
            .lines()
            .filter(l -> !l.startsWith("mkwheels: ") || l.contains("not on"))
            .toList();
    assertEquals(List.of("mkwheels: nope 2.0 is not on the index " + index.simpleUrl()), errors);
    assertEquals(List.of(), list(out), "no tarball");
    assertEquals(List.of(), list(tmpdir), "no work directory left");
  }

  @Test
  void noPipAtPythonFailsInOneLine() throws Exception {
    CliProcess.Result result =
        CliProcess.run(
            temp,
            tmpdir,
            "--pypi",
            "--quiet",
            "--name",
            "alpha",
            "--ver",
            "1.0",
            "--epoch",
            "1",
            "--python",
            "/nonexistent/python3",
            "--index-url",
            index.simpleUrl(),
            "--output-dir",
            out.toString());
    assertEquals(1, result.code(), result.err());
    assertEquals(
        "mkwheels: cannot run the Python interpreter '/nonexistent/python3' (--python): no such file or command\n",
        result.err());
    assertEquals(List.of(), list(tmpdir), "no work directory left");
  }
}
