package dev.mkwheels.cli;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.OptionSpec;
import dev.mkwheels.api.SourceProvider;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Writes {@code mkwheels --help}: every mode with its options, the commands, the common options.
 */
final class HelpWriter {
  private static final int WIDTH = 100;

  private final ProviderRegistry registry;
  private final ModeCommandLine modeCommandLine;
  private final Set<Subcommand> subcommands;

  @Inject
  HelpWriter(
      ProviderRegistry registry, ModeCommandLine modeCommandLine, Set<Subcommand> subcommands) {
    this.registry = requireNonNull(registry, "registry is null");
    this.modeCommandLine = requireNonNull(modeCommandLine, "modeCommandLine is null");
    this.subcommands = requireNonNull(subcommands, "subcommands is null");
  }

  void write(PrintWriter out) {
    out.println("Usage: mkwheels --<mode> [mode options] [common options]");
    if (!subcommands.isEmpty()) {
      out.println(
          "       mkwheels <command> [options]   (mkwheels <command> --help for its options)");
    }
    out.println();
    out.println("Vendors a Python package and its whole dependency tree into one reproducible,");
    out.println(
        "hashed <name>-wheels-<version>.tar.gz that pip installs with no network, and prints");
    out.println("the epoch and digests to paste into a build recipe.");
    out.println();
    out.println("Modes (exactly one):");
    for (SourceProvider provider : registry.all()) {
      out.printf("  --%-12s %s%n", provider.id(), provider.description());
      for (OptionSpec option : provider.options()) {
        String flag = "--" + option.name() + " " + option.valueLabel();
        StringBuilder text = new StringBuilder(option.description());
        if (option.required()) {
          text.append(" (required)");
        }
        option.defaultValue().ifPresent(d -> text.append(" Default: ").append(d).append('.'));
        if (option.repeatable()) {
          text.append(" Repeatable.");
        }
        out.printf("      %-28s %s%n", flag, text);
      }
    }
    if (!registry.skipped().isEmpty()) {
      out.println();
      out.println("Plugins skipped (their modes are not available):");
      for (ProviderRegistry.Skipped skipped : registry.skipped()) {
        out.printf("  %s: %s%n", skipped.provider(), skipped.reason());
      }
    }
    if (!subcommands.isEmpty()) {
      out.println();
      out.println("Commands:");
      subcommands.stream()
          .sorted((a, b) -> a.name().compareTo(b.name()))
          .forEach(c -> out.printf("  %-14s %s%n", c.name(), c.summary()));
    }
    out.println();
    out.println("Common options:");
    CommandSpec spec = modeCommandLine.spec(new CommonOptions(), Optional.empty());
    spec.usageMessage().width(WIDTH);
    // Only the common options: the selectors are listed above with their modes.
    CommandSpec common = CommandSpec.create();
    common.usageMessage().width(WIDTH);
    spec.options().stream()
        .filter(o -> registry.find(o.longestName().substring(2)).isEmpty())
        .forEach(common::addOption);
    out.print(new CommandLine.Help(common).optionList());
    out.println();
    out.println("Exit codes: 0 done, 1 the job failed, 2 bad usage.");
    out.flush();
  }
}
