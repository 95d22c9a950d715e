package dev.mkwheels.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --slackbuild} and {@code --download-url}, mixed in with picocli's {@code @Mixin} by the
 * modes' common options and by {@code pack}: the same names and meaning in both.
 */
final class SlackBuildOptions {
  @Option(
      names = "--slackbuild",
      description =
          "Also print the DOWNLOAD and MD5SUM lines of a SlackBuilds .info for the tarball"
              + " (the _x86_64 forms when it holds x86_64-only wheels).")
  boolean slackbuild;

  @Option(
      names = "--download-url",
      paramLabel = "BASE",
      description = "With --slackbuild: where the tarball will be, DOWNLOAD is BASE/<file>.")
  String downloadUrl;

  /** The checked download base, when lines are asked for with one. */
  Optional<String> base() throws UsageException {
    return SlackBuildInfo.base(slackbuild, downloadUrl);
  }
}
