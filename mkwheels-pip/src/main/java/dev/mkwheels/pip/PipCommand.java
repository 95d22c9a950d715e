package dev.mkwheels.pip;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One run of {@code python -m pip ARGS}. Immutable; build one with {@link #of} and the {@code
 * with...} methods.
 *
 * @param label what the run does, for progress and messages: {@code pip download}
 * @param arguments everything after {@code -m pip}
 * @param environment variables set on top of the runner's environment (a sorted copy)
 * @param unset variables removed from the runner's environment for this run
 * @param workingDirectory where pip runs, or empty for the JVM's current directory
 * @param timeout the longest the run may take; pip and its children are killed after it
 * @param attempts how many times a run that timed out is started again (at least 1)
 */
public record PipCommand(
    String label,
    List<String> arguments,
    Map<String, String> environment,
    List<String> unset,
    Optional<Path> workingDirectory,
    Duration timeout,
    int attempts) {

  /** The default timeout of one pip run: a big tree on a slow index takes minutes, not hours. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

  public PipCommand {
    Objects.requireNonNull(label, "label is null");
    arguments = List.copyOf(arguments);
    environment = Map.copyOf(new TreeMap<>(environment));
    unset = List.copyOf(unset);
    Objects.requireNonNull(workingDirectory, "workingDirectory is null");
    Objects.requireNonNull(timeout, "timeout is null");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
    }
  }

  /**
   * {@code python -m pip ARGS} with the runner's environment, the default timeout and one attempt;
   * the label is {@code pip} and the first argument.
   */
  public static PipCommand of(List<String> arguments) {
    String label = arguments.isEmpty() ? "pip" : "pip " + arguments.get(0);
    return new PipCommand(
        label, arguments, Map.of(), List.of(), Optional.empty(), DEFAULT_TIMEOUT, 1);
  }

  /** {@code python -m pip ARGS}. */
  public static PipCommand of(String... arguments) {
    return of(List.of(arguments));
  }

  public PipCommand withLabel(String newLabel) {
    return new PipCommand(
        newLabel, arguments, environment, unset, workingDirectory, timeout, attempts);
  }

  /** These variables on top of the runner's environment (the later value wins). */
  public PipCommand withEnvironment(Map<String, String> more) {
    TreeMap<String, String> merged = new TreeMap<>(environment);
    merged.putAll(more);
    return new PipCommand(label, arguments, merged, unset, workingDirectory, timeout, attempts);
  }

  public PipCommand withUnset(List<String> names) {
    return new PipCommand(
        label, arguments, environment, names, workingDirectory, timeout, attempts);
  }

  public PipCommand withWorkingDirectory(Path directory) {
    return new PipCommand(
        label, arguments, environment, unset, Optional.of(directory), timeout, attempts);
  }

  public PipCommand withTimeout(Duration newTimeout) {
    return new PipCommand(
        label, arguments, environment, unset, workingDirectory, newTimeout, attempts);
  }

  /** Start a run that timed out again, up to {@code times} runs in all. */
  public PipCommand withAttempts(int times) {
    return new PipCommand(label, arguments, environment, unset, workingDirectory, timeout, times);
  }
}
