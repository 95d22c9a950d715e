package dev.mkwheels.cli;

import dev.mkwheels.python.index.Redaction;

/**
 * The last step before text reaches the terminal, applied where mkwheels prints (the console, the
 * error line, the result) so that every path gets it: a URL's {@code user:password@} is masked
 * ({@link Redaction#mask}), and every control character is written as an escape, so text from a
 * server or a file name can neither drive the terminal (ESC, BEL, C1 controls, bidi overrides) nor
 * forge a line of its own (CR, LF, the Unicode line separators).
 */
final class TerminalText {
  private TerminalText() {}

  /** {@code text} as one line: a newline inside it is escaped too. */
  static String line(String text) {
    return escape(Redaction.mask(String.valueOf(text)), false);
  }

  /** {@code text} that is meant to span lines (a stack trace): only its newlines and tabs stay. */
  static String lines(String text) {
    return escape(Redaction.mask(String.valueOf(text)), true);
  }

  private static String escape(String text, boolean multiline) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String escaped = multiline && (c == '\n' || c == '\t') ? null : escape(c);
      if (escaped != null && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (escaped == null) {
          out.append(c);
        } else {
          out.append(escaped);
        }
      }
    }
    return out == null ? text : out.toString();
  }

  /** The escape for {@code c}, or null when it prints as itself. */
  private static String escape(char c) {
    switch (c) {
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      case '\t':
        return "\\t";
      default:
        break;
    }
    boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
    // Line and paragraph separators, and the bidi embeddings, overrides and isolates that can
    // make a line read differently from what it holds.
    boolean format =
        c == 0x2028
            || c == 0x2029
            || (c >= 0x202a && c <= 0x202e)
            || (c >= 0x2066 && c <= 0x2069)
            || c == 0x061c
            || c == 0x200e
            || c == 0x200f;
    if (!control && !format) {
      return null;
    }
    return c <= 0xff ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c);
  }
}
