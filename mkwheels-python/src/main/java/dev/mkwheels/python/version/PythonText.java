package dev.mkwheels.python.version;

/** Python's notion of white space ({@code str.isspace}, {@code \s} of a str pattern). */
final class PythonText {
  /** A regex character class body of Python's white space. */
  static final String SPACE =
      "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f"
          + "\\u205f\\u3000";

  private PythonText() {}

  /** Python's {@code str.strip()}. */
  static String strip(String s) {
    return s.replaceAll("^[" + SPACE + "]+|[" + SPACE + "]+$", "");
  }
}
