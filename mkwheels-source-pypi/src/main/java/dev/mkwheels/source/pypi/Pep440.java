package dev.mkwheels.source.pypi;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEP 440 versions in their normalized form, as pip and the index spell them. */
final class Pep440 {
  private static final Pattern VERSION =
      Pattern.compile(
          "v?(?:(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)"
              + "(?<pre>[-_.]?(?<prel>alpha|beta|preview|pre|rc|a|b|c)[-_.]?(?<pren>[0-9]+)?)?"
              + "(?<post>(?:-(?<postn1>[0-9]+))|(?:[-_.]?(?<postl>post|rev|r)[-_.]?(?<postn2>[0-9]+)?))?"
              + "(?<dev>[-_.]?(?<devl>dev)[-_.]?(?<devn>[0-9]+)?)?)"
              + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?",
          Pattern.CASE_INSENSITIVE);

  private Pep440() {}

  /** {@code 1.0-RC1} gives {@code 1.0rc1}; empty when {@code text} is not a PEP 440 version. */
  static Optional<String> normalize(String text) {
    Matcher m = VERSION.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    StringBuilder out = new StringBuilder();
    if (m.group("epoch") != null && new BigInteger(m.group("epoch")).signum() != 0) {
      out.append(new BigInteger(m.group("epoch"))).append('!');
    }
    List<String> release = new ArrayList<>();
    for (String part : m.group("release").split("\\.")) {
      release.add(new BigInteger(part).toString());
    }
    out.append(String.join(".", release));
    if (m.group("pre") != null) {
      String label =
          switch (m.group("prel").toLowerCase(Locale.ROOT)) {
            case "alpha", "a" -> "a";
            case "beta", "b" -> "b";
            default -> "rc";
          };
      out.append(label).append(number(m.group("pren")));
    }
    if (m.group("post") != null) {
      out.append(".post")
          .append(number(m.group("postn1") != null ? m.group("postn1") : m.group("postn2")));
    }
    if (m.group("dev") != null) {
      out.append(".dev").append(number(m.group("devn")));
    }
    if (m.group("local") != null) {
      out.append('+').append(m.group("local").toLowerCase(Locale.ROOT).replaceAll("[-_]", "."));
    }
    return Optional.of(out.toString());
  }

  private static String number(String digits) {
    return digits == null ? "0" : new BigInteger(digits).toString();
  }
}
