package dev.mkwheels.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options every mode takes. picocli fills the fields; {@link Invocation} reads them. A field,
 * not a record component, because picocli writes it reflectively.
 */
public final class CommonOptions {

  @Option(
      names = "--epoch",
      paramLabel = "N",
      description =
          "SOURCE_DATE_EPOCH for the build (seconds). Default: SOURCE_DATE_EPOCH from the"
              + " environment, else what the mode derives from its source.")
  String epoch;

  @Option(
      names = "--output-dir",
      paramLabel = "DIR",
      description = "Where the tarball is written. Default: the current directory.")
  Path outputDir = Path.of(".");

  @Option(
      names = "--python",
      paramLabel = "PATH",
      description =
          "The interpreter whose pip resolves the tree, so it fits that Python."
              + " Default: python3.")
  String python = "python3";

  @Option(names = "--json", description = "Print the result as one JSON object.")
  boolean json;

  @Option(
      names = "--verify",
      description = "After packing, install the tarball offline into a fresh venv to prove it.")
  boolean verify;

  @Option(
      names = "--platform",
      paramLabel = "TAG",
      description = "Target platform tag (repeatable); older compatible tags are added.")
  List<String> platforms = new ArrayList<>();

  @Option(names = "--python-version", paramLabel = "X.Y", description = "Target Python version.")
  String pythonVersion;

  @Option(
      names = "--implementation",
      paramLabel = "IMPL",
      description = "Target implementation, e.g. cp.")
  String implementation;

  @Option(names = "--abi", paramLabel = "ABI", description = "Target ABI, e.g. cp312.")
  String abi;

  @Option(
      names = "--resolver",
      paramLabel = "native|pip",
      description =
          "Who resolves the tree: native, mkwheels' own resolver (many targets in one run,"
              + " frozen in time on any pip), or pip (pip download, one target). Default: native"
              + " with --target, else pip.")
  String resolver;

  @Option(
      names = "--target",
      paramLabel = "TARGET",
      description =
          "A machine to vendor for (repeatable; --resolver native): IMPL+VERSION-PLATFORM, e.g."
              + " cp312-manylinux_2_28_x86_64, cp313t-win_amd64, cp3.12.4-macosx_11_0_arm64,"
              + " pp310-musllinux_1_2_aarch64. IMPL cp or pp; VERSION 312 or 3.12[.4] (patch 0"
              + " unless given); PLATFORM manylinux_X_Y_ARCH, manylinux2014_ARCH,"
              + " musllinux_X_Y_ARCH, linux_ARCH, macosx_X_Y_ARCH, win_amd64, win_arm64 or win32."
              + " Default: this machine's python.")
  List<String> targets = new ArrayList<>();

  @Option(
      names = "--uploaded-prior-to",
      paramLabel = "WHEN",
      description =
          "Files uploaded after WHEN (ISO-8601, e.g. 2024-05-06T07:08:09Z, or seconds since 1970)"
              + " are not considered. Default: for a release on an index, the latest upload of its"
              + " own files with --resolver native, else the epoch.")
  String uploadedPriorTo;

  @Option(
      names = "--wheels-only",
      description =
          "Build every sdist in the tree into a wheel instead of vendoring its build backend.")
  boolean wheelsOnly;

  @Option(
      names = "--no-build",
      description =
          "Wheels only, for hardened hosts: refuse a source tree, a git dependency"
              + " or an sdist, whose build code would run here.")
  boolean noBuild;

  @Option(
      names = "--require-index-hashes",
      description = "Fail when a file has no sha256 on any index pip used (default: a warning).")
  boolean requireIndexHashes;

  /** --slackbuild and --download-url, shared with pack. */
  @Mixin SlackBuildOptions slackbuild = new SlackBuildOptions();

  /** pip's index options, shared with lock and wheelhouse. */
  @Mixin IndexOptions index = new IndexOptions();

  /** -q, -v, -h, shared with the commands. */
  @Mixin ConsoleOptions console = new ConsoleOptions();

  @Option(
      names = {"-V", "--version"},
      versionHelp = true,
      description = "Print the version and exit.")
  boolean version;

  /** The output directory as given, resolved against the current directory. */
  Path outputDir() {
    return outputDir.toAbsolutePath().normalize();
  }
}
