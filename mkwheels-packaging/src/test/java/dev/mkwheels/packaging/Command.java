package dev.mkwheels.packaging;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a real program (tar, gzip, python3, pip) and collects what it printed. */
record Command(int code, String out, String err) {

  /** pip sees none of this machine's configuration: no config file, no find-links, no index. */
  static final Map<String, String> ISOLATED_PIP =
      Map.of(
          "PIP_CONFIG_FILE", "/dev/null",
          "PIP_DISABLE_PIP_VERSION_CHECK", "1",
          "PIP_NO_INPUT", "1",
          "LC_ALL", "C.UTF-8",
          "TZ", "UTC");

  static Command run(Path directory, List<String> command)
      throws IOException, InterruptedException {
    return run(directory, Map.of(), command);
  }

  static Command run(Path directory, Map<String, String> env, List<String> command)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("mkwheels-test", ".out");
    Path err = Files.createTempFile("mkwheels-test", ".err");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      builder.environment().keySet().removeIf(key -> key.startsWith("PIP_"));
      builder.environment().putAll(env);
      Process process = builder.start();
      assertTrue(process.waitFor(120, TimeUnit.SECONDS), "finished: " + command);
      return new Command(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  Command succeeded() {
    assertTrue(code == 0, "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err);
    return this;
  }
}
