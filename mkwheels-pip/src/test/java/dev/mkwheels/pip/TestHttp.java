package dev.mkwheels.pip;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.HttpResponse;
import dev.mkwheels.api.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/** Plain JDK HTTP and Jackson, standing in for the host's, for the tests of this module. */
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
  public HttpResponse download(URI uri, Map<String, String> headers, Path target, long maxBytes) {
    throw new UnsupportedOperationException("not used by the pip module");
  }
}
