package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.testkit.IsolatedPip;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged CLI ({@code target/lib}) in a fresh JVM, as a user runs it, with pip isolated from
 * the machine's configuration and its own temporary directory, so a test can see what it left.
 */
final class CliProcess {
  record Result(int code, String out, String err) {}

  private CliProcess() {}

  static Result run(Path temp, Path tmpdir, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Djava.io.tmpdir=" + tmpdir);
    command.addAll(List.of("-p", System.getProperty("mkwheels.lib"), "-m", "dev.mkwheels.cli/dev.mkwheels.cli.Main"));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(temp, "out", ".txt");
    Path err = Files.createTempFile(temp, "err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().clear();
    builder.environment().putAll(IsolatedPip.environment());
    Process process = builder.start();
    assertTrue(process.waitFor(300, TimeUnit.SECONDS), "the CLI finished");
    return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
