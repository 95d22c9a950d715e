package dev.mkwheels.rebuild;

import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A plain {@link HttpFetcher} on {@link HttpURLConnection} (java.base), without the host's retries:
 * enough for the loopback fixtures. Remembers every URI asked. The host's own fetcher is exercised
 * by mkwheels-cli's tests.
 */
final class LoopbackHttp implements HttpFetcher {
  final List<URI> asked = new CopyOnWriteArrayList<>();

  @Override
  public HttpResponse get(URI uri, Map<String, String> headers) throws IOException {
    asked.add(uri);
    HttpURLConnection connection = open(uri, headers);
    try {
      int status = connection.getResponseCode();
      InputStream stream =
          status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      byte[] body = stream == null ? new byte[0] : stream.readAllBytes();
      return new HttpResponse(status, headers(connection), body);
    } finally {
      connection.disconnect();
    }
  }

  @Override
  public HttpResponse download(URI uri, Map<String, String> headers, Path target, long maxBytes)
      throws IOException {
    asked.add(uri);
    HttpURLConnection connection = open(uri, headers);
    try {
      int status = connection.getResponseCode();
      if (status != 200) {
        return new HttpResponse(status, new TreeMap<>(), new byte[0]);
      }
      Path temporary = target.resolveSibling(target.getFileName() + ".part");
      try (InputStream in = connection.getInputStream()) {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (body.length > maxBytes) {
          throw new IOException(uri + ": more than " + maxBytes + " bytes");
        }
        Files.write(temporary, body);
      }
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      return new HttpResponse(200, Map.of(), new byte[0]);
    } finally {
      connection.disconnect();
    }
  }

  /** The answer's headers as the host's fetcher gives them (the index client reads the type). */
  private static Map<String, List<String>> headers(HttpURLConnection connection) {
    Map<String, List<String>> headers = new TreeMap<>();
    connection
        .getHeaderFields()
        .forEach(
            (name, values) -> {
              if (name != null) {
                headers.put(name, values);
              }
            });
    return headers;
  }

  private static HttpURLConnection open(URI uri, Map<String, String> headers) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    connection.setConnectTimeout(5000);
    connection.setReadTimeout(10000);
    headers.forEach(connection::setRequestProperty);
    return connection;
  }
}
