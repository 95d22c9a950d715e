package dev.mkwheels.cli;

import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

/**
 * {@link HttpFetcher} on the JDK's client. A timeout, a reset connection or a 502/503/504 is tried
 * again, up to {@link #ATTEMPTS} times with a short back-off; a refused connection or an unknown
 * host is not, since waiting will not change it.
 */
final class JdkHttpFetcher implements HttpFetcher {
  static final int ATTEMPTS = 3;
  private static final String USER_AGENT = "mkwheels/" + Versions.mkwheels();

  private final Duration connectTimeout;
  // Built on the first request: building it loads the TLS stack, a third of a second of every
  // command's start, and commands such as pack never make a request.
  private HttpClient client;
  private final Duration requestTimeout;
  private final Duration backoff;

  JdkHttpFetcher(Duration connectTimeout, Duration requestTimeout, Duration backoff) {
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
    this.backoff = backoff;
  }

  private synchronized HttpClient client() {
    if (client == null) {
      client =
          HttpClient.newBuilder()
              .connectTimeout(connectTimeout)
              .followRedirects(HttpClient.Redirect.NORMAL)
              .build();
    }
    return client;
  }

  @Override
  public HttpResponse get(URI uri, Map<String, String> headers) throws IOException {
    return exchange(uri, headers, HttpRequest.BodyPublishers.noBody(), null, null, 0);
  }

  @Override
  public HttpResponse post(URI uri, Map<String, String> headers, byte[] body, String contentType)
      throws IOException {
    return exchange(
        uri, headers, HttpRequest.BodyPublishers.ofByteArray(body.clone()), contentType, null, 0);
  }

  @Override
  public HttpResponse download(URI uri, Map<String, String> headers, Path target, long maxBytes)
      throws IOException {
    return exchange(uri, headers, HttpRequest.BodyPublishers.noBody(), null, target, maxBytes);
  }

  /** A GET when {@code contentType} is null, else a POST of {@code requestBody}. */
  private HttpResponse exchange(
      URI uri,
      Map<String, String> headers,
      HttpRequest.BodyPublisher requestBody,
      String contentType,
      Path target,
      long maxBytes)
      throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(requestTimeout).header("User-Agent", USER_AGENT);
    if (contentType == null) {
      request.GET();
    } else {
      request.header("Content-Type", contentType).POST(requestBody);
    }
    headers.forEach(request::header);
    IOException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        java.net.http.HttpResponse<InputStream> response =
            client().send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        if ((status == 502 || status == 503 || status == 504) && attempt < ATTEMPTS) {
          response.body().close();
          pause(attempt);
          continue;
        }
        byte[] body;
        try (InputStream in = response.body()) {
          if (target != null && status == 200) {
            save(in, target, maxBytes, uri);
            body = new byte[0];
          } else {
            body = in.readAllBytes();
          }
        }
        return new HttpResponse(status, response.headers().map(), body);
      } catch (ConnectException e) {
        throw new IOException(describe(uri) + ": connection refused", e);
      } catch (HttpTimeoutException e) {
        last = new IOException(describe(uri) + ": timed out after " + requestTimeout.toSeconds()
            + "s (tried " + ATTEMPTS + " times)", e);
      } catch (IOException e) {
        if (e.getCause() instanceof UnresolvedAddressException
            || e.getCause() instanceof java.net.UnknownHostException) {
          throw new IOException(describe(uri) + ": unknown host", e);
        }
        if (e.getMessage() != null && e.getMessage().startsWith("download of ")) {
          throw e;
        }
        last = new IOException(describe(uri) + ": " + (e.getMessage() == null
            ? e.getClass().getSimpleName() : e.getMessage()) + " (tried " + ATTEMPTS + " times)", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(describe(uri) + ": interrupted", e);
      }
      if (attempt < ATTEMPTS) {
        pause(attempt);
      }
    }
    throw last;
  }

  private static void save(InputStream in, Path target, long maxBytes, URI uri) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
    try {
      try (OutputStream out = Files.newOutputStream(temp)) {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
          total += n;
          if (total > maxBytes) {
            throw new IOException("download of " + describe(uri) + " exceeds " + maxBytes + " bytes");
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

  /** The URI without its query or user info, so that no token reaches a message. */
  static String describe(URI uri) {
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    return uri.getScheme() + "://" + uri.getHost() + port + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }
}
