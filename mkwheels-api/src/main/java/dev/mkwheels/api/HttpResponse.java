package dev.mkwheels.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A completed HTTP exchange.
 *
 * @param status the status code
 * @param headers response headers, names lower-cased
 * @param body the body; empty for {@link HttpFetcher#download}
 * @param finalUri the URI that answered, after the redirects followed (what relative links in the
 *     body resolve against, as pip does); empty when the fetcher does not say, and the URI asked
 *     for is then the best guess
 */
public record HttpResponse(
    int status, Map<String, List<String>> headers, byte[] body, Optional<URI> finalUri) {

  public HttpResponse {
    TreeMap<String, List<String>> lower = new TreeMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    headers = Map.copyOf(lower);
    body = body.clone();
    java.util.Objects.requireNonNull(finalUri, "finalUri is null");
  }

  /** A response that does not say which URI answered: {@link #finalUri()} is empty. */
  public HttpResponse(int status, Map<String, List<String>> headers, byte[] body) {
    this(status, headers, body, Optional.empty());
  }

  /** The URI that answered: {@link #finalUri()} when the fetcher said, else {@code asked}. */
  public URI finalUri(URI asked) {
    return finalUri.orElse(asked);
  }

  /** The first value of a header, by case-insensitive name. */
  public Optional<String> header(String name) {
    List<String> values = headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * The {@code Retry-After} header when it gives a number of seconds (six digits at most, so a
   * message can say it as it is); empty when it is missing, an HTTP date, or anything else.
   */
  public Optional<String> retryAfterSeconds() {
    return header("retry-after").map(String::strip).filter(s -> s.matches("[0-9]{1,6}"));
  }

  /** The body decoded as UTF-8. */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }
}
