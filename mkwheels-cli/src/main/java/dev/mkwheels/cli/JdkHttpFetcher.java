package dev.mkwheels.cli;

import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.HttpResponse;
import dev.mkwheels.ci.QueryFetcher;
import dev.mkwheels.python.index.Redaction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link HttpFetcher} on the JDK's client. A timeout, a reset connection or a 502/503/504 is tried
 * again, up to {@link #ATTEMPTS} times with a short back-off; a refused connection or an unknown
 * host is not, since waiting will not change it. Redirects are followed by hand under {@link
 * Redirects}, so a credential never leaves its origin. The timeout bounds the connection, the wait
 * for the headers and every wait for more of the body ({@link StallGuard}); an answer read into
 * memory is capped at {@link #MAX_IN_MEMORY} bytes.
 */
final class JdkHttpFetcher implements QueryFetcher {
  static final int ATTEMPTS = 3;

  /** The most a JSON document, an index page or an error body read into memory may hold. */
  static final long MAX_IN_MEMORY = 32L * 1024 * 1024;

  private static final String USER_AGENT = "mkwheels/" + Versions.mkwheels();

  private final Duration connectTimeout;
  // Built on the first request: building it loads the TLS stack, a third of a second of every
  // command's start, and commands such as pack never make a request.
  private HttpClient client;
  private final Duration requestTimeout;
  private final Duration backoff;
  private final long maxInMemory;

  JdkHttpFetcher(Duration connectTimeout, Duration requestTimeout, Duration backoff) {
    this(connectTimeout, requestTimeout, backoff, MAX_IN_MEMORY);
  }

  JdkHttpFetcher(
      Duration connectTimeout, Duration requestTimeout, Duration backoff, long maxInMemory) {
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
    this.backoff = backoff;
    this.maxInMemory = maxInMemory;
  }

  /** A failure that another attempt would not change: not retried. */
  static class FinalException extends IOException {
    private static final long serialVersionUID = 1L;

    FinalException(String message) {
      super(message);
    }

    FinalException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private synchronized HttpClient client() {
    if (client == null) {
      client =
          HttpClient.newBuilder()
              .connectTimeout(connectTimeout)
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
    }
    return client;
  }

  @Override
  public HttpResponse get(URI uri, Map<String, String> headers) throws IOException {
    return exchange(first(uri, headers, null, null), null, 0);
  }

  @Override
  public HttpResponse post(URI uri, Map<String, String> headers, byte[] body, String contentType)
      throws IOException {
    return exchange(first(uri, headers, body.clone(), contentType), null, 0);
  }

  @Override
  public HttpResponse download(URI uri, Map<String, String> headers, Path target, long maxBytes)
      throws IOException {
    return exchange(first(uri, headers, null, null), target, maxBytes);
  }

  /**
   * The first hop: a URI's {@code user:password@} (an index URL's, as pip takes it) becomes basic
   * auth, a header like any other credential, so it too stays with its origin; unless the caller
   * set {@code Authorization} itself.
   */
  private static Redirects.Hop first(
      URI uri, Map<String, String> headers, byte[] body, String contentType) {
    if (uri.getRawUserInfo() == null) {
      return new Redirects.Hop(uri, headers, body, contentType);
    }
    Map<String, String> sent = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    sent.putAll(headers);
    sent.putIfAbsent(
        "Authorization",
        "Basic "
            + Base64.getEncoder()
                .encodeToString(uri.getUserInfo().getBytes(StandardCharsets.UTF_8)));
    return new Redirects.Hop(Redirects.withoutUserInfoOrFragment(uri), sent, body, contentType);
  }

  private HttpResponse exchange(Redirects.Hop first, Path target, long maxBytes)
      throws IOException {
    IOException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        Optional<HttpResponse> answer = attempt(first, target, maxBytes, attempt < ATTEMPTS);
        if (answer.isPresent()) {
          return answer.get();
        }
      } catch (FinalException e) {
        throw e;
      } catch (IOException e) {
        last = e;
      }
      if (attempt < ATTEMPTS) {
        pause(attempt);
      }
    }
    throw last;
  }

  /** One attempt, redirects included; empty when the answer is a 502/503/504 worth another. */
  private Optional<HttpResponse> attempt(
      Redirects.Hop first, Path target, long maxBytes, boolean mayRetry) throws IOException {
    Redirects.Hop hop = first;
    for (int hops = 0; ; hops++) {
      java.net.http.HttpResponse<InputStream> response = send(hop);
      int status = response.statusCode();
      Optional<Redirects.Hop> next;
      try {
        next = Redirects.next(hop, status, response.headers().firstValue("location"));
      } catch (FinalException e) {
        response.body().close();
        throw e;
      }
      if (next.isPresent()) {
        response.body().close();
        if (hops == Redirects.MAX_HOPS) {
          throw new FinalException(
              Redaction.describe(first.uri())
                  + ": more than "
                  + Redirects.MAX_HOPS
                  + " redirects; not followed");
        }
        hop = next.get();
        continue;
      }
      if (mayRetry && (status == 502 || status == 503 || status == 504)) {
        response.body().close();
        return Optional.empty();
      }
      return Optional.of(read(hop.uri(), response, target, maxBytes));
    }
  }

  private java.net.http.HttpResponse<InputStream> send(Redirects.Hop hop) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(hop.uri()).timeout(requestTimeout).header("User-Agent", USER_AGENT);
    if (hop.body() == null) {
      request.GET();
    } else {
      request
          .header("Content-Type", hop.contentType())
          .POST(HttpRequest.BodyPublishers.ofByteArray(hop.body()));
    }
    hop.headers().forEach(request::header);
    URI uri = hop.uri();
    try {
      return client()
          .send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
    } catch (ConnectException e) {
      throw new FinalException(Redaction.describe(uri) + ": connection refused", e);
    } catch (HttpTimeoutException e) {
      throw new IOException(
          Redaction.describe(uri)
              + ": timed out after "
              + requestTimeout.toSeconds()
              + "s (tried "
              + ATTEMPTS
              + " times)",
          e);
    } catch (IOException e) {
      if (e.getCause() instanceof UnresolvedAddressException
          || e.getCause() instanceof java.net.UnknownHostException) {
        throw new FinalException(Redaction.describe(uri) + ": unknown host", e);
      }
      throw retried(uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FinalException(Redaction.describe(uri) + ": interrupted", e);
    }
  }

  private HttpResponse read(
      URI uri, java.net.http.HttpResponse<InputStream> response, Path target, long maxBytes)
      throws IOException {
    int status = response.statusCode();
    byte[] body;
    try (InputStream in =
        new StallGuard(response.body(), requestTimeout, Redaction.describe(uri))) {
      if (target != null && status == 200) {
        save(in, target, maxBytes, uri);
        body = new byte[0];
      } else {
        body = readCapped(in, uri);
      }
    } catch (FinalException e) {
      throw e;
    } catch (IOException e) {
      throw retried(uri, e);
    }
    return new HttpResponse(status, response.headers().map(), body, Optional.of(uri));
  }

  private byte[] readCapped(InputStream in, URI uri) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    for (int n; (n = in.read(buffer)) >= 0; ) {
      total += n;
      if (total > maxInMemory) {
        throw new FinalException(
            Redaction.describe(uri) + ": the answer is over " + size(maxInMemory) + "; refused");
      }
      body.write(buffer, 0, n);
    }
    return body.toByteArray();
  }

  private static String size(long bytes) {
    long mib = 1024 * 1024;
    return bytes % mib == 0 ? bytes / mib + " MiB" : bytes + " bytes";
  }

  private static IOException retried(URI uri, IOException e) {
    return new IOException(
        Redaction.describe(uri)
            + ": "
            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
            + " (tried "
            + ATTEMPTS
            + " times)",
        e);
  }

  private static void save(InputStream in, Path target, long maxBytes, URI uri) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
    try {
      try (OutputStream out = Files.newOutputStream(temp)) {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
          total += n;
          if (total > maxBytes) {
            throw new FinalException(
                "download of " + Redaction.describe(uri) + " exceeds " + maxBytes + " bytes");
          }
          out.write(buffer, 0, n);
        }
      }
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private void pause(int attempt) throws IOException {
    try {
      Thread.sleep(backoff.toMillis() * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
