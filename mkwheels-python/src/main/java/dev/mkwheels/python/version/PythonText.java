package dev.mkwheels.python.version;

/** Python's notion of white space ({@code str.isspace}, {@code \s} of a str pattern). */
final class PythonText {
  /** A regex character class body of Python's white space. */
  static final String SPACE =
      "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f"
          + "\\u205f\\u3000";

  private PythonText() {}

  /**
   * Python's {@code str.strip()}. A loop, not a regex: every Requires-Dist's specifiers and every
   * marker's version come through here, and a cold JVM runs the regex engine slowly.
   */
  static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  /** Whether {@code c} is in {@link #SPACE}. */
  static boolean isSpace(char c) {
    if (c <= ' ') {
      return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001c' && c <= '\u001f');
    }
    return c == '\u0085'
        || c == '\u00a0'
        || c == '\u1680'
        || (c >= '\u2000' && c <= '\u200a')
        || c == '\u2028'
        || c == '\u2029'
        || c == '\u202f'
        || c == '\u205f'
        || c == '\u3000';
  }
}
