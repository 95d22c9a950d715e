package dev.mkwheels.host;

import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plainest real {@link HttpFetcher}, on the JDK's {@link HttpURLConnection}: it follows no
 * redirect, so what a server sees is exactly what the code under test asked for. (The testkit's
 * fetcher depends on this module, so these tests cannot use it.)
 */
final class PlainHttp implements HttpFetcher {

  @Override
  public HttpResponse get(URI uri, Map<String, String> headers) throws IOException {
    return exchange(uri, headers, null, Long.MAX_VALUE);
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
      connection.setInstanceFollowRedirects(false);
      connection.setConnectTimeout(5_000);
      connection.setReadTimeout(10_000);
      headers.forEach(connection::setRequestProperty);
      int status = connection.getResponseCode();
      Map<String, List<String>> answer = new TreeMap<>();
      connection
          .getHeaderFields()
          .forEach(
              (name, values) -> {
                if (name != null) {
                  answer.put(name, values);
                }
              });
      byte[] body;
      try (InputStream in =
          status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
        body = in == null ? new byte[0] : in.readNBytes((int) Math.min(maxBytes + 1, 1 << 26));
      }
      if (body.length > maxBytes) {
        throw new IOException("download of " + uri + " exceeds " + maxBytes + " bytes");
      }
      if (target != null && status == 200) {
        Files.write(target, body);
        body = new byte[0];
      }
      return new HttpResponse(status, answer, body);
    } finally {
      connection.disconnect();
    }
  }
}
