package dev.mkwheels.packaging;

import dev.mkwheels.api.MkwheelsException;

/** The pack request itself is wrong (a name, version or epoch the user gave): exit 2. */
public final class PackRequestException extends MkwheelsException {
  private static final long serialVersionUID = 1L;

  public PackRequestException(String message) {
    super(message);
  }

  @Override
  public int exitCode() {
    return USAGE;
  }
}
