package dev.mkwheels.cli;

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
}
