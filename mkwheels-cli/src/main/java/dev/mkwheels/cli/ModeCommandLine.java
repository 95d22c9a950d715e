package dev.mkwheels.cli;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.OptionSpec;
import dev.mkwheels.api.ProviderOptions;
import dev.mkwheels.api.SourceProvider;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * Builds the {@code mkwheels --<mode>} command line at run time from the providers that were found,
 * so a drop-in jar adds its selector and options with no change here. Only the selected mode's
 * options are accepted, so two modes may both take {@code --name}.
 */
final class ModeCommandLine {
  private final ProviderRegistry registry;

  @Inject
  ModeCommandLine(ProviderRegistry registry) {
    this.registry = requireNonNull(registry, "registry is null");
  }

  /** What the arguments asked for. */
  sealed interface Request {}

  record Help() implements Request {}

  record Version() implements Request {}

  record Run(Invocation invocation) implements Request {}

  Request parse(List<String> args) throws UsageException {
    List<SourceProvider> selected = new ArrayList<>();
    for (SourceProvider provider : registry.all()) {
      if (args.contains("--" + provider.id())) {
        selected.add(provider);
      }
    }
    if (selected.size() > 1) {
      throw new UsageException(
          "choose one mode, not "
              + String.join(" and ", selected.stream().map(p -> "--" + p.id()).toList()));
    }
    Optional<SourceProvider> mode = selected.stream().findFirst();
    CommonOptions common = new CommonOptions();
    CommandLine commandLine = new CommandLine(spec(common, mode));
    ParseResult result;
    try {
      result = commandLine.parseArgs(args.toArray(String[]::new));
    } catch (CommandLine.UnmatchedArgumentException e) {
      if (mode.isEmpty() && namesAModeOption(e.getUnmatched())) {
        throw noMode();
      }
      throw new UsageException(firstLine(e.getMessage()));
    } catch (CommandLine.ParameterException e) {
      throw new UsageException(firstLine(e.getMessage()));
    }
    if (commandLine.isUsageHelpRequested()) {
      return new Help();
    }
    if (commandLine.isVersionHelpRequested()) {
      return new Version();
    }
    if (mode.isEmpty()) {
      throw noMode();
    }
    return new Run(new Invocation(mode.get(), providerOptions(mode.get(), result), common));
  }

  /** The command spec for the common options plus, when a mode is selected, that mode's options. */
  CommandSpec spec(CommonOptions common, Optional<SourceProvider> mode) {
    CommandSpec spec = CommandSpec.forAnnotatedObject(common);
    spec.name("mkwheels");
    for (SourceProvider provider : registry.all()) {
      spec.addOption(
          CommandLine.Model.OptionSpec.builder("--" + provider.id())
              .arity("0")
              .type(boolean.class)
              .description(provider.description())
              .build());
    }
    mode.ifPresent(
        provider ->
            provider.options().forEach(option -> spec.addOption(toPicocli(provider, option))));
    return spec;
  }

  private static CommandLine.Model.OptionSpec toPicocli(
      SourceProvider provider, OptionSpec option) {
    CommandLine.Model.OptionSpec.Builder builder =
        CommandLine.Model.OptionSpec.builder("--" + option.name())
            .paramLabel(option.valueLabel())
            .description(option.description())
            .arity("1");
    if (option.repeatable()) {
      builder.type(List.class).auxiliaryTypes(String.class);
    } else {
      builder.type(String.class);
    }
    return builder.build();
  }

  private ProviderOptions providerOptions(SourceProvider provider, ParseResult result)
      throws UsageException {
    Map<String, List<String>> values = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (OptionSpec option : provider.options()) {
      CommandLine.Model.OptionSpec matched = result.matchedOption("--" + option.name());
      List<String> given = new ArrayList<>();
      if (matched != null) {
        Object value = matched.getValue();
        if (value instanceof List<?> list) {
          list.forEach(v -> given.add(String.valueOf(v)));
        } else if (value != null) {
          given.add(String.valueOf(value));
        }
      }
      if (given.isEmpty() && option.defaultValue().isPresent()) {
        given.add(option.defaultValue().get());
      }
      if (given.isEmpty() && option.required()) {
        missing.add("--" + option.name() + " " + option.valueLabel());
      }
      values.put(option.name(), given);
    }
    if (!missing.isEmpty()) {
      throw new UsageException("--" + provider.id() + " needs " + String.join(" and ", missing));
    }
    return new ProviderOptions(values);
  }

  private boolean namesAModeOption(List<String> unmatched) {
    for (String arg : unmatched) {
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      for (SourceProvider provider : registry.all()) {
        for (OptionSpec option : provider.options()) {
          if (name.equals("--" + option.name())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private UsageException noMode() {
    if (registry.all().isEmpty()) {
      return new UsageException("no source providers were found on the module path");
    }
    return new UsageException("choose a mode: one of " + registry.selectors());
  }

  private static String firstLine(String message) {
    String text = message == null ? "invalid command line" : message.strip();
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
