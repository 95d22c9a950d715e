package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.testkit.BuildBackend;
import dev.mkwheels.testkit.Dist;
import dev.mkwheels.testkit.SdistBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An sdist whose in-tree build backend ({@code backend-path}) wraps {@code mkw-backend} and, in
 * every hook pip runs, writes its whole environment to {@code $MKW_PROBE_DIR/env-PID.json}; with
 * {@code MKW_PROBE_HANG} set it then starts a marker child ({@code sleep}), writes {@code "PID
 * CHILD_PID"} to {@code $MKW_PROBE_DIR/marker} and sleeps: a build that blocks at a known point,
 * three processes below the CLI.
 */
final class ProbeSdist {
  static final String BACKEND =
      """
      import json, os, subprocess, time
      import mkw_backend

      def _probe():
          directory = os.environ.get("MKW_PROBE_DIR")
          if not directory:
              return
          name = os.path.join(directory, "env-%d" % os.getpid())
          with open(name + ".tmp", "w") as f:
              json.dump(dict(os.environ), f)
          os.rename(name + ".tmp", name + ".json")
          if os.environ.get("MKW_PROBE_HANG"):
              child = subprocess.Popen(["sleep", "300"])
              marker = os.path.join(directory, "marker")
              with open(marker + ".tmp", "w") as f:
                  f.write("%d %d\\n" % (os.getpid(), child.pid))
              os.rename(marker + ".tmp", marker)
              time.sleep(300)

      def get_requires_for_build_wheel(config_settings=None):
          _probe()
          return mkw_backend.get_requires_for_build_wheel(config_settings)

      def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
          _probe()
          return mkw_backend.build_wheel(wheel_directory, config_settings, metadata_directory)
      """;

  private ProbeSdist() {}

  /** {@code name-version.tar.gz}, built by the probe; {@code work} is a scratch directory. */
  static Dist build(String name, String version, Path work) throws Exception {
    Dist plain = SdistBuilder.sdist(name, version).build();
    Path tree = Files.createDirectories(work.resolve("probe-sdist"));
    Path archive = plain.writeTo(work);
    run(tree, "tar", "-xzf", archive.toString());
    Path root = tree.resolve(plain.filename().replace(".tar.gz", ""));
    Files.writeString(
        root.resolve("pyproject.toml"),
        "[build-system]\nrequires = [\""
            + BuildBackend.PROJECT
            + "\"]\nbuild-backend = \"probe_backend\"\nbackend-path = [\".\"]\n",
        StandardCharsets.UTF_8);
    Files.writeString(root.resolve("probe_backend.py"), BACKEND, StandardCharsets.UTF_8);
    Path rebuilt = work.resolve("rebuilt-" + plain.filename());
    run(tree, "tar", "-czf", rebuilt.toString(), root.getFileName().toString());
    return new Dist(name, version, plain.filename(), Files.readAllBytes(rebuilt));
  }

  private static void run(Path directory, String... command)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(List.of(command))
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
    assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + output);
  }
}
