package dev.mkwheels.python.version;

/** A string that is not a PEP 440 version specifier; the message names the string. */
public final class InvalidSpecifierException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for {@code input}. */
  public InvalidSpecifierException(String input) {
    super("invalid specifier: '" + input + "'");
  }
}
