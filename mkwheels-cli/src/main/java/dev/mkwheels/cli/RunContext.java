package dev.mkwheels.cli;

import dev.mkwheels.api.Console;
import dev.mkwheels.api.Epoch;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.JsonReader;
import dev.mkwheels.api.SourceContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@link SourceContext} of one run. */
record RunContext(
    HttpFetcher http,
    JsonReader json,
    Path workDirectory,
    Console console,
    Map<String, String> environment,
    Optional<Epoch> fixedEpoch,
    List<String> indexUrls)
    implements SourceContext {

  RunContext {
    environment = Map.copyOf(environment);
    indexUrls = List.copyOf(indexUrls);
  }
}
