package dev.mkwheels.cli;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.python.index.Redaction;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one redirect policy of mkwheels' HTTP, followed by hand so that credentials go only to the
 * origin they were meant for. A hop to another origin (scheme, host, port) keeps only the
 * content-negotiation headers in {@link #SAFE}: every other header the caller set ({@code
 * Authorization}, {@code PRIVATE-TOKEN}, {@code Cookie}, any forge's token) is dropped for that hop
 * and every later one. A hop to a scheme other than http(s), or from https down to http, is
 * refused; so is a chain longer than {@link #MAX_HOPS}.
 */
final class Redirects {
  static final int MAX_HOPS = 5;

  /** Headers that carry no credential, lower case: the only ones sent to another origin. */
  static final Set<String> SAFE =
      Set.of(
          "accept", "accept-encoding", "accept-language", "content-type", "x-github-api-version");

  private Redirects() {}

  /**
   * One request of a chain.
   *
   * @param uri where it goes, with no user info
   * @param headers the caller's headers still allowed on this hop
   * @param body the POST body, or null for a GET
   * @param contentType the body's media type, or null for a GET
   */
  record Hop(URI uri, Map<String, String> headers, byte[] body, String contentType) {
    Hop {
      requireNonNull(uri, "uri is null");
      headers = Map.copyOf(headers);
    }
  }

  /** Thrown for a redirect that is not followed: final, not worth a retry. */
  static final class RefusedException extends JdkHttpFetcher.FinalException {
    private static final long serialVersionUID = 1L;

    RefusedException(String message) {
      super(message);
    }
  }

  /**
   * The request after an answer of {@code status}, or empty when the answer is not a redirect to
   * follow (not a 301/302/303/307/308, or one with no {@code Location}).
   *
   * @throws RefusedException when the redirect goes somewhere mkwheels will not follow
   */
  static Optional<Hop> next(Hop hop, int status, Optional<String> location)
      throws RefusedException {
    boolean redirect =
        status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    if (!redirect || location.isEmpty() || location.get().isBlank()) {
      return Optional.empty();
    }
    String from = Redaction.describe(hop.uri());
    URI target;
    try {
      target = hop.uri().resolve(new URI(location.get().strip()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new RefusedException(from + " redirects to a malformed URL; not followed");
    }
    String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new RefusedException(
          from
              + " redirects to a "
              + (scheme.isEmpty() ? "scheme-less" : scheme + ":")
              + " URL; only http and https redirects are followed");
    }
    if (target.getHost() == null) {
      throw new RefusedException(from + " redirects to a URL with no host; not followed");
    }
    if (hop.uri().getScheme().equalsIgnoreCase("https") && scheme.equals("http")) {
      throw new RefusedException(from + " redirects from https to plain http; not followed");
    }
    target = withoutUserInfoOrFragment(target);
    Map<String, String> headers =
        sameOrigin(hop.uri(), target) ? hop.headers() : safe(hop.headers());
    // As browsers and curl do: a 303, and a 301/302 after a POST, become a GET without the body.
    boolean toGet = status == 303 || ((status == 301 || status == 302) && hop.body() != null);
    if (toGet && hop.body() != null) {
      Map<String, String> kept = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      kept.putAll(headers);
      kept.remove("content-type");
      return Optional.of(new Hop(target, kept, null, null));
    }
    return Optional.of(new Hop(target, headers, hop.body(), hop.contentType()));
  }

  /** Same scheme, host and port, with the scheme's default port filled in. */
  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }

  private static Map<String, String> safe(Map<String, String> headers) {
    Map<String, String> kept = new TreeMap<>();
    headers.forEach(
        (name, value) -> {
          if (SAFE.contains(name.toLowerCase(Locale.ROOT))) {
            kept.put(name, value);
          }
        });
    return kept;
  }

  /** A Location's own {@code user:password@} is never sent on, nor its fragment. */
  static URI withoutUserInfoOrFragment(URI uri) {
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    return URI.create(
        uri.getScheme()
            + "://"
            + uri.getHost()
            + port
            + (uri.getRawPath() == null ? "" : uri.getRawPath())
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
  }
}
