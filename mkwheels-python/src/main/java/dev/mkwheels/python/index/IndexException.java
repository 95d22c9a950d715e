package dev.mkwheels.python.index;

import java.io.IOException;

/**
 * An index, a page or a file of it that cannot be read, or a page that is not an index page. The
 * message is one line naming the page, with any credentials removed; it is what the user reads.
 */
public final class IndexException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code message} must already be free of credentials. */
  public IndexException(String message) {
    super(message);
  }

  /** Creates the exception; {@code message} must already be free of credentials. */
  public IndexException(String message, Throwable cause) {
    super(message, cause);
  }
}
