package dev.mkwheels.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the real {@code pip download} for a {@link Scenario}, as a user would, isolated from the
 * machine's pip configuration ({@link IsolatedPip}) and cache, and lists the files it saved.
 *
 * @param python the interpreter whose pip runs, for example {@code python3}
 */
public record PipDownload(String python) {
  private static final long TIMEOUT_SECONDS = 300;

  public PipDownload {
    Objects.requireNonNull(python, "python is null");
  }

  /**
   * {@code pip download --dest DEST --no-cache-dir --index-url INDEX [-c constraints] ROOTS
   * EXTRA...} for {@code scenario}'s {@link Scenario#pipRoots} and constraints; returns the names
   * of the files saved in {@code dest}, sorted.
   *
   * @throws IllegalStateException when pip fails, with its output
   */
  public SortedSet<String> run(Scenario scenario, String indexUrl, Path dest, String... extra) {
    try {
      Files.createDirectories(dest);
      List<String> command =
          new ArrayList<>(
              List.of(
                  python,
                  "-m",
                  "pip",
                  "download",
                  "--dest",
                  dest.toString(),
                  "--no-cache-dir",
                  "--progress-bar",
                  "off",
                  "--index-url",
                  indexUrl));
      if (!scenario.constraints().isEmpty()) {
        Path constraints = Files.createTempFile(dest.getParent(), "constraints", ".txt");
        Files.write(constraints, scenario.constraints(), StandardCharsets.UTF_8);
        command.add("--constraint");
        command.add(constraints.toString());
      }
      command.addAll(List.of(extra));
      command.addAll(scenario.pipRoots());
      run(command, dest.getParent());
      try (Stream<Path> saved = Files.list(dest)) {
        SortedSet<String> names = new TreeSet<>();
        saved.forEach(p -> names.add(p.getFileName().toString()));
        return names;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void run(List<String> command, Path directory) throws IOException {
    Path log = Files.createTempFile(directory, "pip", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().clear();
    builder.environment().putAll(IsolatedPip.environment());
    Process process = builder.start();
    try {
      process.getOutputStream().close();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new IllegalStateException("pip download timed out: " + String.join(" ", command));
      }
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running pip", e);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          "pip download failed ("
              + process.exitValue()
              + "): "
              + String.join(" ", command)
              + "\n"
              + Files.readString(log, StandardCharsets.UTF_8));
    }
  }
}
