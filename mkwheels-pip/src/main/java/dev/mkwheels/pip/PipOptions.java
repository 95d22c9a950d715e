package dev.mkwheels.pip;

import dev.mkwheels.python.index.Redaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * pip's index options, passed through with pip's own names. Without an index URL pip's own
 * configuration decides, as it would for the user; mkwheels never overrides it. Immutable.
 *
 * @param indexUrl {@code --index-url}, or empty for pip's configured default
 * @param extraIndexUrls {@code --extra-index-url}, in command-line order
 * @param findLinks {@code --find-links}, in command-line order
 * @param pre {@code --pre}: consider pre-releases
 */
public record PipOptions(
    Optional<String> indexUrl, List<String> extraIndexUrls, List<String> findLinks, boolean pre) {

  /** No options: pip's configuration decides everything. */
  public static final PipOptions DEFAULTS =
      new PipOptions(Optional.empty(), List.of(), List.of(), false);

  public PipOptions {
    Objects.requireNonNull(indexUrl, "indexUrl is null");
    extraIndexUrls = List.copyOf(extraIndexUrls);
    findLinks = List.copyOf(findLinks);
  }

  /** The arguments to append to a pip command, in a fixed order. */
  public List<String> arguments() {
    List<String> args = new ArrayList<>();
    indexUrl.ifPresent(url -> args.addAll(List.of("--index-url", url)));
    extraIndexUrls.forEach(url -> args.addAll(List.of("--extra-index-url", url)));
    findLinks.forEach(url -> args.addAll(List.of("--find-links", url)));
    if (pre) {
      args.add("--pre");
    }
    return List.copyOf(args);
  }

  /**
   * The indexes named on the command line, {@code --index-url} first; empty when pip's
   * configuration decides.
   */
  public List<String> indexUrls() {
    List<String> urls = new ArrayList<>();
    indexUrl.ifPresent(urls::add);
    urls.addAll(extraIndexUrls);
    return List.copyOf(urls);
  }

  /**
   * One line for the summary, credentials removed from URLs: {@code --index-url
   * https://example/simple --pre}, or {@code pip's configuration} when nothing was given.
   */
  public String describe() {
    List<String> args = arguments();
    if (args.isEmpty()) {
      return "pip's configuration";
    }
    List<String> shown = new ArrayList<>();
    for (String arg : args) {
      shown.add(arg.startsWith("--") ? arg : Redaction.mask(arg));
    }
    return String.join(" ", shown);
  }
}
