package dev.mkwheels.pip;

import dev.mkwheels.api.MkwheelsException;

/** pip or the interpreter failed; the message says why in one line. */
public class PipException extends MkwheelsException {
  private static final long serialVersionUID = 1L;

  public PipException(String message) {
    super(message);
  }

  public PipException(String message, Throwable cause) {
    super(message, cause);
  }
}
