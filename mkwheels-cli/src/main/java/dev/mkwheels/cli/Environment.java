package dev.mkwheels.cli;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The process environment, injected so that tests can give their own. */
record Environment(Map<String, String> variables) {
  Environment {
    variables = Map.copyOf(new TreeMap<>(variables));
  }

  Optional<String> get(String name) {
    return Optional.ofNullable(variables.get(name)).filter(v -> !v.isEmpty());
  }

  /**
   * A duration the user set in seconds, for example {@code MKWHEELS_HTTP_TIMEOUT}; {@code fallback}
   * when the variable is unset or empty.
   *
   * @throws UsageException when it is set to anything but a whole number of seconds from 1 to
   *     999999: a value the user set is never silently replaced
   */
  Duration seconds(String name, Duration fallback) throws UsageException {
    Optional<String> value = get(name);
    if (value.isEmpty()) {
      return fallback;
    }
    String text = value.get().strip();
    if (!text.matches("[0-9]{1,6}") || Long.parseLong(text) == 0) {
      throw new UsageException(
          name + " must be a whole number of seconds from 1 to 999999, not '" + value.get() + "'");
    }
    return Duration.ofSeconds(Long.parseLong(text));
  }
}
