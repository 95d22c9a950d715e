package dev.mkwheels.python.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PEP 440 version: parsed leniently (a {@code v} prefix, {@code -_.} separators, {@code alpha},
 * {@code c}, {@code rev} spellings, an implicit post release {@code 1.0-1}, any case, surrounding
 * white space) and ordered as the PEP says (epoch, release with trailing zeros ignored, pre, post,
 * dev, local labels).
 *
 * <p>Immutable and thread-safe. {@link #toString()} is the normalized form. {@link #equals} agrees
 * with {@link #compareTo}: {@code 1.0} equals {@code 1.0.0}. Numbers have no upper bound.
 */
public final class Version implements Comparable<Version> {
  /** The PEP 440 version pattern, without anchors; other standards embed it. */
  static final String PATTERN =
      "v?(?:(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)"
          + "(?<pre>[-_.]?(?<prel>alpha|beta|preview|pre|a|b|c|rc)[-_.]?(?<pren>[0-9]+)?)?"
          + "(?<post>(?:-(?<postn1>[0-9]+))"
          + "|(?:[-_.]?(?<postl>post|rev|r)[-_.]?(?<postn2>[0-9]+)?))?"
          + "(?<dev>[-_.]?(?<devl>dev)[-_.]?(?<devn>[0-9]+)?)?)"
          + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?";

  private static final Pattern REGEX =
      Pattern.compile(
          "^[" + PythonText.SPACE + "]*" + PATTERN + "[" + PythonText.SPACE + "]*$",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);

  private final BigInteger epoch;
  private final List<BigInteger> release;
  private final String preLabel;
  private final BigInteger preNumber;
  private final BigInteger post;
  private final BigInteger dev;
  private final List<Object> local;

  /** {@link #toString()}, made on first use (immutable, so a race only makes it twice). */
  private String text;

  private Version(
      BigInteger epoch,
      List<BigInteger> release,
      String preLabel,
      BigInteger preNumber,
      BigInteger post,
      BigInteger dev,
      List<Object> local) {
    this.epoch = epoch;
    this.release = List.copyOf(release);
    this.preLabel = preLabel;
    this.preNumber = preNumber;
    this.post = post;
    this.dev = dev;
    this.local = local == null ? null : List.copyOf(local);
  }

  /**
   * Parses a version.
   *
   * @throws InvalidVersionException naming {@code text} if it is not a PEP 440 version
   */
  public static Version parse(String text) {
    Objects.requireNonNull(text, "text is null");
    if (isPlainRelease(text)) {
      // Most versions are only numbers and dots: the same version the pattern gives, without it.
      return new Version(BigInteger.ZERO, release(text), null, null, null, null, null);
    }
    Matcher m = REGEX.matcher(text);
    if (!m.matches()) {
      throw new InvalidVersionException(text);
    }
    BigInteger epoch =
        m.group("epoch") == null ? BigInteger.ZERO : new BigInteger(m.group("epoch"));
    List<BigInteger> release = release(m.group("release"));
    String preLabel = null;
    BigInteger preNumber = null;
    if (m.group("prel") != null) {
      preLabel = preLabel(m.group("prel").toLowerCase(Locale.ROOT));
      preNumber = number(m.group("pren"));
    }
    BigInteger post = null;
    if (m.group("postl") != null) {
      post = number(m.group("postn2"));
    } else if (m.group("postn1") != null) {
      post = new BigInteger(m.group("postn1"));
    }
    BigInteger dev = m.group("devl") == null ? null : number(m.group("devn"));
    List<Object> local = null;
    if (m.group("local") != null) {
      local = new ArrayList<>();
      for (String part : m.group("local").split("[-_.]")) {
        local.add(
            part.chars().allMatch(c -> c >= '0' && c <= '9')
                ? new BigInteger(part)
                : part.toLowerCase(Locale.ROOT));
      }
    }
    return new Version(epoch, release, preLabel, preNumber, post, dev, local);
  }

  /** Whether {@code text} parses as a version. */
  public static boolean isValid(String text) {
    return isPlainRelease(text) || REGEX.matcher(text).matches();
  }

  /** Whether {@code text} is digits in groups joined by single dots ({@code 1}, {@code 2.31.0}). */
  private static boolean isPlainRelease(String text) {
    return plainReleaseEnd(text, 0) == text.length();
  }

  /**
   * Where the digits in groups joined by single dots that start at {@code start} end; -1 when none
   * start there, or they end in a dot or hold two in a row.
   */
  static int plainReleaseEnd(String text, int start) {
    char previous = '.';
    int i = start;
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '.') {
        if (previous == '.') {
          return -1;
        }
      } else if (c < '0' || c > '9') {
        break;
      }
      previous = c;
    }
    return i == start || previous == '.' ? -1 : i;
  }

  /**
   * The numbers of a release segment, such as {@code 2.31.0} (a split on one character: no regex).
   */
  private static List<BigInteger> release(String digitsAndDots) {
    List<BigInteger> release = new ArrayList<>();
    for (String part : digitsAndDots.split("\\.")) {
      release.add(new BigInteger(part));
    }
    return release;
  }

  private static BigInteger number(String digits) {
    return digits == null ? BigInteger.ZERO : new BigInteger(digits);
  }

  private static String preLabel(String label) {
    switch (label) {
      case "alpha":
        return "a";
      case "beta":
        return "b";
      case "c":
      case "pre":
      case "preview":
        return "rc";
      default:
        return label;
    }
  }

  /** The epoch, 0 when the version names none. */
  public BigInteger epoch() {
    return epoch;
  }

  /** The release segment as written, trailing zeros kept. */
  public List<BigInteger> release() {
    return release;
  }

  /** The normalized pre-release label ({@code a}, {@code b} or {@code rc}), or null. */
  public String preLabel() {
    return preLabel;
  }

  /** The pre-release number, or null when there is no pre-release segment. */
  public BigInteger preNumber() {
    return preNumber;
  }

  /** The post-release number, or null. */
  public BigInteger post() {
    return post;
  }

  /** The development release number, or null. */
  public BigInteger dev() {
    return dev;
  }

  /** The local label joined with dots ({@code ubuntu.1}), or null. */
  public String local() {
    if (local == null) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (Object part : local) {
      parts.add(part.toString());
    }
    return String.join(".", parts);
  }

  /** A pre-release or a development release. */
  public boolean isPrerelease() {
    return dev != null || preLabel != null;
  }

  /** Has a post-release segment. */
  public boolean isPostrelease() {
    return post != null;
  }

  /** Has a development release segment. */
  public boolean isDevrelease() {
    return dev != null;
  }

  /** The epoch and release only: {@code 1!2.0} of {@code 1!2.0rc1.post2+x}. */
  public String baseVersion() {
    StringBuilder s = new StringBuilder();
    if (epoch.signum() != 0) {
      s.append(epoch).append('!');
    }
    appendRelease(s);
    return s.toString();
  }

  /** The normalized form without the local label. */
  public String publicVersion() {
    String s = toString();
    int plus = s.indexOf('+');
    return plus < 0 ? s : s.substring(0, plus);
  }

  /**
   * The normalized form with trailing zeros of the release dropped ({@code 1.0.0rc1} is {@code
   * 1rc1}), as {@code packaging.utils.canonicalize_version} gives; equal versions with equal local
   * labels have the same canonical form.
   */
  public String canonical() {
    StringBuilder s = new StringBuilder();
    if (epoch.signum() != 0) {
      s.append(epoch).append('!');
    }
    int n = release.size();
    while (n > 1 && release.get(n - 1).signum() == 0) {
      n--;
    }
    for (int i = 0; i < n; i++) {
      s.append(i > 0 ? "." : "").append(release.get(i));
    }
    String full = toString();
    return s + full.substring(baseVersion().length());
  }

  /** This version without its local label. */
  public Version withoutLocal() {
    return local == null ? this : new Version(epoch, release, preLabel, preNumber, post, dev, null);
  }

  private void appendRelease(StringBuilder s) {
    for (int i = 0; i < release.size(); i++) {
      if (i > 0) {
        s.append('.');
      }
      s.append(release.get(i));
    }
  }

  /** The normalized form, as {@code str(packaging.version.Version(...))} gives. */
  @Override
  public String toString() {
    String made = text;
    if (made == null) {
      made = normalized();
      text = made;
    }
    return made;
  }

  private String normalized() {
    StringBuilder s = new StringBuilder(baseVersion());
    if (preLabel != null) {
      s.append(preLabel).append(preNumber);
    }
    if (post != null) {
      s.append(".post").append(post);
    }
    if (dev != null) {
      s.append(".dev").append(dev);
    }
    if (local != null) {
      s.append('+').append(local());
    }
    return s.toString();
  }

  @Override
  public int compareTo(Version o) {
    int c = epoch.compareTo(o.epoch);
    if (c != 0) {
      return c;
    }
    c = compareRelease(release, o.release);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(preRank(), o.preRank());
    if (c == 0 && preRank() == 1) {
      c = preLabel.compareTo(o.preLabel);
      if (c == 0) {
        c = preNumber.compareTo(o.preNumber);
      }
    }
    if (c != 0) {
      return c;
    }
    c = compareNullable(post, o.post, -1);
    if (c != 0) {
      return c;
    }
    c = compareNullable(dev, o.dev, 1);
    if (c != 0) {
      return c;
    }
    return compareLocal(local, o.local);
  }

  /** 0: a dev release with neither pre nor post sorts first; 1: a pre-release; 2: none. */
  private int preRank() {
    if (preLabel == null && post == null && dev != null) {
      return 0;
    }
    return preLabel == null ? 2 : 1;
  }

  /** Compares two numbers where null is below all ({@code nullSign} -1) or above all (+1). */
  private static int compareNullable(BigInteger a, BigInteger b, int nullSign) {
    if (a == null || b == null) {
      return a == b ? 0 : (a == null ? nullSign : -nullSign);
    }
    return a.compareTo(b);
  }

  private static int compareRelease(List<BigInteger> a, List<BigInteger> b) {
    int n = Math.max(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      BigInteger x = i < a.size() ? a.get(i) : BigInteger.ZERO;
      BigInteger y = i < b.size() ? b.get(i) : BigInteger.ZERO;
      int c = x.compareTo(y);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static int compareLocal(List<Object> a, List<Object> b) {
    if (a == null || b == null) {
      return a == b ? 0 : (a == null ? -1 : 1);
    }
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      Object x = a.get(i);
      Object y = b.get(i);
      int c;
      if (x instanceof BigInteger bx && y instanceof BigInteger by) {
        c = bx.compareTo(by);
      } else if (x instanceof String sx && y instanceof String sy) {
        c = sx.compareTo(sy);
      } else {
        c = x instanceof BigInteger ? 1 : -1;
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Version other && compareTo(other) == 0;
  }

  @Override
  public int hashCode() {
    List<BigInteger> trimmed = new ArrayList<>(release);
    while (!trimmed.isEmpty() && trimmed.get(trimmed.size() - 1).signum() == 0) {
      trimmed.remove(trimmed.size() - 1);
    }
    return Objects.hash(epoch, trimmed, preLabel, preNumber, post, dev, local);
  }
}
