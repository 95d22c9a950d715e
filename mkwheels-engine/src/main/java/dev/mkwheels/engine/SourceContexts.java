package dev.mkwheels.engine;

import dev.mkwheels.api.Console;
import dev.mkwheels.api.Epoch;
import dev.mkwheels.api.SourceContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The host's side of a source: the engine asks for the {@link SourceContext} of one run, and the
 * host (the command line) decides what it lends the source (HTTP, JSON, credentials, unpacking).
 */
@FunctionalInterface
public interface SourceContexts {
  /**
   * The context a source resolves in.
   *
   * @param workDirectory a directory of the run's own, deleted when the run ends
   * @param fixedEpoch the epoch the user fixed, if any
   * @param indexUrls the index URLs the user gave, index first
   */
  SourceContext create(
      Path workDirectory, Console console, Optional<Epoch> fixedEpoch, List<String> indexUrls);

  /**
   * {@code variables} without the credentials {@code context} (made by {@link #create}) lent its
   * source, for pip and the builds it runs: a forge token is for its forge only. The default keeps
   * every variable.
   */
  default Map<String, String> withoutCredentials(
      SourceContext context, Map<String, String> variables) {
    return variables;
  }
}
