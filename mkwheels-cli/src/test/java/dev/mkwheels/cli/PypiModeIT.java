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
    index = PackageIndex.start()
        .add(WheelBuilder.wheel("alpha", "1.0").requires("beta>=1", "gamma; python_version < '3'").build(), UPLOADED)
        .add(WheelBuilder.wheel("beta", "1.0").build(), UPLOADED)
        .add(WheelBuilder.wheel("gamma", "1.0").build(), UPLOADED)
        .add(BuildBackend.wheel(), UPLOADED)
        .add(SdistBuilder.sdist("omega", "1.0").requires("alpha").build(), UPLOADED.plusSeconds(60));
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
  void aReleaseNotOnTheIndexFailsInOneLineAndLeavesNothing() throws Exception {
    CliProcess.Result result = CliProcess.run(temp, tmpdir, "--pypi", "--name", "nope", "--ver", "v2.0",
        "--index-url", index.simpleUrl(), "--pypi-url", index.jsonApiUrl(), "--output-dir", out.toString());
    assertEquals(1, result.code(), result.err());
    assertEquals("", result.out());
    List<String> errors = result.err().lines().filter(l -> !l.startsWith("mkwheels: ") || l.contains("not on")).toList();
    assertEquals(List.of("mkwheels: nope 2.0 is not on the index " + index.simpleUrl()), errors);
    assertEquals(List.of(), list(out), "no tarball");
    assertEquals(List.of(), list(tmpdir), "no work directory left");
  }

  @Test
  void noPipAtPythonFailsInOneLine() throws Exception {
    CliProcess.Result result = CliProcess.run(temp, tmpdir, "--pypi", "--quiet", "--name", "alpha", "--ver", "1.0",
        "--epoch", "1", "--python", "/nonexistent/python3", "--index-url", index.simpleUrl(),
        "--output-dir", out.toString());
    assertEquals(1, result.code(), result.err());
    assertEquals("mkwheels: cannot run the Python interpreter '/nonexistent/python3' (--python): no such file or command\n",
        result.err());
    assertEquals(List.of(), list(tmpdir), "no work directory left");
  }
}
