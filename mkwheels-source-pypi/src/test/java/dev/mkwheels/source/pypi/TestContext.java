package dev.mkwheels.source.pypi;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mkwheels.api.Console;
import dev.mkwheels.api.Epoch;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.HttpResponse;
import dev.mkwheels.api.JsonReader;
import dev.mkwheels.api.SourceContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A context with plain JDK HTTP and Jackson, standing in for the host's. */
final class TestContext implements SourceContext, Console {
  final List<String> warnings = new ArrayList<>();
  private final Optional<Epoch> fixed;
  private final List<String> indexes;

  TestContext(Optional<Epoch> fixed, List<String> indexes) {
    this.fixed = fixed;
    this.indexes = List.copyOf(indexes);
  }

  @Override
  public HttpFetcher http() {
    return new HttpFetcher() {
      @Override
      public HttpResponse get(URI uri, Map<String, String> headers) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        headers.forEach(connection::setRequestProperty);
        int status;
        try {
          status = connection.getResponseCode();
        } catch (ConnectException e) {
          // As the host's fetcher says it: the URL, then why.
          throw new IOException(
              dev.mkwheels.python.index.Redaction.describe(uri) + ": connection refused", e);
        }
        InputStream body =
            status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        Map<String, List<String>> fields = new TreeMap<>();
        connection
            .getHeaderFields()
            .forEach(
                (k, v) -> {
                  if (k != null) {
                    fields.put(k, v);
                  }
                });
        return new HttpResponse(status, fields, body == null ? new byte[0] : body.readAllBytes());
      }

      @Override
      public HttpResponse download(
          URI uri, Map<String, String> headers, Path target, long maxBytes) {
        throw new UnsupportedOperationException();
      }
    };
  }

  @Override
  public JsonReader json() {
    return text -> new ObjectMapper().readValue(text, Object.class);
  }

  @Override
  public Path workDirectory() {
    throw new UnsupportedOperationException("--pypi unpacks nothing");
  }

  @Override
  public Console console() {
    return this;
  }

  @Override
  public Map<String, String> environment() {
    return Map.of();
  }

  @Override
  public Optional<Epoch> fixedEpoch() {
    return fixed;
  }

  @Override
  public List<String> indexUrls() {
    return indexes;
  }

  @Override
  public void progress(String message) {}

  @Override
  public void warn(String message) {
    warnings.add(message);
  }

  @Override
  public void debug(String message) {}
}
