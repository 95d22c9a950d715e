package dev.mkwheels.ci;

import java.util.Optional;

/**
 * One PEP 440 specifier clause ({@code >=3.8}, {@code ==3.*}, {@code ~=2.2}) applied to a version.
 */
final class VersionSpecifier {
  private VersionSpecifier() {}

  /**
   * Whether {@code candidate} satisfies {@code op spec}; empty when {@code spec} is not a version
   * (then the caller compares strings), false when {@code candidate} is not one.
   */
  static Optional<Boolean> matches(String candidate, String op, String spec) {
    boolean wildcard = spec.endsWith(".*") && (op.equals("==") || op.equals("!="));
    String text = wildcard ? spec.substring(0, spec.length() - 2) : spec;
    Optional<Pep440Version> bound = Pep440Version.parse(text);
    if (bound.isEmpty() || text.isBlank()) {
      return Optional.empty();
    }
    Optional<Pep440Version> version = Pep440Version.parse(candidate);
    if (version.isEmpty()) {
      return Optional.of(false);
    }
    int c = version.get().compareTo(bound.get());
    return switch (op) {
      case "==" -> Optional.of(wildcard ? prefix(candidate, text) : c == 0);
      case "!=" -> Optional.of(wildcard ? !prefix(candidate, text) : c != 0);
      case "<" -> Optional.of(c < 0);
      case "<=" -> Optional.of(c <= 0);
      case ">" -> Optional.of(c > 0);
      case ">=" -> Optional.of(c >= 0);
      case "~=" -> {
        int lastDot = text.lastIndexOf('.');
        yield Optional.of(c >= 0 && lastDot > 0 && prefix(candidate, text.substring(0, lastDot)));
      }
      default -> Optional.empty();
    };
  }

  /**
   * Whether the release of {@code candidate} starts with the release segments of {@code prefix}.
   */
  private static boolean prefix(String candidate, String prefix) {
    String[] want = prefix.split("\\.");
    String[] have = candidate.replaceAll("[^0-9.].*$", "").split("\\.");
    for (int i = 0; i < want.length; i++) {
      String part = i < have.length ? have[i] : "0";
      if (part.isEmpty()
          || !want[i].matches("[0-9]+")
          || Long.parseLong(part) != Long.parseLong(want[i])) {
        return false;
      }
    }
    return true;
  }
}
