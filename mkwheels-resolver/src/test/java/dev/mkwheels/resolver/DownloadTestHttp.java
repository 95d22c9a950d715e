package dev.mkwheels.resolver;

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
 * Plain JDK HTTP standing in for the host's fetcher in this module's tests: {@code download}
 * streams to a temporary file beside the target and moves it in, as the host's does.
 */
final class DownloadTestHttp implements HttpFetcher {
  @Override
  public HttpResponse get(URI uri, Map<String, String> headers) throws IOException {
    HttpURLConnection connection = open(uri, headers);
    int status = connection.getResponseCode();
    InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
    byte[] bytes = body == null ? new byte[0] : body.readAllBytes();
    return new HttpResponse(status, fields(connection), bytes);
  }

  @Override
  public HttpResponse download(URI uri, Map<String, String> headers, Path target, long maxBytes)
      throws IOException {
    HttpURLConnection connection = open(uri, headers);
    int status = connection.getResponseCode();
    if (status != 200) {
      return new HttpResponse(status, fields(connection), new byte[0]);
    }
    Path temp = target.resolveSibling(target.getFileName() + ".http");
    try (InputStream in = connection.getInputStream();
        OutputStream out = Files.newOutputStream(temp)) {
      if (in.transferTo(out) > maxBytes) {
        throw new IOException("longer than " + maxBytes);
      }
    } catch (IOException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    return new HttpResponse(status, fields(connection), new byte[0]);
  }

  private static HttpURLConnection open(URI uri, Map<String, String> headers) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    connection.setConnectTimeout(5_000);
    connection.setReadTimeout(10_000);
    headers.forEach(connection::setRequestProperty);
    return connection;
  }

  private static Map<String, List<String>> fields(HttpURLConnection connection) {
    Map<String, List<String>> fields = new TreeMap<>();
    connection
        .getHeaderFields()
        .forEach(
            (k, v) -> {
              if (k != null) {
                fields.put(k, v);
              }
            });
    return fields;
  }
}
