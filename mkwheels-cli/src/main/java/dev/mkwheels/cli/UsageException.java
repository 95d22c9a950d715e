package dev.mkwheels.cli;

import dev.mkwheels.api.MkwheelsException;

/** The command line was wrong: exit 2, with a hint to {@code --help}. */
final class UsageException extends MkwheelsException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }

  @Override
  public int exitCode() {
    return USAGE;
  }
}
