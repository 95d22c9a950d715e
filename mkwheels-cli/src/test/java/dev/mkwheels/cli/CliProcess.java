package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.testkit.IsolatedPip;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The packaged CLI ({@code target/lib}) in a fresh JVM, as a user runs it, with pip isolated from
 * the machine's configuration and its own temporary directory, so a test can see what it left.
 */
final class CliProcess {
  record Result(int code, String out, String err) {}

  private CliProcess() {}

  static Result run(Path temp, Path tmpdir, String... args) throws Exception {
    return run(temp, tmpdir, Map.of(), Optional.empty(), args);
  }

  /**
   * @param env set on top of the isolated environment (for example {@code TZ} or {@code TMPDIR})
   * @param umask the file mode creation mask the CLI runs under (set by {@code sh}), for example
   *     {@code 077}; empty for the test's own
   */
  static Result run(
      Path temp, Path tmpdir, Map<String, String> env, Optional<String> umask, String... args)
      throws Exception {
    List<String> command = new ArrayList<>();
    umask.ifPresent(
        mask -> command.addAll(List.of("sh", "-c", "umask " + mask + " && exec \"$@\"", "sh")));
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Djava.io.tmpdir=" + tmpdir);
    command.addAll(
        List.of(
            "-p",
            System.getProperty("mkwheels.lib"),
            "-m",
            "dev.mkwheels.cli/dev.mkwheels.cli.Main"));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(temp, "out", ".txt");
    Path err = Files.createTempFile(temp, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().clear();
    builder.environment().putAll(IsolatedPip.environment());
    builder.environment().putAll(env);
    Process process = builder.start();
    assertTrue(process.waitFor(300, TimeUnit.SECONDS), "the CLI finished");
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /**
   * Starts the CLI and returns at once, for a test that signals it: output goes to {@code out} and
   * {@code err}. SIGINT is reset to its default first, since a JVM started with SIGINT ignored (a
   * background job of a shell without job control) never runs its shutdown hooks on it.
   */
  static Process start(Path tmpdir, Map<String, String> env, Path out, Path err, String... args)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "python3",
                "-c",
                "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])"));
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Djava.io.tmpdir=" + tmpdir);
    command.addAll(
        List.of(
            "-p",
            System.getProperty("mkwheels.lib"),
            "-m",
            "dev.mkwheels.cli/dev.mkwheels.cli.Main"));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().clear();
    builder.environment().putAll(IsolatedPip.environment());
    builder.environment().putAll(env);
    return builder.start();
  }
}
