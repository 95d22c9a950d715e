package dev.mkwheels.api;

/**
 * An option value is malformed, for example {@code --repo} without an owner. The host reports it as
 * a usage error and exits 2.
 */
public class InvalidOptionException extends SourceException {
  private static final long serialVersionUID = 1L;

  public InvalidOptionException(String message) {
    super(message);
  }

  @Override
  public int exitCode() {
    return USAGE;
  }
}
