package dev.mkwheels.source.github;

import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A plain {@link HttpFetcher} for provider tests, on the JDK's {@link HttpURLConnection}: real HTTP
 * to the loopback fixtures, redirects followed, no retries. The cli's fetcher is not visible from
 * here, and java.net.http is not read by this module (its tests are patched into it).
 */
final class TestHttp implements HttpFetcher {

  @Override
  public HttpResponse get(URI uri, Map<String, String> headers) throws IOException {
    return exchange(uri, headers, null, 0);
  }

  @Override
  public HttpResponse download(URI uri, Map<String, String> headers, Path target, long maxBytes)
      throws IOException {
    return exchange(uri, headers, target, maxBytes);
  }

  private static HttpResponse exchange(
      URI uri, Map<String, String> headers, Path target, long maxBytes) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    try {
      connection.setConnectTimeout(5_000);
      connection.setReadTimeout(30_000);
      connection.setInstanceFollowRedirects(true);
      headers.forEach(connection::setRequestProperty);
      int status = connection.getResponseCode();
      Map<String, List<String>> responseHeaders = new TreeMap<>();
      connection
          .getHeaderFields()
          .forEach(
              (name, values) -> {
                if (name != null) {
                  responseHeaders.put(name, values);
                }
              });
      byte[] body = new byte[0];
      try (InputStream in =
          status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
        if (in != null) {
          if (target != null && status == 200) {
            save(in, target, maxBytes);
          } else {
            body = in.readAllBytes();
          }
        }
      }
      return new HttpResponse(status, responseHeaders, body);
    } finally {
      connection.disconnect();
    }
  }

  private static void save(InputStream in, Path target, long maxBytes) throws IOException {
    Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), ".download-", ".part");
    try {
      try (OutputStream out = Files.newOutputStream(temp)) {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
          total += n;
          if (total > maxBytes) {
            throw new IOException("download exceeds " + maxBytes + " bytes");
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
