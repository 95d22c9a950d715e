package dev.mkwheels.engine;

import dev.mkwheels.api.Console;
import dev.mkwheels.pip.PipRunner;
import java.time.Duration;
import java.util.Map;

/**
 * Where every {@link PipRunner} of a run comes from: the modes' pipeline, {@code lock} and {@code
 * wheelhouse} ask here instead of calling its constructor, so the wiring decides how pip runs.
 * Thread-safe.
 */
@FunctionalInterface
public interface PipRunners {
  /**
   * A runner for {@code python} with the user's {@code environment} (credentials are dropped by the
   * runner), progress on {@code console}, no run longer than {@code longestRun}.
   */
  PipRunner create(
      String python, Map<String, String> environment, Console console, Duration longestRun);
}
