package dev.mkwheels.resolver;

/**
 * A resolution that cannot succeed, or cannot proceed: its message is one line for the user, and
 * for a conflict names the chain of requirements that cannot be met together.
 */
public class ResolutionException extends Exception {
  private static final long serialVersionUID = 1L;

  public ResolutionException(String message) {
    super(message);
  }

  public ResolutionException(String message, Throwable cause) {
    super(message, cause);
  }
}
