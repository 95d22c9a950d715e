package dev.mkwheels.python.index;

import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plain JDK HTTP standing in for the host's fetcher in this module's tests: like the host's, it
 * turns a URI's {@code user:password@} into basic auth unless the caller set {@code Authorization},
 * follows redirects (to the same host) and says which URI answered.
 */
final class LoopbackFetcher implements HttpFetcher {
  @Override
  public HttpResponse get(URI uri, Map<String, String> headers) throws IOException {
    Map<String, String> sent = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    sent.putAll(headers);
    URI target = uri;
    if (uri.getRawUserInfo() != null) {
      sent.putIfAbsent(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(uri.getUserInfo().getBytes(StandardCharsets.UTF_8)));
      target = URI.create(uri.toString().replace(uri.getRawUserInfo() + "@", ""));
    }
    HttpURLConnection connection = (HttpURLConnection) target.toURL().openConnection();
    connection.setConnectTimeout(5_000);
    connection.setReadTimeout(10_000);
    sent.forEach(connection::setRequestProperty);
    int status = connection.getResponseCode();
    InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
    byte[] bytes = body == null ? new byte[0] : body.readAllBytes();
    Map<String, List<String>> fields = new TreeMap<>();
    connection
        .getHeaderFields()
        .forEach(
            (k, v) -> {
              if (k != null) {
                fields.put(k, v);
              }
            });
    URI answered;
    try {
      answered = connection.getURL().toURI();
    } catch (java.net.URISyntaxException e) {
      throw new IOException(e);
    }
    return new HttpResponse(status, fields, bytes, java.util.Optional.of(answered));
  }

  @Override
  public HttpResponse download(URI uri, Map<String, String> headers, Path target, long maxBytes) {
    throw new UnsupportedOperationException("the index client does not download");
  }
}
