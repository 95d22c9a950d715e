package dev.mkwheels.cli;

import java.util.concurrent.Callable;

/**
 * A command beside the modes, run as {@code mkwheels <name> [options]}: {@code pack}, {@code lock},
 * ... Implementations are picocli {@code @Command} classes built by Guice; {@link #call()} does the
 * work, returns the exit code, and throws {@link dev.mkwheels.api.MkwheelsException} for a failure
 * the user reads.
 */
public interface Subcommand extends Callable<Integer> {

  /** The word after {@code mkwheels}. */
  String name();

  /** One line for {@code mkwheels --help}. */
  String summary();
}
