package dev.mkwheels.cli;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.HttpResponse;
import dev.mkwheels.ci.QueryFetcher;
import dev.mkwheels.python.index.Redaction;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLConnection;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link HttpFetcher} on the JDK's {@link HttpURLConnection}: blocking, on the caller's thread,
 * kept-alive connections pooled by the JDK. (Not java.net.http's {@code HttpClient}: it hands every
 * body through its one selector thread in 16 KiB heap buffers, which cost a second of CPU more for
 * 55 MB of wheels over loopback than this; see bench/README.md.) A timeout, a reset connection or a
 * 502/503/504 is tried again, up to {@link #ATTEMPTS} times with a short back-off; a refused
 * connection or an unknown host is not, since waiting will not change it. Redirects are followed by
 * hand under {@link Redirects}, so a credential never leaves its origin. The timeout bounds the
 * connection, the wait for the headers and every wait for more of the body ({@link StallGuard}); an
 * answer read into memory is capped at {@link #MAX_IN_MEMORY} bytes.
 */
final class JdkHttpFetcher implements QueryFetcher {
  static final int ATTEMPTS = 3;

  /** The most a JSON document, an index page or an error body read into memory may hold. */
  static final long MAX_IN_MEMORY = 32L * 1024 * 1024;

  private static final String USER_AGENT = "mkwheels/" + Versions.mkwheels();

  private final Duration connectTimeout;
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

  @Override
  public HttpResponse get(URI uri, Map<String, String> headers) throws IOException {
    return exchange(first(uri, headers, null, null), null, 0, null);
  }

  @Override
  public HttpResponse post(URI uri, Map<String, String> headers, byte[] body, String contentType)
      throws IOException {
    return exchange(first(uri, headers, body.clone(), contentType), null, 0, null);
  }

  @Override
  public HttpResponse download(URI uri, Map<String, String> headers, Path target, long maxBytes)
      throws IOException {
    return exchange(first(uri, headers, null, null), target, maxBytes, null);
  }

  /** Streams, and hashes what it writes as it writes it (the file is not read again). */
  @Override
  public HttpResponse download(
      URI uri, Map<String, String> headers, Path target, long maxBytes, MessageDigest digest)
      throws IOException {
    requireNonNull(digest, "digest is null");
    digest.reset();
    return exchange(first(uri, headers, null, null), target, maxBytes, digest);
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

  private HttpResponse exchange(
      Redirects.Hop first, Path target, long maxBytes, MessageDigest digest) throws IOException {
    IOException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        Optional<HttpResponse> answer =
            attempt(first, target, maxBytes, digest, attempt < ATTEMPTS);
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
      Redirects.Hop first, Path target, long maxBytes, MessageDigest digest, boolean mayRetry)
      throws IOException {
    Redirects.Hop hop = first;
    for (int hops = 0; ; hops++) {
      Exchange response = send(hop);
      int status = response.status();
      Optional<Redirects.Hop> next;
      try {
        next = Redirects.next(hop, status, response.header("location"));
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
      return Optional.of(read(hop.uri(), response, target, maxBytes, digest));
    }
  }

  /** An answer's status and headers, its body still to read (closing it ends the exchange). */
  private record Exchange(int status, Map<String, List<String>> headers, InputStream body) {
    /** Its {@code Content-Length}; -1 when it has none this can read. */
    long length() {
      try {
        return header("content-length").map(v -> Long.parseLong(v.trim())).orElse(-1L);
      } catch (NumberFormatException e) {
        return -1;
      }
    }

    /** The first value of a header ({@code headers} is case-insensitive). */
    Optional<String> header(String name) {
      List<String> values = headers.getOrDefault(name, List.of());
      return values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }
  }

  private Exchange send(Redirects.Hop hop) throws IOException {
    URI uri = hop.uri();
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new FinalException(Redaction.describe(uri) + ": not an http or https URL");
    }
    HttpURLConnection connection;
    try {
      URLConnection opened = uri.toURL().openConnection();
      connection = (HttpURLConnection) opened;
    } catch (IllegalArgumentException e) {
      throw new FinalException(Redaction.describe(uri) + ": not a valid URL", e);
    }
    connection.setConnectTimeout(millis(connectTimeout));
    // Bounds the wait for the headers and each wait for more of the body (StallGuard too).
    connection.setReadTimeout(millis(requestTimeout));
    connection.setInstanceFollowRedirects(false);
    connection.setUseCaches(false);
    connection.setRequestProperty("User-Agent", USER_AGENT);
    hop.headers().forEach(connection::setRequestProperty);
    try {
      if (hop.body() != null) {
        connection.setRequestMethod("POST");
        connection.setRequestProperty("Content-Type", hop.contentType());
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(hop.body().length);
        try (OutputStream out = connection.getOutputStream()) {
          out.write(hop.body());
        }
      }
      int status = connection.getResponseCode();
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      connection
          .getHeaderFields()
          .forEach(
              (name, values) -> {
                if (name != null) {
                  headers.put(name, values);
                }
              });
      InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      return new Exchange(status, headers, body == null ? InputStream.nullInputStream() : body);
    } catch (ConnectException e) {
      connection.disconnect();
      throw new FinalException(Redaction.describe(uri) + ": connection refused", e);
    } catch (UnknownHostException e) {
      connection.disconnect();
      throw new FinalException(Redaction.describe(uri) + ": unknown host", e);
    } catch (SocketTimeoutException e) {
      connection.disconnect();
      throw new IOException(
          Redaction.describe(uri)
              + ": timed out after "
              + requestTimeout.toSeconds()
              + "s (tried "
              + ATTEMPTS
              + " times)",
          e);
    } catch (IOException e) {
      connection.disconnect();
      throw retried(uri, e);
    }
  }

  private static int millis(Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
  }

  private HttpResponse read(
      URI uri, Exchange response, Path target, long maxBytes, MessageDigest digest)
      throws IOException {
    int status = response.status();
    byte[] body;
    try (InputStream in =
        new StallGuard(
            new WholeBody(response.body(), response.length()),
            requestTimeout,
            Redaction.describe(uri))) {
      if (target != null && status == 200) {
        save(in, target, maxBytes, uri, digest);
        body = new byte[0];
      } else {
        body = readCapped(in, uri);
      }
    } catch (FinalException e) {
      throw e;
    } catch (IOException e) {
      throw retried(uri, e);
    }
    return new HttpResponse(status, response.headers(), body, Optional.of(uri));
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

  /** Writes the body beside {@code target}, then moves it in; {@code digest}, if any, sees it. */
  private static void save(
      InputStream in, Path target, long maxBytes, URI uri, MessageDigest digest)
      throws IOException {
    if (digest != null) {
      digest.reset(); // an earlier attempt's bytes are not this file's
    }
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
          if (digest != null) {
            digest.update(buffer, 0, n);
          }
        }
      }
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * A body that fails when it ends short of its {@code Content-Length}: {@code HttpURLConnection}
   * just ends it, and a download cut off by the server or the network would be kept as a whole file
   * (caught later only where an index gives a hash). The failure is retried as any other.
   */
  private static final class WholeBody extends FilterInputStream {
    private final long expected;
    private long seen;

    WholeBody(InputStream in, long expected) {
      super(in);
      this.expected = expected;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count(b < 0 ? -1 : 1);
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      count(n);
      return n;
    }

    private void count(int n) throws IOException {
      if (n > 0) {
        seen += n;
      } else if (n < 0 && expected >= 0 && seen < expected) {
        throw new IOException("the answer ended after " + seen + " of its " + expected + " bytes");
      }
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
