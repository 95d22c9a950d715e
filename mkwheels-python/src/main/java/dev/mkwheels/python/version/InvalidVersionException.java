package dev.mkwheels.python.version;

/** A string that is not a PEP 440 version; the message names the string. */
public final class InvalidVersionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for {@code input}. */
  public InvalidVersionException(String input) {
    super("invalid version: '" + input + "'");
  }
}
