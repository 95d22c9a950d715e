package dev.mkwheels.cli;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.MkwheelsException;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;

/** Reads the first argument and runs a mode, a command, the help or the version. */
final class Launcher {
  private final ProviderRegistry registry;
  private final ModeCommandLine modeCommandLine;
  private final HelpWriter help;
  private final Set<Subcommand> subcommands;
  private final ModeRunner modes;
  private final Streams streams;

  @Inject
  Launcher(
      ProviderRegistry registry,
      ModeCommandLine modeCommandLine,
      HelpWriter help,
      Set<Subcommand> subcommands,
      ModeRunner modes,
      Streams streams) {
    this.registry = requireNonNull(registry, "registry is null");
    this.modeCommandLine = requireNonNull(modeCommandLine, "modeCommandLine is null");
    this.help = requireNonNull(help, "help is null");
    this.subcommands = requireNonNull(subcommands, "subcommands is null");
    this.modes = requireNonNull(modes, "modes is null");
    this.streams = requireNonNull(streams, "streams is null");
  }

  int run(List<String> args) throws Exception {
    // A plugin that could not be registered is said once at start-up, whatever the command, so
    // its author sees why the mode is missing; the other modes and the commands work on.
    for (ProviderRegistry.Skipped skipped : registry.skipped()) {
      streams.err().println("mkwheels: warning: " + skipped.line());
    }
    if (!args.isEmpty()) {
      for (Subcommand subcommand : subcommands) {
        if (subcommand.name().equals(args.get(0))) {
          return runSubcommand(subcommand, args.subList(1, args.size()));
        }
      }
    }
    if (args.isEmpty()) {
      throw new UsageException("choose a mode: " + modesAndCommands());
    }
    ModeCommandLine.Request request = modeCommandLine.parse(args);
    if (request instanceof ModeCommandLine.Help) {
      PrintWriter out = new PrintWriter(streams.out());
      help.write(out);
      return 0;
    }
    if (request instanceof ModeCommandLine.Version) {
      streams.out().println("mkwheels " + Versions.mkwheels());
      return 0;
    }
    Invocation invocation = ((ModeCommandLine.Run) request).invocation();
    return modes.run(
        invocation, streams.out(), StreamConsole.of(streams.err(), invocation.common()));
  }

  private int runSubcommand(Subcommand subcommand, List<String> args) throws Exception {
    CommandLine commandLine = new CommandLine(subcommand);
    commandLine.setOut(new PrintWriter(streams.out(), true));
    commandLine.setErr(new PrintWriter(streams.err(), true));
    try {
      commandLine.parseArgs(args.toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      String message = e.getMessage() == null ? "invalid command line" : e.getMessage().strip();
      throw new SubcommandUsageException(
          subcommand.name(), message.lines().findFirst().orElse(message));
    }
    if (commandLine.isUsageHelpRequested()) {
      commandLine.usage(streams.out());
      return 0;
    }
    return subcommand.call();
  }

  private String modesAndCommands() {
    List<String> names = subcommands.stream().map(Subcommand::name).sorted().toList();
    String modes = "one of " + registry.selectors();
    return names.isEmpty() ? modes : modes + ", or a command: " + String.join(", ", names);
  }

  /** A subcommand's usage error: names the subcommand in the help hint. */
  static final class SubcommandUsageException extends MkwheelsException {
    private static final long serialVersionUID = 1L;
    private final String subcommand;

    SubcommandUsageException(String subcommand, String message) {
      super(message);
      this.subcommand = subcommand;
    }

    String subcommand() {
      return subcommand;
    }

    @Override
    public int exitCode() {
      return USAGE;
    }
  }
}
