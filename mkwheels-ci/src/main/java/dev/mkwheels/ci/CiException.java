package dev.mkwheels.ci;

import dev.mkwheels.api.MkwheelsException;

/**
 * {@code lock}, {@code wheelhouse} or {@code audit} failed: a malformed lock, an unreachable
 * vulnerability service, a file whose hash the lock does not list. The message is the one line the
 * user reads; the exit code is 1.
 */
public class CiException extends MkwheelsException {
  private static final long serialVersionUID = 1L;

  public CiException(String message) {
    super(message);
  }

  public CiException(String message, Throwable cause) {
    super(message, cause);
  }
}
