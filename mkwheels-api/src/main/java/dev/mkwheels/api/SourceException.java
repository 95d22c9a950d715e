package dev.mkwheels.api;

/**
 * A source could not be resolved: the package or release does not exist, a server is unreachable or
 * refused, an archive is unsafe. The message is one line that the user reads as it is; the host
 * exits 1.
 */
public class SourceException extends MkwheelsException {
  private static final long serialVersionUID = 1L;

  public SourceException(String message) {
    super(message);
  }

  public SourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
