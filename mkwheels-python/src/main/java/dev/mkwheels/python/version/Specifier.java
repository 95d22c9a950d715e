package dev.mkwheels.python.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One PEP 440 version specifier such as {@code >=1.2}, {@code ~=2.1}, {@code ==1.*} or {@code
 * ===foo}, with the comparison rules of {@code packaging.specifiers.Specifier}: {@code <V} excludes
 * pre-releases of V's release unless V is one, {@code >V} excludes post-releases and local versions
 * of V's release, {@code ==} and {@code !=} ignore a local label the specifier does not name.
 *
 * <p>Immutable and thread-safe.
 */
public final class Specifier {
  private static final String VERSION_TAIL =
      "(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?[0-9]*)?"
          + "(?:(?:-[0-9]+)|(?:[-_.]?(post|rev|r)[-_.]?[0-9]*))?";

  /** The specifier pattern of packaging 21.3, without anchors; requirements embed it. */
  static final String PATTERN =
      "(?<operator>(~=|==|!=|<=|>=|<|>|===))"
          + "(?<version>"
          + "(?:(?<====)["
          + PythonText.SPACE
          + "]*[^"
          + PythonText.SPACE
          + "]*)"
          + "|(?:(?<===|!=)["
          + PythonText.SPACE
          + "]*v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*"
          + VERSION_TAIL
          + "(?:(?:[-_.]?dev[-_.]?[0-9]*)?(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?|\\.\\*)?)"
          + "|(?:(?<=~=)["
          + PythonText.SPACE
          + "]*v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)+"
          + VERSION_TAIL
          + "(?:[-_.]?dev[-_.]?[0-9]*)?)"
          + "|(?:(?<!==|!=|~=)["
          + PythonText.SPACE
          + "]*v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*"
          + VERSION_TAIL
          + "(?:[-_.]?dev[-_.]?[0-9]*)?)"
          + ")";

  static final int FLAGS =
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;
  private static final Pattern REGEX =
      Pattern.compile(
          "^[" + PythonText.SPACE + "]*" + PATTERN + "[" + PythonText.SPACE + "]*$", FLAGS);
  private static final Pattern PREFIX = Pattern.compile("^([0-9]+)((?:a|b|c|rc)[0-9]+)$");

  private final String operator;
  private final String version;

  /** {@link #canonical()}, made on first use (immutable, so a race only makes it twice). */
  private String canonical;

  private Specifier(String operator, String version) {
    this.operator = operator;
    this.version = version;
  }

  /** Whether {@code text} is a specifier {@link #parse} takes. */
  public static boolean isValid(String text) {
    Objects.requireNonNull(text, "text is null");
    return Specifiers.plainEnd(text, 0) == text.length() || REGEX.matcher(text).matches();
  }

  /**
   * Parses one specifier.
   *
   * @throws InvalidSpecifierException naming {@code text} if it is not a PEP 440 specifier
   */
  public static Specifier parse(String text) {
    Objects.requireNonNull(text, "text is null");
    if (Specifiers.plainEnd(text, 0) == text.length()) {
      // An operator and numbers joined by dots, as most are: what the pattern would give.
      int op = Specifiers.operatorEnd(text, 0);
      return new Specifier(text.substring(0, op), text.substring(op));
    }
    Matcher m = REGEX.matcher(text);
    if (!m.matches()) {
      throw new InvalidSpecifierException(text);
    }
    return new Specifier(
        PythonText.strip(m.group("operator")), PythonText.strip(m.group("version")));
  }

  /** The operator, for example {@code ~=} or {@code ===}. */
  public String operator() {
    return operator;
  }

  /** The version as written after the operator, for example {@code 1.*}. */
  public String version() {
    return version;
  }

  /**
   * Whether this specifier admits pre-releases by itself: it is {@code ==}, {@code >=}, {@code <=},
   * {@code ~=} or {@code ===} of a pre-release.
   */
  public boolean prereleases() {
    if (List.of("==", ">=", "<=", "~=", "===").contains(operator)) {
      String v = version;
      if (operator.equals("==") && v.endsWith(".*")) {
        v = v.substring(0, v.length() - 2);
      }
      return Version.isValid(v) && Version.parse(v).isPrerelease();
    }
    return false;
  }

  /** Whether {@code candidate} satisfies this specifier, pre-releases admitted as it says. */
  public boolean contains(Version candidate) {
    return contains(candidate, null);
  }

  /**
   * Whether {@code candidate} satisfies this specifier.
   *
   * @param prereleases true or false to admit or refuse pre-releases; null for {@link
   *     #prereleases()}
   */
  public boolean contains(Version candidate, Boolean prereleases) {
    Objects.requireNonNull(candidate, "candidate is null");
    boolean pre = prereleases == null ? prereleases() : prereleases;
    if (candidate.isPrerelease() && !pre) {
      return false;
    }
    return compare(operator, candidate, version);
  }

  /**
   * The candidates this specifier admits, in order. With {@code prereleases} null, pre-releases are
   * kept only when the specifier admits them or when no final release matches.
   */
  public List<Version> filter(List<Version> candidates, Boolean prereleases) {
    List<Version> out = new ArrayList<>();
    List<Version> pres = new ArrayList<>();
    boolean admit = prereleases != null ? prereleases : true;
    for (Version v : candidates) {
      if (contains(v, admit)) {
        if (v.isPrerelease() && !(Boolean.TRUE.equals(prereleases) || prereleases())) {
          pres.add(v);
        } else {
          out.add(v);
        }
      }
    }
    return out.isEmpty() ? pres : out;
  }

  private static boolean compare(String op, Version prospective, String spec) {
    switch (op) {
      case "~=":
        return compatible(prospective, spec);
      case "==":
        return equal(prospective, spec);
      case "!=":
        return !equal(prospective, spec);
      case "<=":
        return prospective.withoutLocal().compareTo(Version.parse(spec)) <= 0;
      case ">=":
        return prospective.withoutLocal().compareTo(Version.parse(spec)) >= 0;
      case "<":
        return lessThan(prospective, Version.parse(spec));
      case ">":
        return greaterThan(prospective, Version.parse(spec));
      case "===":
        return prospective
            .toString()
            .toLowerCase(Locale.ROOT)
            .equals(spec.toLowerCase(Locale.ROOT));
      default:
        throw new IllegalStateException("unknown operator " + op);
    }
  }

  private static boolean compatible(Version prospective, String spec) {
    List<String> parts = new ArrayList<>();
    for (String part : split(spec)) {
      if (part.startsWith("dev")
          || part.startsWith("a")
          || part.startsWith("b")
          || part.startsWith("rc")
          || part.startsWith("post")) {
        break;
      }
      parts.add(part);
    }
    String prefix = String.join(".", parts.subList(0, parts.size() - 1)) + ".*";
    return compare(">=", prospective, spec) && equal(prospective, prefix);
  }

  private static boolean equal(Version prospective, String spec) {
    if (spec.endsWith(".*")) {
      List<String> splitSpec = split(spec.substring(0, spec.length() - 2));
      List<String> splitProspective = split(prospective.withoutLocal().toString());
      List<String> shortened =
          splitProspective.subList(0, Math.min(splitSpec.size(), splitProspective.size()));
      return pad(splitSpec, shortened).equals(pad(shortened, splitSpec));
    }
    Version specVersion = Version.parse(spec);
    Version p = specVersion.local() == null ? prospective.withoutLocal() : prospective;
    return p.equals(specVersion);
  }

  private static boolean lessThan(Version prospective, Version spec) {
    if (prospective.compareTo(spec) >= 0) {
      return false;
    }
    return spec.isPrerelease()
        || !prospective.isPrerelease()
        || !Version.parse(prospective.baseVersion()).equals(Version.parse(spec.baseVersion()));
  }

  private static boolean greaterThan(Version prospective, Version spec) {
    if (prospective.compareTo(spec) <= 0) {
      return false;
    }
    boolean sameBase =
        Version.parse(prospective.baseVersion()).equals(Version.parse(spec.baseVersion()));
    if (!spec.isPostrelease() && prospective.isPostrelease() && sameBase) {
      return false;
    }
    return prospective.local() == null || !sameBase;
  }

  /** packaging's {@code _version_split}: dots, and {@code 1rc1} as {@code 1}, {@code rc1}. */
  private static List<String> split(String version) {
    List<String> result = new ArrayList<>();
    for (String item : version.split("\\.", -1)) {
      if (!item.isEmpty() && item.chars().allMatch(c -> c >= '0' && c <= '9')) {
        result.add(item); // a number alone, as most are: nothing for the pattern to split
        continue;
      }
      Matcher m = PREFIX.matcher(item);
      if (m.matches()) {
        result.add(m.group(1));
        result.add(m.group(2));
      } else {
        result.add(item);
      }
    }
    return result;
  }

  /** packaging's {@code _pad_version}, the side of {@code left} padded to {@code right}. */
  private static List<String> pad(List<String> left, List<String> right) {
    int leftDigits = leadingDigits(left);
    int rightDigits = leadingDigits(right);
    List<String> out = new ArrayList<>(left.subList(0, leftDigits));
    for (int i = leftDigits; i < rightDigits; i++) {
      out.add("0");
    }
    out.addAll(left.subList(leftDigits, left.size()));
    return out;
  }

  private static int leadingDigits(List<String> parts) {
    int n = 0;
    while (n < parts.size() && isDigits(parts.get(n))) {
      n++;
    }
    return n;
  }

  private static boolean isDigits(String s) {
    return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
  }

  /** The operator and the canonical version ({@code ==1.0.0} and {@code ==1} are equal). */
  private String canonical() {
    String c = canonical;
    if (c == null) {
      // Every set of specifiers hashes its members: the parse and the text were a fifth of
      // SpecifierSet.parse's time while a requirement was read.
      c = operator + (Version.isValid(version) ? Version.parse(version).canonical() : version);
      canonical = c;
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Specifier other && canonical().equals(other.canonical());
  }

  @Override
  public int hashCode() {
    return canonical().hashCode();
  }

  /** The operator and version as written, white space removed: {@code >=1.0}. */
  @Override
  public String toString() {
    return operator + version;
  }
}
