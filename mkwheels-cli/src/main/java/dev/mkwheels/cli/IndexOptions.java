package dev.mkwheels.cli;

import dev.mkwheels.pip.PipOptions;
import dev.mkwheels.python.index.Redaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * pip's index options for {@code mkwheels lock} and {@code wheelhouse}, mixed in with picocli's
 * {@code @Mixin}: the same names and meaning as the modes' common options.
 */
final class IndexOptions {
  @Option(names = "--index-url", paramLabel = "URL", description = "pip's --index-url.")
  String indexUrl;

  @Option(
      names = "--extra-index-url",
      paramLabel = "URL",
      description = "pip's --extra-index-url (repeatable).")
  List<String> extraIndexUrls = new ArrayList<>();

  @Option(
      names = "--find-links",
      paramLabel = "URL",
      description = "pip's --find-links (repeatable).")
  List<String> findLinks = new ArrayList<>();

  @Option(names = "--pre", description = "pip's --pre: consider pre-releases.")
  boolean pre;

  PipOptions pip() {
    return new PipOptions(Optional.ofNullable(indexUrl), extraIndexUrls, findLinks, pre);
  }

  /** The options as a command line would repeat them, credentials removed. */
  List<String> arguments() {
    List<String> shown = new ArrayList<>();
    for (String arg : pip().arguments()) {
      shown.add(arg.startsWith("--") ? arg : Redaction.mask(arg));
    }
    return shown;
  }
}
