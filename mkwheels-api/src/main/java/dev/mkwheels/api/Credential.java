package dev.mkwheels.api;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * A token a provider names but never reads: the environment variable that holds it, the header it
 * goes in, and the one origin (scheme, host, port) it belongs to. The host reads the variable,
 * attaches the header to requests for that origin only (never across a redirect to another), keeps
 * it out of every child process's environment and out of every line it prints. Immutable.
 *
 * @param variable the environment variable, for example {@code GITLAB_TOKEN}
 * @param header the request header, for example {@code PRIVATE-TOKEN} or {@code Authorization}
 * @param prefix written before the token in the header's value, for example {@code "token "} or
 *     {@code "Bearer "}; empty for none
 * @param origin the origin it belongs to, for example {@code https://gitlab.com}; a URL with a path
 *     is cut to its origin
 */
public record Credential(String variable, String header, String prefix, URI origin) {
  public Credential {
    Objects.requireNonNull(variable, "variable is null");
    Objects.requireNonNull(header, "header is null");
    Objects.requireNonNull(prefix, "prefix is null");
    Objects.requireNonNull(origin, "origin is null");
    if (variable.isBlank() || header.isBlank()) {
      throw new IllegalArgumentException("a credential needs a variable and a header");
    }
    if (origin.getScheme() == null || origin.getHost() == null) {
      throw new IllegalArgumentException("a credential's origin needs a scheme and a host");
    }
    origin = originOf(origin);
  }

  /** Whether a request for {@code uri} goes to this credential's origin. */
  public boolean belongsTo(URI uri) {
    Objects.requireNonNull(uri, "uri is null");
    return uri.getScheme() != null && uri.getHost() != null && originOf(uri).equals(origin);
  }

  /** The origin of {@code uri}: lower-case scheme and host, and the port, default ports named. */
  public static URI originOf(URI uri) {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    if (port == -1) {
      port = scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
    }
    return URI.create(
        scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (port == -1 ? "" : ":" + port));
  }

  @Override
  public String toString() {
    return "Credential[" + variable + " as " + header + " for " + origin + "]";
  }
}
