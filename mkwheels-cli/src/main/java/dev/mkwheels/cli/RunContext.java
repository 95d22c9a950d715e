package dev.mkwheels.cli;

import static java.util.Objects.requireNonNull;

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
import dev.mkwheels.pip.ChildEnvironment;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The {@link SourceContext} of one run. Credentials and archives are the host module's work ({@link
 * HostServices}), over this run's HTTP, which drops a credential on a redirect to another origin.
 * It remembers the variable of every credential a provider named, so that none reaches pip's
 * environment ({@link #withoutCredentials}), whatever its name.
 *
 * @param credentialVariables the variables of the credentials named so far; shared and growing
 */
record RunContext(
    HttpFetcher http,
    JsonReader json,
    Path workDirectory,
    Console console,
    Map<String, String> environment,
    Optional<Epoch> fixedEpoch,
    List<String> indexUrls,
    Set<String> credentialVariables)
    implements SourceContext {
  private static final HostServices HOST = new HostServices();

  RunContext {
    environment = Map.copyOf(environment);
    indexUrls = List.copyOf(indexUrls);
    requireNonNull(credentialVariables, "credentialVariables is null");
  }

  RunContext(
      HttpFetcher http,
      JsonReader json,
      Path workDirectory,
      Console console,
      Map<String, String> environment,
      Optional<Epoch> fixedEpoch,
      List<String> indexUrls) {
    this(
        http,
        json,
        workDirectory,
        console,
        environment,
        fixedEpoch,
        indexUrls,
        ConcurrentHashMap.newKeySet());
  }

  @Override
  public HttpFetcher http(List<Credential> credentials) {
    credentials.forEach(c -> credentialVariables.add(c.variable()));
    return HOST.credentialed(http, credentials, environment);
  }

  @Override
  public UnpackedSource unpack(SourceArchive archive) throws SourceException {
    archive.credentials().forEach(c -> credentialVariables.add(c.variable()));
    return HOST.unpack(archive, http, workDirectory, environment, console);
  }

  /**
   * {@code variables} without the credentials a provider named, unless the user passes one on
   * purpose ({@value ChildEnvironment#PASS_VARIABLE}): a provider's token is for its forge, not for
   * pip or the builds pip runs.
   */
  Map<String, String> withoutCredentials(Map<String, String> variables) {
    Set<String> passed =
        Arrays.stream(environment.getOrDefault(ChildEnvironment.PASS_VARIABLE, "").split(","))
            .map(String::strip)
            .collect(Collectors.toSet());
    Map<String, String> kept = new TreeMap<>(variables);
    credentialVariables.stream().filter(v -> !passed.contains(v)).forEach(kept::remove);
    return kept;
  }
}
