package dev.mkwheels.pip;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.HttpResponse;
import dev.mkwheels.api.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Plain JDK HTTP and Jackson, standing in for the host's, for the tests of this module (downloads
 * are read into memory: test files are small).
 */
final class TestHttp implements HttpFetcher {
  static final JsonReader JSON = text -> new ObjectMapper().readValue(text, Object.class);

  @Override
  public HttpResponse get(URI uri, Map<String, String> headers) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    connection.setConnectTimeout(5_000);
    connection.setReadTimeout(10_000);
    headers.forEach(connection::setRequestProperty);
    int status = connection.getResponseCode();
    InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
    byte[] bytes = body == null ? new byte[0] : body.readAllBytes();
    Map<String, java.util.List<String>> fields = new java.util.TreeMap<>();
    connection
        .getHeaderFields()
        .forEach(
            (k, v) -> {
              if (k != null) {
                fields.put(k, v);
              }
            });
    return new HttpResponse(status, fields, bytes);
  }

  @Override
  public HttpResponse download(URI uri, Map<String, String> headers, Path target, long maxBytes)
      throws IOException {
    HttpResponse response = get(uri, headers);
    if (response.status() != 200) {
      return new HttpResponse(response.status(), response.headers(), new byte[0]);
    }
    if (response.body().length > maxBytes) {
      throw new IOException(uri.getHost() + ": more than " + maxBytes + " bytes");
    }
    // As the host's fetcher does: a temporary file beside the target, moved into place.
    Path temporary = Files.createTempFile(target.toAbsolutePath().getParent(), ".part-", ".tmp");
    try {
      Files.write(temporary, response.body());
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
    return new HttpResponse(200, response.headers(), new byte[0]);
  }
}
