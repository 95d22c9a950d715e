package dev.mkwheels.cli;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Console;
import dev.mkwheels.api.Epoch;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.JsonReader;
import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.api.ResolvedSource;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;

/**
 * {@code mkwheels --<mode>}: the selected source resolves the package, pip fills a wheels
 * directory, and packaging turns it into the artifact. Every mode converges here.
 */
final class VendorPipeline {
  private final HttpFetcher http;
  private final JsonReader json;
  private final Environment environment;

  @Inject
  VendorPipeline(HttpFetcher http, JsonReader json, Environment environment) {
    this.http = requireNonNull(http, "http is null");
    this.json = requireNonNull(json, "json is null");
    this.environment = requireNonNull(environment, "environment is null");
  }

  int run(Invocation invocation, PrintStream out, Console console) throws MkwheelsException {
    Optional<Epoch> fixed = Epochs.fixed(invocation.common().epoch, environment);
    try (WorkDirectory work = WorkDirectory.create()) {
      RunContext context =
          new RunContext(http, json, work.path(), console, environment.variables(), fixed);
      ResolvedSource source = invocation.provider().resolve(invocation.options(), context);
      console.progress(
          "resolved " + source.name() + " " + source.version() + ", epoch " + source.epoch().seconds()
              + " (" + source.epoch().origin() + ")");
      throw new MkwheelsException("resolving the tree with pip is not implemented yet");
    } catch (IOException e) {
      throw new MkwheelsException("cannot create a work directory: " + e.getMessage(), e);
    }
  }
}
