package dev.mkwheels.cli;

import dev.mkwheels.api.Epoch;
import java.util.Optional;

/** The epoch the user fixed: --epoch, else SOURCE_DATE_EPOCH. */
final class Epochs {
  private Epochs() {}

  static Optional<Epoch> fixed(String option, Environment environment) throws UsageException {
    if (option != null) {
      return Optional.of(new Epoch(parse(option, "--epoch"), "--epoch"));
    }
    Optional<String> variable = environment.get("SOURCE_DATE_EPOCH");
    if (variable.isPresent()) {
      return Optional.of(
          new Epoch(parse(variable.get(), "SOURCE_DATE_EPOCH"), "SOURCE_DATE_EPOCH"));
    }
    return Optional.empty();
  }

  static long parse(String text, String what) throws UsageException {
    String value = text.strip();
    if (!value.matches("[0-9]{1,12}")) {
      throw new UsageException(
          what + " must be a whole number of seconds since 1970 (0 or more), not '" + text + "'");
    }
    return Long.parseLong(value);
  }
}
