package dev.mkwheels.cli;

import java.io.PrintStream;
import picocli.CommandLine.Option;

/**
 * {@code -q}, {@code -v} and {@code -h} for the commands beside the modes, mixed in with picocli's
 * {@code @Mixin}. ({@link Main} itself looks for {@code -v} to print a stack trace.)
 */
final class ConsoleOptions {
  @Option(
      names = {"-q", "--quiet"},
      description = "Only errors and warnings on stderr.")
  boolean quiet;

  @Option(
      names = {"-v", "--verbose"},
      description = "Detail on stderr, and a stack trace with an error.")
  boolean verbose;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  StreamConsole console(PrintStream err) {
    StreamConsole.Level level =
        verbose
            ? StreamConsole.Level.VERBOSE
            : quiet ? StreamConsole.Level.QUIET : StreamConsole.Level.NORMAL;
    return new StreamConsole(err, level);
  }
}
