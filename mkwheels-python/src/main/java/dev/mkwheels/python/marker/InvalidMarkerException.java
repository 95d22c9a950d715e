package dev.mkwheels.python.marker;

/**
 * A PEP 508 marker that does not parse, or that cannot be evaluated (an undefined comparison such
 * as {@code os_name ~= "posix"}); the message names the marker. A marker is never taken as true
 * because it could not be read.
 */
public final class InvalidMarkerException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code detail} says what went wrong in {@code marker}. */
  public InvalidMarkerException(String marker, String detail) {
    super("invalid marker '" + marker + "': " + detail);
  }
}
