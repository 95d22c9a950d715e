package dev.mkwheels.pip;

/** A pip run took longer than its timeout, every attempt; pip and its children were killed. */
public final class PipTimeoutException extends PipException {
  private static final long serialVersionUID = 1L;

  public PipTimeoutException(String message) {
    super(message);
  }
}
