package dev.mkwheels.ci;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates a PEP 508 environment marker ({@code python_version < "3.11" and extra == "socks"})
 * against the environment pip reported, the way the {@code packaging} library does: a comparison
 * whose right side is a version specifier compares versions, any other compares strings.
 */
final class Marker {
  private final List<String> tokens;
  private final Map<String, String> environment;
  private int next;

  private Marker(List<String> tokens, Map<String, String> environment) {
    this.tokens = tokens;
    this.environment = environment;
  }

  /**
   * @param environment marker variables ({@code python_version}, {@code sys_platform}, ... and
   *     {@code extra})
   * @return the value, or empty when the marker does not parse
   */
  static Optional<Boolean> evaluate(String marker, Map<String, String> environment) {
    try {
      Marker parser = new Marker(tokenize(marker), environment);
      boolean value = parser.or();
      return parser.next == parser.tokens.size() ? Optional.of(value) : Optional.empty();
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  private boolean or() {
    boolean value = and();
    while (peek("or")) {
      next++;
      value |= and();
    }
    return value;
  }

  private boolean and() {
    boolean value = expression();
    while (peek("and")) {
      next++;
      value &= expression();
    }
    return value;
  }

  private boolean expression() {
    if (peek("(")) {
      next++;
      boolean value = or();
      expect(")");
      return value;
    }
    boolean extra = peek("extra");
    String left = operand();
    String op = tokens.get(next++);
    if (op.equals("not")) {
      expect("in");
      op = "not in";
    }
    extra |= peek("extra");
    String right = operand();
    // Extras compare in their normal form on both sides (packaging does the same).
    return extra
        ? compare(Pin.normalize(left), op, Pin.normalize(right))
        : compare(left, op, right);
  }

  private String operand() {
    String token = tokens.get(next++);
    if (token.startsWith("\"") || token.startsWith("'")) {
      return token.substring(1, token.length() - 1);
    }
    String value = environment.get(token);
    if (value == null) {
      throw new IllegalArgumentException("unknown marker variable " + token);
    }
    return value;
  }

  private static boolean compare(String left, String op, String right) {
    switch (op) {
      case "in":
        return right.contains(left);
      case "not in":
        return !right.contains(left);
      case "===":
        return left.equals(right);
      default:
        break;
    }
    Optional<Boolean> versions = VersionSpecifier.matches(left, op, right);
    if (versions.isPresent()) {
      return versions.get();
    }
    int c = left.compareTo(right);
    return switch (op) {
      case "==" -> left.equals(right);
      case "!=" -> !left.equals(right);
      case "<" -> c < 0;
      case "<=" -> c <= 0;
      case ">" -> c > 0;
      case ">=" -> c >= 0;
      default -> throw new IllegalArgumentException("unknown marker operator " + op);
    };
  }

  private boolean peek(String token) {
    return next < tokens.size() && tokens.get(next).equals(token);
  }

  private void expect(String token) {
    if (!peek(token)) {
      throw new IllegalArgumentException("expected " + token);
    }
    next++;
  }

  private static List<String> tokenize(String marker) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < marker.length()) {
      char c = marker.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')') {
        tokens.add(String.valueOf(c));
        i++;
      } else if (c == '"' || c == '\'') {
        int end = marker.indexOf(c, i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated string");
        }
        tokens.add(marker.substring(i, end + 1));
        i = end + 1;
      } else if ("<>=!~".indexOf(c) >= 0) {
        int end = i;
        while (end < marker.length() && "<>=!~".indexOf(marker.charAt(end)) >= 0) {
          end++;
        }
        tokens.add(marker.substring(i, end));
        i = end;
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
        int end = i;
        while (end < marker.length()
            && (Character.isLetterOrDigit(marker.charAt(end))
                || marker.charAt(end) == '_'
                || marker.charAt(end) == '.')) {
          end++;
        }
        tokens.add(marker.substring(i, end));
        i = end;
      } else {
        throw new IllegalArgumentException("unexpected " + c);
      }
    }
    return tokens;
  }
}
