package dev.mkwheels.pip;

import java.util.Arrays;

/**
 * A commit's tree that mkwheels refuses to vendor: a symbolic link that leaves the tree or points
 * at nothing, a submodule, a path that is unsafe to unpack. The message names the path (escaped)
 * and why, without the dependency, which the caller adds.
 */
final class GitTreeException extends Exception {
  private static final long serialVersionUID = 1L;

  GitTreeException(String message) {
    super(message);
  }

  /**
   * {@code text} for one line of a message: quoted, every control character and backslash escaped,
   * and the middle of a text over 200 characters left out.
   */
  static String quote(String text) {
    StringBuilder quoted = new StringBuilder("'");
    int[] points = text.codePoints().toArray();
    if (points.length > 200) {
      int[] shortened = new int[183];
      System.arraycopy(points, 0, shortened, 0, 100);
      shortened[100] = '.';
      shortened[101] = '.';
      shortened[102] = '.';
      System.arraycopy(points, points.length - 80, shortened, 103, 80);
      points = shortened;
    }
    Arrays.stream(points)
        .forEach(
            c -> {
              if (c == '\\' || c == '\'') {
                quoted.append('\\').appendCodePoint(c);
              } else if (Character.getType(c) == Character.CONTROL
                  || Character.getType(c) == Character.FORMAT
                  || Character.getType(c) == Character.SURROGATE
                  || Character.getType(c) == Character.LINE_SEPARATOR
                  || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                quoted.append(
                    c <= 0xFF ? String.format("\\x%02x", c) : String.format("\\u%04x", c));
              } else {
                quoted.appendCodePoint(c);
              }
            });
    return quoted.append('\'').toString();
  }
}
