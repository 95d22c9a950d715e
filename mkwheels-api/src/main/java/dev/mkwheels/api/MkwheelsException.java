package dev.mkwheels.api;

/**
 * The one failure type every mkwheels module throws for a failure a user can cause or meet. Its
 * message is one line that the user reads as it is, on stderr; {@link #exitCode()} is the process's
 * exit code.
 */
public class MkwheelsException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The job failed: exit code 1. */
  public static final int FAILED = 1;

  /** The command line was wrong: exit code 2. */
  public static final int USAGE = 2;

  public MkwheelsException(String message) {
    super(message);
  }

  public MkwheelsException(String message, Throwable cause) {
    super(message, cause);
  }

  /** {@link #FAILED} unless the user's input was malformed ({@link #USAGE}). */
  public int exitCode() {
    return FAILED;
  }
}
