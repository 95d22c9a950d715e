package dev.mkwheels.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the host hands a {@link SourceProvider} for one run. */
public interface SourceContext {

  /** HTTP with the host's timeouts and retries. */
  HttpFetcher http();

  /** A JSON parser. */
  JsonReader json();

  /**
   * A private, empty directory for this run, deleted by the host when the run ends (whether it
   * succeeded or not). Unpack sources here.
   */
  Path workDirectory();

  /** Progress and diagnostics (stderr). */
  Console console();

  /** The process environment (for tokens such as {@code GITHUB_TOKEN}); never print its values. */
  Map<String, String> environment();

  /**
   * The epoch the user fixed ({@code --epoch}, else {@code SOURCE_DATE_EPOCH}), which wins over any
   * the provider could derive. When present, a provider must not fail just because it cannot derive
   * one.
   */
  Optional<Epoch> fixedEpoch();

  /**
   * The package indexes the user named for pip ({@code --index-url} first, then each {@code
   * --extra-index-url}), which a provider may ask for release metadata (PEP 691). Empty when pip's
   * own configuration decides. May hold credentials: never print them.
   */
  default List<String> indexUrls() {
    return List.of();
  }
}
