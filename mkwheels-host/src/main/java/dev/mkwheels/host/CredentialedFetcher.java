package dev.mkwheels.host;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Credential;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.HttpResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An {@link HttpFetcher} that adds a credential's header to the requests for its origin and to no
 * other. The fetcher beneath drops it on a redirect to another origin (the cli's follows redirects
 * by hand and keeps only content-negotiation headers across origins).
 */
final class CredentialedFetcher implements HttpFetcher {
  private final HttpFetcher http;
  private final List<Credential> credentials;
  private final Map<String, String> environment;

  /**
   * Headers a fetcher keeps on a redirect to another origin (content negotiation), lower case: a
   * credential in one of them would follow the redirect, so none may travel in one.
   */
  static final Set<String> KEPT_ACROSS_ORIGINS =
      Set.of(
          "accept", "accept-encoding", "accept-language", "content-type", "x-github-api-version");

  CredentialedFetcher(
      HttpFetcher http, List<Credential> credentials, Map<String, String> environment) {
    this.http = requireNonNull(http, "http is null");
    for (Credential c : credentials) {
      String header = c.header().strip().toLowerCase(Locale.ROOT);
      if (KEPT_ACROSS_ORIGINS.contains(header) || header.startsWith("accept")) {
        throw new IllegalArgumentException(
            c.variable()
                + " cannot travel in '"
                + c.header()
                + "': a header kept on a redirect to another origin");
      }
    }
    this.credentials = List.copyOf(credentials);
    this.environment = Map.copyOf(environment);
  }

  @Override
  public HttpResponse get(URI uri, Map<String, String> headers) throws IOException {
    return http.get(uri, with(uri, headers));
  }

  @Override
  public HttpResponse download(URI uri, Map<String, String> headers, Path target, long maxBytes)
      throws IOException {
    return http.download(uri, with(uri, headers), target, maxBytes);
  }

  @Override
  public HttpResponse download(
      URI uri, Map<String, String> headers, Path target, long maxBytes, MessageDigest digest)
      throws IOException {
    return http.download(uri, with(uri, headers), target, maxBytes, digest);
  }

  /** The first credential for {@code uri}'s origin whose variable is set, not blank. */
  static Optional<Credential> inUse(
      List<Credential> credentials, Map<String, String> environment, URI uri) {
    return credentials.stream()
        .filter(c -> c.belongsTo(uri))
        .filter(c -> !environment.getOrDefault(c.variable(), "").isBlank())
        .findFirst();
  }

  private Map<String, String> with(URI uri, Map<String, String> headers) {
    Optional<Credential> credential = inUse(credentials, environment, uri);
    if (credential.isEmpty()) {
      return headers;
    }
    Credential c = credential.get();
    Map<String, String> sent = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    sent.putAll(headers);
    // The credential wins over a caller's header of the same name: the host owns it.
    sent.put(c.header(), c.prefix() + environment.get(c.variable()).strip());
    return sent;
  }
}
