package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.testkit.IsolatedPip;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.WheelBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --pypi} failing: each one line on stderr, exit 1, no tarball. In-process, with real pip
 * against a loopback index.
 */
class PypiFailuresTest {
  static PackageIndex index;
  static final Map<String, String> ENV = IsolatedPip.environment();

  @TempDir Path out;
  @TempDir Path scratch;

  @BeforeAll
  static void serve() throws IOException {
    index =
        PackageIndex.start()
            .add(
                WheelBuilder.wheel("alpha", "1.0").requires("beta").build(),
                Instant.parse("2024-01-01T00:00:00Z"))
            .add(WheelBuilder.wheel("beta", "1.0").build(), Instant.parse("2024-01-01T00:00:00Z"))
            .advertiseHash("beta-1.0-py3-none-any.whl", "0".repeat(64));
  }

  @AfterAll
  static void stop() {
    index.close();
  }

  MainTest.Result pypi(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--pypi",
                "--quiet",
                "--output-dir",
                out.toString(),
                "--index-url",
                index.simpleUrl(),
                "--pypi-url",
                index.jsonApiUrl()));
    args.addAll(List.of(more));
    return MainTest.run(ENV, args.toArray(String[]::new));
  }

  void assertFailure(MainTest.Result result, String expected) throws IOException {
    assertEquals(1, result.code(), result.err());
    assertEquals("", result.out());
    assertEquals(List.of("mkwheels: " + expected), result.err().lines().toList());
    try (Stream<Path> left = Files.list(out)) {
      assertEquals(List.of(), left.toList(), "nothing written");
    }
  }

  @Test
  void aReleaseNotOnTheIndexNamesTheIndex() throws IOException {
    assertFailure(
        pypi("--name", "nope", "--ver", "1.0", "--epoch", "1"),
        "nope==1.0 is not on the index "
            + index.simpleUrl()
            + " (pip: No matching distribution found for nope==1.0 (from versions: none))");
  }

  @Test
  void aMissingInterpreterIsNamed() throws IOException {
    Path python = out.resolveSibling("no-such-python");
    assertFailure(
        pypi("--name", "alpha", "--ver", "1.0", "--epoch", "1", "--python", python.toString()),
        "cannot run the Python interpreter '" + python + "' (--python): no such file or command");
  }

  @Test
  void aWrongIndexHashIsAMismatch() throws IOException {
    MainTest.Result result = pypi("--name", "alpha", "--ver", "1.0", "--epoch", "1");
    assertFailure(result, result.err().strip().substring("mkwheels: ".length()));
    assertTrue(
        result
            .err()
            .contains(
                "hash mismatch for "
                    + index.simpleUrl().replace("/simple", "")
                    + "/files/beta-1.0-py3-none-any.whl: the index says sha256 "
                    + "0".repeat(64)),
        result.err());
  }

  @Test
  void anUnreachableJsonApiWithoutAnEpochSaysToPassOne() throws IOException {
    String closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = "http://127.0.0.1:" + socket.getLocalPort() + "/pypi";
    }
    MainTest.Result result =
        MainTest.run(
            ENV,
            "--pypi",
            "--quiet",
            "--output-dir",
            out.toString(),
            "--name",
            "alpha",
            "--ver",
            "1.0",
            "--pypi-url",
            closed,
            "--index-url",
            out.toUri().toString());
    assertFailure(result, result.err().strip().substring("mkwheels: ".length()));
    assertTrue(
        result
            .err()
            .startsWith(
                "mkwheels: cannot derive the epoch of alpha 1.0: the PyPI JSON API is unreachable ("),
        result.err());
    assertTrue(
        result.err().strip().endsWith("; pass --epoch N (seconds since 1970)"), result.err());
  }

  @Test
  void aHangingInterpreterIsKilledAfterTheTimeoutInOneLine() throws IOException {
    // An interpreter that never answers: real pip cannot be made to hang on demand. The first
    // question (pip's version, configuration and tags, in one run) meets it; a pip run that hangs
    // is tried once more (PipRunnerTest).
    Path hanging = Files.writeString(scratch.resolve("python"), "#!/bin/sh\nsleep 60\n");
    hanging.toFile().setExecutable(true);
    Map<String, String> env = new java.util.TreeMap<>(ENV);
    env.put("MKWHEELS_PIP_TIMEOUT", "1");
    MainTest.Result result =
        MainTest.run(
            env,
            "--pypi",
            "--quiet",
            "--output-dir",
            out.toString(),
            "--name",
            "alpha",
            "--ver",
            "1.0",
            "--epoch",
            "1",
            "--index-url",
            index.simpleUrl(),
            "--python",
            hanging.toString());
    assertEquals(1, result.code(), result.err());
    assertEquals(
        List.of(
            "mkwheels: reading pip's version, configuration and tags ("
                + hanging
                + ") timed out after 1s"),
        result.err().lines().toList());
  }

  @Test
  void aBadNameIsAUsageError() {
    MainTest.Result result = pypi("--name", "-bad-", "--ver", "1.0", "--epoch", "1");
    MainTest.assertUsageError(result, "--name '-bad-' is not a valid project name (PEP 508)");
  }

  @Test
  void aVersionWithTwoLeadingVsIsAUsageError() {
    MainTest.assertUsageError(
        pypi("--name", "alpha", "--ver", "vv1.0", "--epoch", "1"),
        "--ver 'vv1.0' starts with more than one 'v': give the version, with at most one leading 'v'");
  }

  @Test
  void aBadTimeoutInTheEnvironmentIsAUsageErrorNotReplaced() {
    for (String variable : List.of("MKWHEELS_HTTP_TIMEOUT", "MKWHEELS_PIP_TIMEOUT")) {
      for (String value : List.of("abc", "0", "-5", "1.5", "10000000")) {
        Map<String, String> env = new java.util.TreeMap<>(ENV);
        env.put(variable, value);
        MainTest.Result result =
            MainTest.run(
                env,
                "--pypi",
                "--quiet",
                "--output-dir",
                out.toString(),
                "--name",
                "alpha",
                "--ver",
                "1.0",
                "--epoch",
                "1",
                "--index-url",
                index.simpleUrl());
        MainTest.assertUsageError(
            result,
            "mkwheels: "
                + variable
                + " must be a whole number of seconds from 1 to 999999, not '"
                + value
                + "'");
      }
    }
  }
}
