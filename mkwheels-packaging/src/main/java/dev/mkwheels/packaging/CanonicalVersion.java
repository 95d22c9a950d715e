package dev.mkwheels.packaging;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PEP 440 version in its canonical spelling, as pypa {@code packaging}'s {@code
 * canonicalize_version} writes it: {@code 1.0.0}, {@code 1.0} and {@code v1} are all {@code 1};
 * {@code 1.0-Alpha_1} is {@code 1a1}. Two spellings name the same version when their canonical
 * forms are equal. (Stands in until the project has one home for PEP 440.)
 */
final class CanonicalVersion {
  private static final Pattern PARTS =
      Pattern.compile(
          "v?(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)"
              + "(?:[-_.]?(?<pre>alpha|a|beta|b|preview|pre|rc|c)[-_.]?(?<preN>[0-9]*))?"
              + "(?:-(?<postImplicit>[0-9]+)|[-_.]?(?<post>post|rev|r)[-_.]?(?<postN>[0-9]*))?"
              + "(?:[-_.]?(?<dev>dev)[-_.]?(?<devN>[0-9]*))?"
              + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?",
          Pattern.CASE_INSENSITIVE);

  private CanonicalVersion() {}

  /** The canonical spelling, or empty when {@code text} is not a PEP 440 version. */
  static Optional<String> of(String text) {
    Matcher m = PARTS.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    StringBuilder out = new StringBuilder();
    if (m.group("epoch") != null && !number(m.group("epoch")).equals("0")) {
      out.append(number(m.group("epoch"))).append('!');
    }
    String[] release = m.group("release").split("\\.");
    int length = release.length;
    while (length > 1 && number(release[length - 1]).equals("0")) {
      length--;
    }
    for (int i = 0; i < length; i++) {
      out.append(i == 0 ? "" : ".").append(number(release[i]));
    }
    if (m.group("pre") != null) {
      String pre =
          switch (m.group("pre").toLowerCase(Locale.ROOT)) {
            case "alpha", "a" -> "a";
            case "beta", "b" -> "b";
            default -> "rc";
          };
      out.append(pre).append(number(m.group("preN")));
    }
    if (m.group("postImplicit") != null) {
      out.append(".post").append(number(m.group("postImplicit")));
    } else if (m.group("post") != null) {
      out.append(".post").append(number(m.group("postN")));
    }
    if (m.group("dev") != null) {
      out.append(".dev").append(number(m.group("devN")));
    }
    if (m.group("local") != null) {
      out.append('+');
      String[] segments = m.group("local").toLowerCase(Locale.ROOT).split("[-_.]");
      for (int i = 0; i < segments.length; i++) {
        String segment = segments[i];
        out.append(i == 0 ? "" : ".").append(segment.matches("[0-9]+") ? number(segment) : segment);
      }
    }
    return Optional.of(out.toString());
  }

  /** Whether both are versions and name the same one. */
  static boolean same(String a, String b) {
    Optional<String> canonical = of(a);
    return canonical.isPresent() && canonical.equals(of(b));
  }

  // Digits without leading zeros; an implicit number ("1.0a") is 0. Never parsed: any length.
  private static String number(String digits) {
    String stripped = digits == null ? "" : digits.replaceFirst("^0+", "");
    return stripped.isEmpty() ? "0" : stripped;
  }
}
