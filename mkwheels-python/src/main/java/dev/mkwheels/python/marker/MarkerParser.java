package dev.mkwheels.python.marker;

import dev.mkwheels.python.internal.PyParsing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The marker grammar of {@code packaging.markers}: white space (space, tab, CR, LF) may precede
 * every token; an expression is a list of {@link Item}s, nested lists (parentheses) and the strings
 * {@code and} and {@code or}.
 */
final class MarkerParser {
  /** The variables in the order packaging tries them, PEP 345 aliases included. */
  private static final List<String> VARIABLES =
      List.of(
          "implementation_version",
          "platform_python_implementation",
          "implementation_name",
          "python_full_version",
          "platform_release",
          "platform_version",
          "platform_machine",
          "platform_system",
          "python_version",
          "sys_platform",
          "os_name",
          "os.name",
          "sys.platform",
          "platform.version",
          "platform.machine",
          "platform.python_implementation",
          "python_implementation",
          "extra");

  private static final Map<String, String> ALIASES =
      Map.of(
          "os.name", "os_name",
          "sys.platform", "sys_platform",
          "platform.version", "platform_version",
          "platform.machine", "platform_machine",
          "platform.python_implementation", "platform_python_implementation",
          "python_implementation", "platform_python_implementation");

  private static final List<String> OPERATORS =
      List.of("===", "==", ">=", "<=", "!=", "~=", ">", "<", "not in", "in");

  /** One side of a comparison: a variable (by its PEP 508 name) or a quoted value. */
  record Operand(boolean variable, String value) {
    String serialize() {
      return variable ? value : "\"" + value + "\"";
    }
  }

  /** One comparison. */
  record Item(Operand lhs, String op, Operand rhs) {}

  private final String text;
  private int pos;

  MarkerParser(String text) {
    this.text = PyParsing.expandTabs(text);
  }

  /** Parses the whole text, or throws naming it. */
  List<Object> parseWhole() {
    List<Object> result = expression();
    skipSpace();
    if (pos != text.length()) {
      throw error();
    }
    return result;
  }

  /** {@code atom (("and" | "or") expression)?}, flattened as pyparsing leaves it. */
  private List<Object> expression() {
    List<Object> out = new ArrayList<>();
    out.add(atom());
    skipSpace();
    String op = text.startsWith("and", pos) ? "and" : text.startsWith("or", pos) ? "or" : null;
    if (op != null) {
      pos += op.length();
      out.add(op);
      out.addAll(expression());
    }
    return out;
  }

  private Object atom() {
    skipSpace();
    if (pos < text.length() && text.charAt(pos) == '(') {
      pos++;
      List<Object> inner = expression();
      skipSpace();
      if (pos >= text.length() || text.charAt(pos) != ')') {
        throw error();
      }
      pos++;
      return inner;
    }
    Operand lhs = operand();
    skipSpace();
    String op = null;
    for (String candidate : OPERATORS) {
      if (text.startsWith(candidate, pos)) {
        op = candidate;
        break;
      }
    }
    if (op == null) {
      throw error();
    }
    pos += op.length();
    return new Item(lhs, op, operand());
  }

  private Operand operand() {
    skipSpace();
    for (String v : VARIABLES) {
      if (text.startsWith(v, pos)) {
        pos += v.length();
        return new Operand(true, ALIASES.getOrDefault(v, v));
      }
    }
    if (pos < text.length() && (text.charAt(pos) == '\'' || text.charAt(pos) == '"')) {
      char quote = text.charAt(pos);
      int end = pos + 1;
      while (end < text.length()
          && text.charAt(end) != quote
          && text.charAt(end) != '\n'
          && text.charAt(end) != '\r') {
        end++;
      }
      if (end >= text.length() || text.charAt(end) != quote) {
        throw error();
      }
      String value = text.substring(pos + 1, end);
      pos = end + 1;
      return new Operand(false, value);
    }
    throw error();
  }

  private void skipSpace() {
    while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private InvalidMarkerException error() {
    String at = text.substring(Math.min(pos, text.length()), Math.min(pos + 8, text.length()));
    return new InvalidMarkerException(text, "parse error at '" + at + "'");
  }
}
