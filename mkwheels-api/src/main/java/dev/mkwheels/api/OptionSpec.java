package dev.mkwheels.api;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One command-line option of a {@link SourceProvider}: {@code --<name> <valueLabel>}.
 *
 * @param name the long name without dashes, for example {@code repo}
 * @param valueLabel how {@code --help} shows the value, for example {@code OWNER/REPO}
 * @param description one line for {@code --help}
 * @param required whether the mode cannot run without it
 * @param defaultValue the value used when the option is absent and not required, or empty; a
 *     description of a computed default belongs in {@code description}
 * @param repeatable whether the option may be given more than once
 */
public record OptionSpec(
    String name,
    String valueLabel,
    String description,
    boolean required,
    Optional<String> defaultValue,
    boolean repeatable) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  public OptionSpec {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(valueLabel, "valueLabel is null");
    Objects.requireNonNull(description, "description is null");
    Objects.requireNonNull(defaultValue, "defaultValue is null");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "option name must be lower-case words joined by '-': " + name);
    }
    if (required && defaultValue.isPresent()) {
      throw new IllegalArgumentException("a required option has no default: " + name);
    }
  }

  /** A required single-valued option. */
  public static OptionSpec required(String name, String valueLabel, String description) {
    return new OptionSpec(name, valueLabel, description, true, Optional.empty(), false);
  }

  /** An optional single-valued option with no default. */
  public static OptionSpec optional(String name, String valueLabel, String description) {
    return new OptionSpec(name, valueLabel, description, false, Optional.empty(), false);
  }

  /** An optional single-valued option with a default. */
  public static OptionSpec withDefault(
      String name, String valueLabel, String description, String defaultValue) {
    return new OptionSpec(name, valueLabel, description, false, Optional.of(defaultValue), false);
  }
}
