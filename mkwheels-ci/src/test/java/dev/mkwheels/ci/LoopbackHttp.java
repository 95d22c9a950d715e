package dev.mkwheels.ci;

import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * A plain {@link HttpFetcher} on {@link HttpURLConnection} (java.base, so the module needs no extra
 * reads), without the host's retries: enough for the loopback fixtures. The host's own fetcher is
 * exercised by mkwheels-cli's tests.
 */
final class LoopbackHttp implements QueryFetcher {

  @Override
  public HttpResponse get(URI uri, Map<String, String> headers) throws IOException {
    return send(uri, headers, null, null);
  }

  @Override
  public HttpResponse post(URI uri, Map<String, String> headers, byte[] body, String contentType)
      throws IOException {
    return send(uri, headers, body, contentType);
  }

  @Override
  public HttpResponse download(URI uri, Map<String, String> headers, Path target, long maxBytes)
      throws IOException {
    HttpResponse response = send(uri, headers, null, null);
    if (response.status() != 200) {
      return new HttpResponse(response.status(), response.headers(), new byte[0]);
    }
    if (response.body().length > maxBytes) {
      throw new IOException(uri + ": longer than " + maxBytes + " bytes");
    }
    Path temp = Files.createTempFile(target.getParent(), ".part-", "");
    Files.write(temp, response.body());
    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    return new HttpResponse(response.status(), response.headers(), new byte[0]);
  }

  private static HttpResponse send(
      URI uri, Map<String, String> headers, byte[] body, String contentType) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    connection.setConnectTimeout(5000);
    connection.setReadTimeout(10000);
    headers.forEach(connection::setRequestProperty);
    try {
      if (body != null) {
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", contentType);
        try (OutputStream out = connection.getOutputStream()) {
          out.write(body);
        }
      }
      int status = connection.getResponseCode();
      InputStream stream =
          status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      byte[] bytes = stream == null ? new byte[0] : stream.readAllBytes();
      Map<String, java.util.List<String>> responseHeaders = new java.util.TreeMap<>();
      connection
          .getHeaderFields()
          .forEach(
              (k, v) -> {
                if (k != null) {
                  responseHeaders.put(k, v);
                }
              });
      return new HttpResponse(status, responseHeaders, bytes);
    } catch (ConnectException e) {
      throw new IOException(uri + ": connection refused", e);
    } finally {
      connection.disconnect();
    }
  }
}
