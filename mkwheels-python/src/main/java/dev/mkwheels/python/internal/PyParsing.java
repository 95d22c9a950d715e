package dev.mkwheels.python.internal;

/**
 * What pyparsing, the parser behind packaging 21.3's markers and requirements, does to its input
 * before parsing. Not exported from the module.
 */
public final class PyParsing {
  private PyParsing() {}

  /**
   * Python's {@code str.expandtabs()}, which pyparsing applies before it parses: a tab anywhere,
   * even inside a quoted value, becomes spaces up to the next multiple of 8 columns.
   */
  public static String expandTabs(String text) {
    StringBuilder out = new StringBuilder();
    int column = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\t') {
        int spaces = 8 - column % 8;
        out.append(" ".repeat(spaces));
        column += spaces;
      } else {
        out.append(c);
        column = c == '\n' || c == '\r' ? 0 : column + 1;
      }
    }
    return out.toString();
  }
}
