package dev.mkwheels.python.requirement;

/** A string that is not a PEP 508 requirement; the message names it and says where it broke. */
public final class InvalidRequirementException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code detail} says what is wrong with {@code requirement}. */
  public InvalidRequirementException(String requirement, String detail) {
    super("invalid requirement '" + requirement + "': " + detail);
  }
}
