package dev.mkwheels.api;

import java.util.List;

/**
 * A source of Python packages that mkwheels can vendor, selected on the command line as {@code
 * --<id>}.
 *
 * <p>Implementations are discovered with {@link java.util.ServiceLoader} and must have a public
 * no-argument constructor. They are stateless: the host may call {@link #resolve} more than once,
 * from one thread at a time. Everything a provider needs from the host (HTTP, JSON, a work
 * directory, the console) arrives through the {@link SourceContext}; a provider never sees the
 * host's dependency injection.
 *
 * <p>New capabilities are added to this interface as {@code default} methods, so a provider built
 * against an older version keeps working.
 */
public interface SourceProvider {

  /**
   * The mode selector, without dashes: {@code pypi} gives {@code --pypi}. Lower-case ASCII letters,
   * digits and inner hyphens, starting with a letter, at most 32 characters; unique among the
   * providers loaded.
   */
  String id();

  /** One line, shown beside the selector in {@code --help}. */
  String description();

  /**
   * The options this mode takes, in the order {@code --help} lists them. Names must not clash with
   * the host's common options ({@code --epoch}, {@code --output-dir}, {@code --python}, pip's
   * options, ...), which every mode takes.
   */
  List<OptionSpec> options();

  /**
   * Turns the parsed options into a resolved source.
   *
   * @param options the values given for {@link #options()}, with defaults applied and required
   *     options checked by the host
   * @param context what the host provides: HTTP, JSON, work directory, console, environment
   * @return never {@code null}
   * @throws InvalidOptionException when an option value is malformed (the host exits 2)
   * @throws SourceException when the package cannot be resolved (the host exits 1); its message is
   *     what the user reads, one line
   */
  ResolvedSource resolve(ProviderOptions options, SourceContext context) throws SourceException;
}
