package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.testkit.IsolatedPip;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.WheelBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The modes check every file's hash against the indexes pip used, pip's own configuration included
 * (a pip.conf named by {@code PIP_CONFIG_FILE}), with real pip and loopback indexes.
 */
class PipConfigIndexHashesTest {
  static final Instant UPLOADED = Instant.parse("2024-01-01T00:00:00Z");
  static PackageIndex named;
  static PackageIndex configured;

  @TempDir Path out;
  @TempDir Path scratch;

  @BeforeAll
  static void serve() throws IOException {
    named =
        PackageIndex.start()
            .add(WheelBuilder.wheel("alpha", "1.0").requires("beta").build(), UPLOADED);
    configured = PackageIndex.start().add(WheelBuilder.wheel("beta", "1.0").build(), UPLOADED);
  }

  @AfterAll
  static void stop() {
    named.close();
    configured.close();
  }

  Map<String, String> environment(String pipConf) throws IOException {
    Map<String, String> env = new TreeMap<>(IsolatedPip.environment());
    env.put("PIP_CONFIG_FILE", Files.writeString(scratch.resolve("pip.conf"), pipConf).toString());
    return env;
  }

  @Test
  void aFileFromAnIndexInPipsConfigurationIsCheckedAgainstThatIndex() throws IOException {
    MainTest.Result result =
        MainTest.run(
            environment("[global]\nextra-index-url = " + configured.simpleUrl() + "\n"),
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
            named.simpleUrl(),
            "--pypi-url",
            named.jsonApiUrl());
    assertEquals(0, result.code(), result.err());
    assertEquals("", result.err());
    assertTrue(
        result.out().contains("hashes: 2 of 2 files match the index's sha256\n"), result.out());
    assertTrue(
        result
            .out()
            .contains("indexes: " + named.simpleUrl() + ", " + configured.simpleUrl() + "\n"),
        result.out());
  }

  @Test
  void withNoIndexUrlTheIndexOfPipsConfigurationIsAsked() throws IOException {
    MainTest.Result result =
        MainTest.run(
            environment(
                "[global]\nindex-url = "
                    + named.simpleUrl()
                    + "\nextra-index-url = "
                    + configured.simpleUrl()
                    + "\n"),
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
            "--pypi-url",
            named.jsonApiUrl());
    assertEquals(0, result.code(), result.err());
    assertTrue(
        result.out().contains("hashes: 2 of 2 files match the index's sha256\n"), result.out());
    assertTrue(
        result
            .out()
            .contains("indexes: " + named.simpleUrl() + ", " + configured.simpleUrl() + "\n"),
        result.out());
  }

  @Test
  void aFileNoIndexListsIsAWarningOnStderr() throws IOException {
    Path links = Files.createDirectory(scratch.resolve("links"));
    WheelBuilder.wheel("beta", "1.0").build().writeTo(links);
    MainTest.Result result =
        MainTest.run(
            environment("[global]\nfind-links = " + links + "\n"),
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
            named.simpleUrl(),
            "--pypi-url",
            named.jsonApiUrl());
    assertEquals(0, result.code(), result.err());
    assertEquals(
        List.of(
            "mkwheels: warning: no index hash to check for 1 of 2 files (beta-1.0-py3-none-any.whl):"
                + " no index pip used lists it with a sha256; --require-index-hashes makes this an error"),
        result.err().lines().toList());
    assertTrue(
        result.out().contains("indexes: " + named.simpleUrl() + ", --find-links " + links + "\n"),
        result.out());
  }

  @Test
  void requiringIndexHashesFailsOnAFileNoIndexListsAndWritesNothing() throws IOException {
    Path links = Files.createDirectory(scratch.resolve("links"));
    WheelBuilder.wheel("beta", "1.0").build().writeTo(links);
    MainTest.Result result =
        MainTest.run(
            environment("[global]\nfind-links = " + links + "\n"),
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
            named.simpleUrl(),
            "--pypi-url",
            named.jsonApiUrl(),
            "--require-index-hashes");
    assertEquals(1, result.code(), result.err());
    assertEquals(
        List.of(
            "mkwheels: no index hash to check for 1 of 2 files (beta-1.0-py3-none-any.whl): no index"
                + " pip used lists it with a sha256 (--require-index-hashes)"),
        result.err().lines().toList());
    try (Stream<Path> left = Files.list(out)) {
      assertEquals(List.of(), left.toList(), "nothing written");
    }
  }
}
