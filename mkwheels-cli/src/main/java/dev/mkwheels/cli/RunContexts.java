package dev.mkwheels.cli;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Console;
import dev.mkwheels.api.Epoch;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.JsonReader;
import dev.mkwheels.api.SourceContext;
import dev.mkwheels.engine.SourceContexts;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The engine's way to a run's {@link RunContext}: this host's HTTP, JSON and environment. */
final class RunContexts implements SourceContexts {
  private final HttpFetcher http;
  private final JsonReader json;
  private final Environment environment;

  @Inject
  RunContexts(HttpFetcher http, JsonReader json, Environment environment) {
    this.http = requireNonNull(http, "http is null");
    this.json = requireNonNull(json, "json is null");
    this.environment = requireNonNull(environment, "environment is null");
  }

  @Override
  public SourceContext create(
      Path workDirectory, Console console, Optional<Epoch> fixedEpoch, List<String> indexUrls) {
    return new RunContext(
        http, json, workDirectory, console, environment.variables(), fixedEpoch, indexUrls);
  }

  @Override
  public Map<String, String> withoutCredentials(
      SourceContext context, Map<String, String> variables) {
    return ((RunContext) context).withoutCredentials(variables);
  }
}
