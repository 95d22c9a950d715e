package dev.mkwheels.cli;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Epoch;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.ci.WheelhouseBuilder;
import dev.mkwheels.ci.WheelhouseRequest;
import dev.mkwheels.ci.WheelhouseResult;
import dev.mkwheels.engine.PipRunners;
import dev.mkwheels.pip.PipCommand;
import dev.mkwheels.pip.PipRunner;
import dev.mkwheels.pip.TargetOptions;
import dev.mkwheels.resolver.Target;
import dev.mkwheels.resolver.Targets;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mkwheels wheelhouse}: exactly a lock's files, hash-checked, for this or another machine.
 */
@Command(
    name = "mkwheels wheelhouse",
    sortOptions = false,
    usageHelpWidth = 100,
    footer = "Exit codes: 0 done, 1 the job failed, 2 bad usage.",
    description = {
      "Downloads exactly the lock's pins with hash checking (pip download --require-hashes"
          + " --no-deps), builds a wheel for each sdist when the target is this machine, checks every"
          + " file against the lock, and puts them in --wheel-dir (replacing what it held). For another"
          + " platform it fails listing every pin no file satisfies. Prints 'sha256  file' per file.",
      "With --target (repeatable), mkwheels picks each target's wheels itself: for every pin whose"
          + " marker holds on the target, its most preferred wheel among the files the lock hashes;"
          + " the union goes in --wheel-dir. No pip download and no interpreter of the target;"
          + " nothing is built, so a pin with no wheel for a target fails the run, naming both.",
      "A wheel built here is the same bytes on every run: each build gets SOURCE_DATE_EPOCH (the"
          + " environment's, else 315532800, 1980-01-01) and its zip is rewritten with that time."
    })
final class WheelhouseCommand implements Subcommand {
  @Option(
      names = "--python",
      paramLabel = "PATH",
      description = "The interpreter whose pip downloads and builds. Default: python3.")
  String python = "python3";

  @Option(names = "--lock", paramLabel = "FILE", required = true, description = "The hashed lock.")
  Path lock;

  @Option(
      names = "--wheel-dir",
      paramLabel = "DIR",
      required = true,
      description =
          "Where the files go; created, or replaced when it holds only wheels and sdists.")
  Path wheelDir;

  @Option(
      names = "--target",
      paramLabel = "TARGET",
      description =
          "Download this target's wheels of the lock (repeatable; the union of the targets' files): "
              + Targets.FORMS
              + ". Not with the --download-platform/-python-version/-implementation/-abi long form,"
              + " which names one target for pip.")
  List<String> targets = new ArrayList<>();

  @Option(
      names = "--download-platform",
      paramLabel = "PLATFORM",
      description =
          "pip download --platform, e.g. manylinux_2_28_x86_64 (repeatable); older"
              + " compatible tags are added.")
  List<String> platforms = new ArrayList<>();

  @Option(
      names = "--download-python-version",
      paramLabel = "VERSION",
      description = "pip download --python-version, e.g. 3.12.")
  String pythonVersion;

  @Option(
      names = "--download-implementation",
      paramLabel = "IMPL",
      description = "pip download --implementation, e.g. cp.")
  String implementation;

  @Option(
      names = "--download-abi",
      paramLabel = "ABI",
      description = "pip download --abi, e.g. cp312.")
  String abi;

  @Option(
      names = "--download-only-binary",
      description = "Wheels only (pip's --only-binary=:all:), even for this machine.")
  boolean onlyBinary;

  @Mixin IndexOptions index = new IndexOptions();
  @Mixin ConsoleOptions consoleOptions = new ConsoleOptions();

  private final HttpFetcher http;
  private final PipRunners pipRunners;
  private final Environment environment;
  private final Streams streams;

  @Inject
  WheelhouseCommand(
      HttpFetcher http, PipRunners pipRunners, Environment environment, Streams streams) {
    this.http = requireNonNull(http, "http is null");
    this.pipRunners = requireNonNull(pipRunners, "pipRunners is null");
    this.environment = requireNonNull(environment, "environment is null");
    this.streams = requireNonNull(streams, "streams is null");
  }

  @Override
  public String name() {
    return "wheelhouse";
  }

  @Override
  public String summary() {
    return "Download exactly a lock's files, hash-checked, for this or another platform.";
  }

  @Override
  public Integer call() throws MkwheelsException {
    StreamConsole console = consoleOptions.console(streams.err());
    TargetOptions target =
        new TargetOptions(
            platforms,
            Optional.ofNullable(pythonVersion),
            Optional.ofNullable(implementation),
            Optional.ofNullable(abi));
    List<Target> parsed = targets();
    PipRunner pip =
        pipRunners.create(python, environment.variables(), console, PipCommand.DEFAULT_TIMEOUT);
    long epoch =
        Epochs.fixed(null, environment).map(Epoch::seconds).orElse(WheelhouseRequest.DEFAULT_EPOCH);
    WheelhouseResult result =
        new WheelhouseBuilder(pip, http, console)
            .build(
                new WheelhouseRequest(
                    lock, wheelDir, index.pip(), target, onlyBinary, epoch, parsed));
    List<String> built = new ArrayList<>();
    for (WheelhouseResult.File file : result.files()) {
      streams.out().println(file.sha256() + "  " + TerminalText.line(file.name()));
      if (!file.builtFrom().isEmpty()) {
        built.add(file.name());
      }
    }
    streams.out().flush();
    if (!built.isEmpty()) {
      // pip prefers a wheel, and a wheel built here cannot match the lock's hashes.
      console.warn(
          "built here from sdists, so not in "
              + lock
              + "'s hashes: "
              + String.join(", ", built)
              + "; install with the requirements.txt of 'mkwheels pack', which hashes every file");
    }
    console.progress(wheelDir + ": " + result.files().size() + " files");
    return 0;
  }

  /** Each --target; with the long form, or one given twice, bad usage. */
  private List<Target> targets() throws Launcher.SubcommandUsageException {
    if (targets.isEmpty()) {
      return List.of();
    }
    if (!platforms.isEmpty() || pythonVersion != null || implementation != null || abi != null) {
      throw new Launcher.SubcommandUsageException(
          name(),
          "give the machines as --target, or one as --download-platform/-python-version"
              + "/-implementation/-abi, not both");
    }
    List<Target> parsed = new ArrayList<>();
    try {
      for (String text : targets) {
        parsed.add(Targets.parse(text));
      }
    } catch (IllegalArgumentException e) {
      throw new Launcher.SubcommandUsageException(name(), e.getMessage());
    }
    if (parsed.stream().map(Target::name).distinct().count() != parsed.size()) {
      throw new Launcher.SubcommandUsageException(
          name(), "a --target is given twice: " + String.join(", ", targets));
    }
    return parsed;
  }
}
