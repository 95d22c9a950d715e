package dev.mkwheels.python.marker;

import dev.mkwheels.python.version.Specifier;
import dev.mkwheels.python.version.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A PEP 508 environment marker such as {@code python_version < "3.11" and sys_platform == "linux"}:
 * parsed with the grammar of {@code packaging.markers} (every marker variable, the PEP 345 dotted
 * aliases, {@code and}/{@code or} with {@code and} binding tighter, parentheses), and evaluated
 * against a {@link TargetEnvironment}.
 *
 * <p>A comparison is a PEP 440 version comparison when the right side makes a valid specifier with
 * the operator and the left side is a valid version (pre-releases compare as any version);
 * otherwise it compares strings ({@code in}, {@code not in} and the six ordering operators); any
 * other comparison is an error. Immutable and thread-safe.
 */
public final class Marker {
  private final String text;
  private final List<Object> expression;

  private Marker(String text, List<Object> expression) {
    this.text = text;
    this.expression = expression;
  }

  /**
   * Parses a marker.
   *
   * @throws InvalidMarkerException naming {@code text} if it does not parse
   */
  public static Marker parse(String text) {
    Objects.requireNonNull(text, "text is null");
    return new Marker(text, new MarkerParser(text).parseWhole());
  }

  /** Evaluates the marker on {@code environment} with no extra requested ({@code extra == ""}). */
  public boolean evaluate(TargetEnvironment environment) {
    return evaluate(environment, "");
  }

  /**
   * Evaluates the marker on {@code environment}, {@code extra} being the extra being installed.
   *
   * @throws InvalidMarkerException naming the marker if a comparison is undefined
   */
  public boolean evaluate(TargetEnvironment environment, String extra) {
    Map<String, String> values = environment.asMap();
    values.put("extra", Objects.requireNonNull(extra, "extra is null"));
    return evaluate(expression, values);
  }

  private boolean evaluate(List<Object> markers, Map<String, String> env) {
    List<List<Boolean>> groups = new ArrayList<>();
    groups.add(new ArrayList<>());
    for (Object m : markers) {
      if (m instanceof List<?> nested) {
        @SuppressWarnings("unchecked")
        List<Object> inner = (List<Object>) nested;
        groups.get(groups.size() - 1).add(evaluate(inner, env));
      } else if (m instanceof MarkerParser.Item item) {
        String lhs;
        String rhs;
        if (item.lhs().variable()) {
          lhs = lookup(env, item.lhs().value());
          rhs = item.rhs().value();
        } else {
          lhs = item.lhs().value();
          rhs = lookup(env, item.rhs().value());
        }
        groups.get(groups.size() - 1).add(compare(lhs, item.op(), rhs));
      } else if (m.equals("or")) {
        groups.add(new ArrayList<>());
      }
    }
    for (List<Boolean> group : groups) {
      if (!group.contains(false)) {
        return true;
      }
    }
    return false;
  }

  private String lookup(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null) {
      throw new InvalidMarkerException(text, "'" + name + "' is not a marker variable");
    }
    return value;
  }

  private boolean compare(String lhs, String op, String rhs) {
    // Not a specifier: not a version comparison, and the strings are compared below (tested
    // first, not caught: most markers compare platforms and extras, and an exception each cost
    // more than the rest of the evaluation).
    Specifier spec = Specifier.isValid(op + rhs) ? Specifier.parse(op + rhs) : null;
    if (spec != null) {
      if (op.equals("===")) {
        String left = Version.isValid(lhs) ? Version.parse(lhs).toString() : lhs;
        return left.toLowerCase(Locale.ROOT).equals(spec.version().toLowerCase(Locale.ROOT));
      }
      if (Version.isValid(lhs)) {
        return spec.contains(Version.parse(lhs), true);
      }
    }
    switch (op) {
      case "in":
        return rhs.contains(lhs);
      case "not in":
        return !rhs.contains(lhs);
      case "<":
        return codePointCompare(lhs, rhs) < 0;
      case "<=":
        return codePointCompare(lhs, rhs) <= 0;
      case "==":
        return lhs.equals(rhs);
      case "!=":
        return !lhs.equals(rhs);
      case ">=":
        return codePointCompare(lhs, rhs) >= 0;
      case ">":
        return codePointCompare(lhs, rhs) > 0;
      default:
        throw new InvalidMarkerException(
            text, "undefined comparison '" + lhs + "' " + op + " '" + rhs + "'");
    }
  }

  private static int codePointCompare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  /** The marker as written. */
  public String text() {
    return text;
  }

  /**
   * The normalized form packaging prints: single spaces, values in double quotes, aliases such as
   * {@code os.name} replaced by their PEP 508 names, parentheses only around groups of two or more.
   */
  @Override
  public String toString() {
    return format(expression, true);
  }

  private static String format(Object marker, boolean first) {
    if (marker instanceof List<?> list) {
      if (list.size() == 1 && !(list.get(0) instanceof String)) {
        return format(list.get(0), true);
      }
      List<String> inner = new ArrayList<>();
      for (Object m : list) {
        inner.add(format(m, false));
      }
      return first ? String.join(" ", inner) : "(" + String.join(" ", inner) + ")";
    }
    if (marker instanceof MarkerParser.Item item) {
      return item.lhs().serialize() + " " + item.op() + " " + item.rhs().serialize();
    }
    return marker.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Marker other && toString().equals(other.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }
}
