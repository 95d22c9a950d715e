package dev.mkwheels.pip;

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

  /** {@code text} for one line of a message: quoted, every control character and backslash escaped. */
  static String quote(String text) {
    StringBuilder quoted = new StringBuilder("'");
    text.codePoints().forEach(c -> {
      if (c == '\\' || c == '\'') {
        quoted.append('\\').appendCodePoint(c);
      } else if (Character.getType(c) == Character.CONTROL || Character.getType(c) == Character.FORMAT
          || Character.getType(c) == Character.SURROGATE || Character.getType(c) == Character.LINE_SEPARATOR
          || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
        quoted.append(c <= 0xFF ? String.format("\\x%02x", c) : String.format("\\u%04x", c));
      } else {
        quoted.appendCodePoint(c);
      }
    });
    return quoted.append('\'').toString();
  }
}
