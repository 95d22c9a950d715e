package dev.mkwheels.cli;

import dev.mkwheels.engine.ResolverChoice;
import dev.mkwheels.resolver.Target;
import dev.mkwheels.resolver.Targets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code --resolver}, {@code --target} and {@code --uploaded-prior-to}, as the engine's types. */
final class ResolverSettings {
  private ResolverSettings() {}

  /** native with {@code --target}, else pip, unless {@code --resolver} says. */
  static ResolverChoice resolver(CommonOptions common) throws UsageException {
    ResolverChoice choice;
    if (common.resolver == null) {
      choice = common.targets.isEmpty() ? ResolverChoice.PIP : ResolverChoice.NATIVE;
    } else if (common.resolver.equals("native")) {
      choice = ResolverChoice.NATIVE;
    } else if (common.resolver.equals("pip")) {
      choice = ResolverChoice.PIP;
    } else {
      throw new UsageException("--resolver takes native or pip, not '" + common.resolver + "'");
    }
    if (choice == ResolverChoice.PIP && !common.targets.isEmpty()) {
      throw new UsageException(
          "--target needs --resolver native: pip resolves for one machine, named by --platform,"
              + " --python-version, --implementation and --abi");
    }
    if (choice == ResolverChoice.NATIVE && common.wheelsOnly) {
      throw new UsageException("--wheels-only needs --resolver pip");
    }
    return choice;
  }

  /**
   * The native resolver's targets: each {@code --target}, else the long form as one target, else
   * none (the interpreter's own machine).
   */
  static List<Target> targets(CommonOptions common, ResolverChoice choice) throws UsageException {
    if (choice != ResolverChoice.NATIVE) {
      return List.of();
    }
    boolean longForm =
        !common.platforms.isEmpty()
            || common.pythonVersion != null
            || common.implementation != null
            || common.abi != null;
    List<Target> targets = new ArrayList<>();
    try {
      if (!common.targets.isEmpty()) {
        if (longForm) {
          throw new UsageException(
              "give the machines as --target, or as --platform/--python-version/--implementation"
                  + "/--abi, not both");
        }
        for (String target : common.targets) {
          targets.add(Targets.parse(target));
        }
      } else if (longForm) {
        if (common.platforms.size() != 1 || common.pythonVersion == null) {
          throw new UsageException(
              "--resolver native takes the long form as one --platform and a --python-version;"
                  + " for more machines give each as --target");
        }
        targets.add(
            Targets.of(
                common.implementation == null ? "cp" : common.implementation,
                common.pythonVersion,
                common.platforms.get(0),
                Optional.ofNullable(common.abi)));
      }
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    List<String> names = targets.stream().map(Target::name).toList();
    if (names.stream().distinct().count() != names.size()) {
      throw new UsageException("a --target is given twice: " + String.join(", ", names));
    }
    return List.copyOf(targets);
  }

  /** {@code --uploaded-prior-to}: ISO-8601 (a date is its midnight UTC) or epoch seconds. */
  static Optional<Instant> uploadedPriorTo(CommonOptions common) throws UsageException {
    String text = common.uploadedPriorTo;
    if (text == null) {
      return Optional.empty();
    }
    String value = text.strip();
    try {
      if (value.matches("[0-9]{1,12}")) {
        return Optional.of(Instant.ofEpochSecond(Long.parseLong(value)));
      }
      if (value.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
        return Optional.of(LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC));
      }
      if (value.endsWith("Z") || value.matches(".*[+-][0-9]{2}:[0-9]{2}$")) {
        return Optional.of(OffsetDateTime.parse(value).toInstant());
      }
      return Optional.of(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
    } catch (DateTimeException e) {
      throw new UsageException(
          "--uploaded-prior-to takes an ISO-8601 time (2024-05-06T07:08:09Z, 2024-05-06) or"
              + " seconds since 1970, not '"
              + text
              + "'");
    }
  }
}
