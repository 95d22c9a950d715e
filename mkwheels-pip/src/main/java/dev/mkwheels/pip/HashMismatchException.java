package dev.mkwheels.pip;

/** A downloaded file's hash differs from the one its index gave: nothing may be packed. */
public final class HashMismatchException extends PipException {
  private static final long serialVersionUID = 1L;

  public HashMismatchException(String message) {
    super(message);
  }
}
