package dev.mkwheels.python.version;

import java.util.regex.Pattern;

/** Python's notion of white space ({@code str.isspace}, {@code \s} of a str pattern). */
final class PythonText {
  /** A regex character class body of Python's white space. */
  static final String SPACE =
      "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f"
          + "\\u205f\\u3000";

  // Compiled once: String.replaceAll compiled it on every call, a tenth of a pack's checks (every
  // Requires-Dist's specifiers go through here; w4-pack2).
  private static final Pattern STRIP = Pattern.compile("^[" + SPACE + "]+|[" + SPACE + "]+$");

  private PythonText() {}

  /** Python's {@code str.strip()}. */
  static String strip(String s) {
    return STRIP.matcher(s).replaceAll("");
  }
}
