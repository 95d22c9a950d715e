package dev.mkwheels.selftest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Runs the built mkwheels CLI in a fresh JVM, as a user would, under a {@link Variation}. */
final class CliRunner {
  private static final long TIMEOUT_MINUTES = 20;

  private final Path cliLib;
  private final Map<String, String> environment;

  CliRunner(Path cliLib, Map<String, String> environment) {
    this.cliLib = cliLib;
    this.environment = new TreeMap<>(environment);
  }

  /** What one run printed. {@code json} is the parsed stdout when it was one JSON object. */
  record Run(int exit, String stdout, String stderr, Map<String, Object> json) {
    String lastError() {
      List<String> lines = stderr.strip().lines().toList();
      return lines.isEmpty()
          ? "exit " + exit + " with nothing on stderr"
          : lines.get(lines.size() - 1);
    }
  }

  /**
   * Runs {@code mkwheels ARGS} with its own private temporary directory ({@code tmp} under {@code
   * work}), so the caller can see that nothing was left behind.
   */
  Run run(Variation variation, Path work, List<String> args)
      throws IOException, InterruptedException {
    Path tmp = Files.createDirectories(work.resolve("tmp"));
    List<String> command =
        new ArrayList<>(
            List.of(
                "/bin/sh",
                "-c",
                "umask \"$1\" && shift && exec \"$@\"",
                "sh",
                variation.umask(),
                variation.java().toString(),
                "-Djava.io.tmpdir=" + tmp,
                "-p",
                cliLib.toString(),
                "-m",
                "dev.mkwheels.cli/dev.mkwheels.cli.Main"));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    builder.environment().put("TZ", variation.timeZone());
    builder.environment().put("LC_ALL", variation.locale());
    builder.environment().put("LANG", variation.locale());
    builder.environment().put("TMPDIR", tmp.toString());
    Path out = work.resolve("stdout.txt");
    Path err = work.resolve("stderr.txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new IOException("mkwheels did not finish within " + TIMEOUT_MINUTES + " minutes");
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    Map<String, Object> json = Map.of();
    if (stdout.strip().startsWith("{")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> parsed = new ObjectMapper().readValue(stdout, Map.class);
      json = parsed;
    }
    return new Run(process.exitValue(), stdout, stderr, json);
  }
}
