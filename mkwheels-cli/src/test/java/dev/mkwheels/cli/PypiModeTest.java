package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mkwheels.testkit.IsolatedPip;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.SdistBuilder;
import dev.mkwheels.testkit.WheelBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --pypi} succeeding, in-process, with real pip against a loopback index. */
class PypiModeTest {
  static final Instant UPLOADED = Instant.parse("2024-02-03T04:05:06.789Z");
  static PackageIndex index;

  @TempDir Path out;

  @BeforeAll
  static void serve() throws IOException {
    index =
        PackageIndex.start()
            .add(WheelBuilder.wheel("alpha", "1.0").requires("beta").build(), UPLOADED)
            .add(WheelBuilder.wheel("beta", "1.0").build(), UPLOADED.minusSeconds(3600))
            .add(
                WheelBuilder.wheel("fastlib", "2.0")
                    .tag("cp312-cp312-manylinux_2_17_x86_64")
                    .requires("beta")
                    .build(),
                UPLOADED)
            .add(
                WheelBuilder.wheel("fastlib", "2.0").tag("cp312-cp312-win_amd64").build(), UPLOADED)
            .add(SdistBuilder.sdist("fastlib", "2.0").build(), UPLOADED);
  }

  @AfterAll
  static void stop() {
    index.close();
  }

  MainTest.Result pypi(Map<String, String> extraEnv, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--pypi",
                "--output-dir",
                out.toString(),
                "--index-url",
                index.simpleUrl(),
                "--pypi-url",
                index.jsonApiUrl()));
    args.addAll(List.of(more));
    Map<String, String> env = new TreeMap<>(IsolatedPip.environment());
    env.putAll(extraEnv);
    return MainTest.run(env, args.toArray(String[]::new));
  }

  @Test
  void theEpochComesFromTheJsonApiAndTheSummarySaysWhereEverythingCameFrom() {
    MainTest.Result result = pypi(Map.of(), "--name", "alpha", "--ver", "v1.0");
    assertEquals(0, result.code(), result.err());
    List<String> lines = result.out().lines().toList();
    assertEquals("tarball: " + out.resolve("alpha-wheels-1.0.tar.gz"), lines.get(0));
    assertTrue(lines.contains("epoch: " + UPLOADED.getEpochSecond()), result.out());
    assertTrue(lines.contains("distributions: 2"), result.out());
    assertTrue(
        lines.contains(
            "epoch-from: PyPI JSON upload_time_iso_8601 of alpha 1.0 (" + index.jsonApiUrl() + ")"),
        result.out());
    assertTrue(
        result.out().contains("index options: --index-url " + index.simpleUrl() + "\n"),
        result.out());
    assertTrue(lines.contains("hashes: 2 of 2 files match the index's sha256"), result.out());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("upload-time-filter: ")), result.out());
    assertTrue(
        result.err().contains("mkwheels: hashing 2 files"), "progress on stderr: " + result.err());
  }

  @Test
  void sourceDateEpochFromTheEnvironmentWins() {
    MainTest.Result result =
        pypi(Map.of("SOURCE_DATE_EPOCH", "1700000000"), "--name", "alpha", "--ver", "1.0");
    assertEquals(0, result.code(), result.err());
    assertTrue(result.out().contains("epoch: 1700000000\n"), result.out());
    assertTrue(result.out().contains("epoch-from: SOURCE_DATE_EPOCH\n"), result.out());
  }

  @Test
  void anotherPlatformTakesTheOlderManylinuxWheelAndSaysWhatWasAdded() {
    MainTest.Result result =
        pypi(
            Map.of(),
            "--name",
            "fastlib",
            "--ver",
            "2.0",
            "--epoch",
            "1700000000",
            "--platform",
            "manylinux_2_28_x86_64",
            "--python-version",
            "3.12",
            "--implementation",
            "cp",
            "--abi",
            "cp312");
    assertEquals(0, result.code(), result.err());
    assertTrue(result.out().contains("distributions: 2\n"), result.out());
    assertTrue(
        result
            .out()
            .contains(
                "target: --platform manylinux_2_28_x86_64 --python-version 3.12 --implementation cp"
                    + " --abi cp312, "),
        result.out());
    assertTrue(result.out().contains("--only-binary=:all: added (pip requires it)"), result.out());
  }

  @Test
  void jsonOutputIsOneObject() throws Exception {
    MainTest.Result result =
        pypi(Map.of(), "--name", "alpha", "--ver", "1.0", "--epoch", "1700000000", "--json");
    assertEquals(0, result.code(), result.err());
    assertEquals(1, result.out().lines().count(), result.out());
    Map<?, ?> doc = new ObjectMapper().readValue(result.out(), Map.class);
    assertEquals(1700000000, doc.get("epoch"));
    assertEquals(out.resolve("alpha-wheels-1.0.tar.gz").toString(), doc.get("tarball"));
    assertTrue(
        Files.size(out.resolve("alpha-wheels-1.0.tar.gz"))
            == ((Number) doc.get("size")).longValue());
  }
}
