package dev.mkwheels.cli;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Epoch;
import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.engine.TarballVerification;
import dev.mkwheels.packaging.PackRequest;
import dev.mkwheels.packaging.PackRequestException;
import dev.mkwheels.packaging.PackResult;
import dev.mkwheels.packaging.Packager;
import dev.mkwheels.pip.TargetOptions;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mkwheels pack}: packs an existing wheelhouse (a CI job's {@code pip download} or {@code
 * pip wheel} output) into the same reproducible tarball the modes make.
 */
@Command(
    name = "mkwheels pack",
    usageHelpWidth = 100,
    description = {
      "Packs an existing wheelhouse into <name>-wheels-<version>.tar.gz with a pinned, hashed",
      "requirements.txt, byte-identical for the same files and epoch, and prints its digests."
    },
    footer = "Exit codes: 0 done, 1 the job failed, 2 bad usage.")
final class PackCommand implements Subcommand {
  @Option(
      names = "--dir",
      paramLabel = "DIR",
      required = true,
      description = "The wheelhouse: wheels and sdists (.tar.gz, .zip) only.")
  Path dir;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      required = true,
      description =
          "The project name; <name>-wheels-<version>.tar.gz has its PEP 503 normalized form.")
  String name;

  @Option(
      names = "--ver",
      paramLabel = "VER",
      required = true,
      description = "The version in <name>-wheels-<version>.tar.gz.")
  String version;

  @Option(
      names = "--epoch",
      paramLabel = "N",
      description =
          "SOURCE_DATE_EPOCH: the mtime of every entry (seconds). Default: SOURCE_DATE_EPOCH"
              + " from the environment.")
  String epoch;

  @Option(
      names = "--output-dir",
      paramLabel = "DIR",
      description = "Where the tarball is written. Default: the current directory.")
  Path outputDir = Path.of(".");

  @Option(names = "--json", description = "Print the result as one JSON object.")
  boolean json;

  @Option(
      names = "--verify",
      description =
          "After packing, install the tarball offline into a fresh venv of --python to prove it.")
  boolean verify;

  @Option(
      names = "--python",
      paramLabel = "PATH",
      description = "The interpreter --verify installs with. Default: python3.")
  String python = "python3";

  @Mixin SlackBuildOptions slackbuild = new SlackBuildOptions();

  @Mixin ConsoleOptions consoleOptions = new ConsoleOptions();

  private final Packager packager;
  private final Streams streams;
  private final Environment environment;

  @Inject
  PackCommand(Packager packager, Streams streams, Environment environment) {
    this.packager = requireNonNull(packager, "packager is null");
    this.streams = requireNonNull(streams, "streams is null");
    this.environment = requireNonNull(environment, "environment is null");
  }

  @Override
  public String name() {
    return "pack";
  }

  @Override
  public String summary() {
    return "Pack an existing wheelhouse into the reproducible tarball (for a CI artifact).";
  }

  @Override
  public Integer call() throws MkwheelsException {
    Epoch fixed;
    Duration pipTimeout;
    Optional<String> downloadBase;
    try {
      downloadBase = slackbuild.base();
      fixed =
          Epochs.fixed(epoch, environment)
              .orElseThrow(
                  () ->
                      new UsageException(
                          "needs --epoch N, or SOURCE_DATE_EPOCH in the environment"));
      pipTimeout = PipSettings.timeout(environment);
    } catch (UsageException e) {
      throw new Launcher.SubcommandUsageException(name(), e.getMessage());
    }
    StreamConsole console = consoleOptions.console(streams.err());
    PackRequest request =
        new PackRequest(
            dir.toAbsolutePath().normalize(),
            name,
            version,
            fixed.seconds(),
            outputDir.toAbsolutePath().normalize(),
            List.of());
    PackResult result;
    try {
      result = packager.pack(request, console);
    } catch (PackRequestException e) {
      throw new Launcher.SubcommandUsageException(name(), e.getMessage());
    }
    Map<String, Object> extra = new TreeMap<>();
    ResultPrinter.noteNormalizedName(extra, name);
    if (verify) {
      extra.put(
          "verify",
          TarballVerification.verify(
              result,
              python,
              TargetOptions.HOST,
              Optional.empty(),
              environment.variables(),
              pipTimeout,
              console));
    }
    if (slackbuild.slackbuild) {
      extra.put("slackbuild", SlackBuildInfo.lines(result, downloadBase));
    }
    new ResultPrinter(streams.out()).print(result, json, extra);
    return 0;
  }
}
