package dev.mkwheels.cli;

import dev.mkwheels.api.Console;
import java.io.PrintStream;

/**
 * The console on stderr, at the level --quiet / --verbose chose. Every message goes through {@link
 * TerminalText}: one line, no credential, no control character.
 */
final class StreamConsole implements Console {
  enum Level {
    QUIET,
    NORMAL,
    VERBOSE
  }

  private final PrintStream err;
  private final Level level;

  StreamConsole(PrintStream err, Level level) {
    this.err = err;
    this.level = level;
  }

  static StreamConsole of(PrintStream err, CommonOptions common) {
    return common.console.console(err);
  }

  @Override
  public synchronized void progress(String message) {
    if (level != Level.QUIET) {
      err.println("mkwheels: " + TerminalText.line(message));
      err.flush();
    }
  }

  @Override
  public synchronized void warn(String message) {
    err.println("mkwheels: warning: " + TerminalText.line(message));
    err.flush();
  }

  @Override
  public synchronized void debug(String message) {
    if (level == Level.VERBOSE) {
      err.println("mkwheels: " + TerminalText.line(message));
      err.flush();
    }
  }

  boolean verbose() {
    return level == Level.VERBOSE;
  }
}
