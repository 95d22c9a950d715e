package dev.mkwheels.python.version;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a specifier written inside a longer string ends, for the PEP 508 requirement grammar:
 * {@link #matchPep440} for a PEP 440 specifier and {@link #matchLegacy} for the legacy form that
 * packaging 21.3 still reads (and that {@link SpecifierSet} then refuses).
 */
public final class Specifiers {
  private static final Pattern PEP440 = Pattern.compile(Specifier.PATTERN, Specifier.FLAGS);

  private Specifiers() {}

  /** The end of the PEP 440 specifier starting at {@code start}, or -1. */
  public static int matchPep440(String text, int start) {
    int plain = plainEnd(text, start);
    if (plain >= 0
        && (plain == text.length() || isEnd(text.charAt(plain)) || text.charAt(plain) == ')')) {
      return plain;
    }
    return end(PEP440, text, start);
  }

  /** The end of the legacy specifier starting at {@code start}, or -1. */
  public static int matchLegacy(String text, int start) {
    // packaging's legacy pattern, by hand: an operator but ~= and ===, white space, then anything
    // up to a comma, a semicolon, white space or a closing parenthesis.
    int i = operatorEnd(text, start);
    if (i < 0 || text.startsWith("~=", start)) {
      return -1;
    }
    while (i < text.length() && PythonText.isSpace(text.charAt(i))) {
      i++;
    }
    while (i < text.length() && !isEnd(text.charAt(i)) && text.charAt(i) != ')') {
      i++;
    }
    return i;
  }

  /**
   * Where the specifier at {@code start} ends when it is one the patterns need not read: an
   * operator other than {@code ===} followed at once by numbers joined by single dots (two at least
   * after {@code ~=}), such as {@code >=3.8}; -1 for any other. The patterns would end it at the
   * same place whenever nothing that could extend it follows.
   */
  static int plainEnd(String text, int start) {
    int version = operatorEnd(text, start);
    int end = version < 0 ? -1 : Version.plainReleaseEnd(text, version);
    if (end >= 0 && text.startsWith("~=", start)) {
      int dot = text.indexOf('.', version);
      if (dot < 0 || dot >= end) {
        return -1; // ~= needs two numbers at least
      }
    }
    return end;
  }

  /** The end of the operator at {@code start} ({@code ===} and {@code ~=} included), or -1. */
  static int operatorEnd(String text, int start) {
    if (start + 1 < text.length() && text.charAt(start + 1) == '=') {
      char c = text.charAt(start);
      if (c == '=' || c == '!' || c == '<' || c == '>' || c == '~') {
        return start + 2;
      }
    }
    if (start < text.length() && (text.charAt(start) == '<' || text.charAt(start) == '>')) {
      return start + 1;
    }
    return -1;
  }

  private static boolean isEnd(char c) {
    return c == ',' || c == ';' || PythonText.isSpace(c);
  }

  private static int end(Pattern p, String text, int start) {
    Matcher m = p.matcher(text).region(start, text.length());
    return m.lookingAt() ? m.end() : -1;
  }
}
