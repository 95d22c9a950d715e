package dev.mkwheels.testkit;

import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real {@link HttpFetcher} for tests, over {@code java.net.http}, with the host's contract: it
 * follows at most {@value #MAX_HOPS} redirects by hand, and a hop to another origin (scheme, host,
 * port) carries only the content-negotiation headers, never a credential; a hop from https to http,
 * or to another scheme, is refused. It reaches 127.0.0.1 (and other loopback addresses) only: a
 * test that would touch the network fails with one line instead. No retries. Thread-safe.
 */
public final class LoopbackFetcher implements HttpFetcher {
  /** The longest redirect chain followed. */
  public static final int MAX_HOPS = 5;

  /** Headers that carry no credential, lower case: the only ones sent to another origin. */
  private static final Set<String> SAFE =
      Set.of(
          "accept", "accept-encoding", "accept-language", "content-type", "x-github-api-version");

  private final List<URI> requested = new CopyOnWriteArrayList<>();

  private final HttpClient client =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  @Override
  public HttpResponse get(URI uri, Map<String, String> headers) throws IOException {
    return exchange(uri, headers, null, Long.MAX_VALUE);
  }

  @Override
  public HttpResponse download(URI uri, Map<String, String> headers, Path target, long maxBytes)
      throws IOException {
    Objects.requireNonNull(target, "target is null");
    return exchange(uri, headers, target, maxBytes);
  }

  /** Every URI a caller asked for (not the redirects followed), in order. */
  public List<URI> requested() {
    return List.copyOf(requested);
  }

  private HttpResponse exchange(URI uri, Map<String, String> headers, Path target, long maxBytes)
      throws IOException {
    requested.add(uri);
    URI at = uri;
    Map<String, String> sent = Map.copyOf(headers);
    for (int hops = 0; ; hops++) {
      checkLoopback(at);
      java.net.http.HttpResponse<InputStream> response = send(at, sent);
      int status = response.statusCode();
      var location = response.headers().firstValue("location");
      boolean redirect =
          status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
      if (redirect && location.isPresent()) {
        response.body().close();
        if (hops == MAX_HOPS) {
          throw new IOException(uri + ": more than " + MAX_HOPS + " redirects; not followed");
        }
        URI next = at.resolve(location.get().strip());
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
          throw new IOException(at + " redirects to a non-http(s) URL; not followed");
        }
        if (at.getScheme().equalsIgnoreCase("https") && scheme.equals("http")) {
          throw new IOException(at + " redirects from https to plain http; not followed");
        }
        if (!origin(at).equals(origin(next))) {
          sent = safe(sent);
        }
        at = next;
        continue;
      }
      try (InputStream in = response.body()) {
        byte[] body = new byte[0];
        if (target != null && status == 200) {
          save(in, target, maxBytes, at);
        } else {
          body = in.readAllBytes();
        }
        return new HttpResponse(status, response.headers().map(), body);
      }
    }
  }

  private java.net.http.HttpResponse<InputStream> send(URI uri, Map<String, String> headers)
      throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET();
    headers.forEach(request::header);
    try {
      return client.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
    } catch (java.net.ConnectException e) {
      // As the host's fetcher words it: the URL, then why.
      throw new IOException(uri + ": connection refused", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(uri + ": interrupted", e);
    }
  }

  private static void checkLoopback(URI uri) throws IOException {
    String host = uri.getHost();
    boolean loopback;
    try {
      loopback =
          host != null
              && (host.equalsIgnoreCase("localhost")
                  || (host.matches("[0-9.]+|\\[[0-9a-fA-F:]+]")
                      && InetAddress.getByName(host).isLoopbackAddress()));
    } catch (java.net.UnknownHostException e) {
      loopback = false;
    }
    if (!loopback) {
      throw new IOException(
          "the testkit's fetcher reaches loopback only, not " + uri.getScheme() + "://" + host);
    }
  }

  private static String origin(URI uri) {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
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

  private static void save(InputStream in, Path target, long maxBytes, URI uri) throws IOException {
    Path temp =
        Files.createTempFile(
            target.toAbsolutePath().getParent(), "." + target.getFileName() + ".", ".part");
    try {
      try (OutputStream out = Files.newOutputStream(temp)) {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
          total += n;
          if (total > maxBytes) {
            throw new IOException("download of " + uri + " exceeds " + maxBytes + " bytes");
          }
          out.write(buffer, 0, n);
        }
      }
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
