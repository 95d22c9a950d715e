package dev.mkwheels.python.filename;

/** A file name that is not a wheel or sdist name; the message names it and says why. */
public final class InvalidFileNameException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code detail} says what is wrong with {@code fileName}. */
  public InvalidFileNameException(String fileName, String detail) {
    super("invalid distribution file name '" + fileName + "': " + detail);
  }
}
