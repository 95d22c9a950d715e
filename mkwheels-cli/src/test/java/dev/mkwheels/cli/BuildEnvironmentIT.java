package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mkwheels.testkit.BuildBackend;
import dev.mkwheels.testkit.PackageIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What third-party code sees of the user's environment: a real pip builds an sdist whose in-tree
 * build backend records its environment ({@link ProbeSdist}).
 */
class BuildEnvironmentIT {
  static final Instant UPLOADED = Instant.parse("2024-05-06T07:08:09Z");
  static PackageIndex index;

  // The sdist's sources, deleted with the class (a directory made by hand outlived every run).
  @TempDir static Path work;

  @TempDir Path temp;

  @BeforeAll
  static void serve() throws Exception {
    index =
        PackageIndex.start()
            .add(BuildBackend.wheel(), UPLOADED)
            .add(ProbeSdist.build("probe", "1.0", work), UPLOADED);
  }

  @AfterAll
  static void stop() {
    index.close();
  }

  @Test
  void aBuildBackendSeesNoCredentialButWhatTheUserPassesOnPurpose() throws Exception {
    Path tmpdir = Files.createDirectory(temp.resolve("tmp"));
    Path out = Files.createDirectory(temp.resolve("out"));
    Path probe = Files.createDirectory(temp.resolve("probe"));
    CliProcess.Result result =
        CliProcess.run(
            temp,
            tmpdir,
            Map.of(
                "MKW_PROBE_DIR",
                probe.toString(),
                "GITHUB_TOKEN",
                "secret-1",
                "GH_TOKEN",
                "secret-2",
                "CI_JOB_TOKEN",
                "secret-3",
                "AWS_SECRET_ACCESS_KEY",
                "secret-4",
                "Twine_Password",
                "secret-5",
                "FOO_TOKEN",
                "x",
                "MKWHEELS_PASS_ENV",
                "FOO_TOKEN"),
            Optional.empty(),
            "--pypi",
            "--name",
            "probe",
            "--ver",
            "1.0",
            "--index-url",
            index.simpleUrl(),
            "--pypi-url",
            index.jsonApiUrl(),
            "--output-dir",
            out.toString());
    assertEquals(0, result.code(), result.err());
    List<Path> recorded;
    try (Stream<Path> files = Files.list(probe)) {
      recorded = files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    assertFalse(recorded.isEmpty(), "pip ran the backend's hooks");
    for (Path file : recorded) {
      @SuppressWarnings("unchecked")
      Map<String, String> env = new ObjectMapper().readValue(file.toFile(), Map.class);
      assertTrue(
          env.values().stream().noneMatch(v -> v.contains("secret-")),
          "no credential reaches the build backend: " + new java.util.TreeMap<>(env).keySet());
      assertEquals("x", env.get("FOO_TOKEN"), "a variable named in MKWHEELS_PASS_ENV passes");
      assertEquals(
          probe.toString(), env.get("MKW_PROBE_DIR"), "the rest of the environment passes");
    }
  }
}
