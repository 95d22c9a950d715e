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
  private static final Pattern LEGACY =
      Pattern.compile(
          "(==|!=|<=|>=|<|>)[" + PythonText.SPACE + "]*[^,;" + PythonText.SPACE + ")]*",
          Specifier.FLAGS);

  private Specifiers() {}

  /** The end of the PEP 440 specifier starting at {@code start}, or -1. */
  public static int matchPep440(String text, int start) {
    return end(PEP440, text, start);
  }

  /** The end of the legacy specifier starting at {@code start}, or -1. */
  public static int matchLegacy(String text, int start) {
    return end(LEGACY, text, start);
  }

  private static int end(Pattern p, String text, int start) {
    Matcher m = p.matcher(text).region(start, text.length());
    return m.lookingAt() ? m.end() : -1;
  }
}
