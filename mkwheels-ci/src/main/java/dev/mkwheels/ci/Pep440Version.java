package dev.mkwheels.ci;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PEP 440 version, enough to order versions the way pip does: which advisory fixes lie above a
 * pin, and whether {@code 1.0} in a file name is the {@code 1.0.0} pip reported. The local part
 * ({@code +cpu}) takes part only as a last tie-breaker, by its text.
 */
final class Pep440Version implements Comparable<Pep440Version> {
  // The regular expression of PEP 440's appendix, as the `packaging` library spells it.
  private static final Pattern VERSION =
      Pattern.compile(
          "v?(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)"
              + "(?:[-_.]?(?<prel>a|alpha|b|beta|c|rc|pre|preview)[-_.]?(?<pren>[0-9]+)?)?"
              + "(?:-(?<postn1>[0-9]+)|[-_.]?(?<postl>post|rev|r)[-_.]?(?<postn2>[0-9]+)?)?"
              + "(?:[-_.]?(?<devl>dev)[-_.]?(?<devn>[0-9]+)?)?"
              + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?");

  // Stand-ins for the "-infinity" and "+infinity" of packaging's comparison key.
  private static final long LOW = Long.MIN_VALUE;
  private static final long HIGH = Long.MAX_VALUE;

  private final long epoch;
  private final long[] release;
  private final long[] pre;
  private final long post;
  private final long dev;
  private final String local;

  private Pep440Version(long epoch, long[] release, long[] pre, long post, long dev, String local) {
    this.epoch = epoch;
    this.release = release;
    this.pre = pre;
    this.post = post;
    this.dev = dev;
    this.local = local;
  }

  /** The version, or empty when {@code text} is not PEP 440 (a legacy version). */
  static Optional<Pep440Version> parse(String text) {
    Matcher m = VERSION.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      long epoch = m.group("epoch") == null ? 0 : Long.parseLong(m.group("epoch"));
      long[] release = trimZeros(m.group("release"));
      String postNumber = m.group("postn1") != null ? m.group("postn1") : m.group("postn2");
      boolean hasPost = m.group("postn1") != null || m.group("postl") != null;
      boolean hasDev = m.group("devl") != null;
      long[] pre;
      if (m.group("prel") != null) {
        pre = new long[] {preRank(m.group("prel")), number(m.group("pren"))};
      } else if (!hasPost && hasDev) {
        pre = new long[] {LOW, 0}; // 1.0.dev0 sorts before 1.0a0
      } else {
        pre = new long[] {HIGH, 0};
      }
      long post = hasPost ? number(postNumber) : LOW;
      long dev = hasDev ? number(m.group("devn")) : HIGH;
      return Optional.of(
          new Pep440Version(
              epoch, release, pre, post, dev, m.group("local") == null ? "" : m.group("local")));
    } catch (NumberFormatException e) {
      return Optional.empty(); // a component beyond a long: no real version has one
    }
  }

  private static long[] trimZeros(String release) {
    List<Long> parts = new ArrayList<>();
    for (String part : release.split("\\.")) {
      parts.add(Long.parseLong(part));
    }
    int end = parts.size();
    while (end > 1 && parts.get(end - 1) == 0) {
      end--;
    }
    return parts.subList(0, end).stream().mapToLong(Long::longValue).toArray();
  }

  private static long preRank(String label) {
    return switch (label) {
      case "a", "alpha" -> 0;
      case "b", "beta" -> 1;
      default -> 2; // c, rc, pre, preview
    };
  }

  private static long number(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }

  @Override
  public int compareTo(Pep440Version other) {
    int c = Long.compare(epoch, other.epoch);
    if (c == 0) {
      c = Arrays.compare(release, other.release);
    }
    if (c == 0) {
      c = Arrays.compare(pre, other.pre);
    }
    if (c == 0) {
      c = Long.compare(post, other.post);
    }
    if (c == 0) {
      c = Long.compare(dev, other.dev);
    }
    return c != 0 ? c : local.compareTo(other.local);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Pep440Version other && compareTo(other) == 0;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(epoch) * 31 + Arrays.hashCode(release);
  }
}
