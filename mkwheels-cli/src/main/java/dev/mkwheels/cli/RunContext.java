package dev.mkwheels.cli;

import dev.mkwheels.api.Console;
import dev.mkwheels.api.Credential;
import dev.mkwheels.api.Epoch;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.JsonReader;
import dev.mkwheels.api.SourceArchive;
import dev.mkwheels.api.SourceContext;
import dev.mkwheels.api.SourceException;
import dev.mkwheels.api.UnpackedSource;
import dev.mkwheels.host.HostServices;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link SourceContext} of one run. Credentials and archives are the host module's work ({@link
 * HostServices}), over this run's HTTP, which drops a credential on a redirect to another origin.
 */
record RunContext(
    HttpFetcher http,
    JsonReader json,
    Path workDirectory,
    Console console,
    Map<String, String> environment,
    Optional<Epoch> fixedEpoch,
    List<String> indexUrls)
    implements SourceContext {
  private static final HostServices HOST = new HostServices();

  RunContext {
    environment = Map.copyOf(environment);
    indexUrls = List.copyOf(indexUrls);
  }

  @Override
  public HttpFetcher http(List<Credential> credentials) {
    return HOST.credentialed(http, credentials, environment);
  }

  @Override
  public UnpackedSource unpack(SourceArchive archive) throws SourceException {
    return HOST.unpack(archive, http, workDirectory, environment, console);
  }
}
