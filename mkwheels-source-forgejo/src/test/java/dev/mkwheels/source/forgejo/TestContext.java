package dev.mkwheels.source.forgejo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mkwheels.api.Console;
import dev.mkwheels.api.Credential;
import dev.mkwheels.api.Epoch;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.HttpResponse;
import dev.mkwheels.api.JsonReader;
import dev.mkwheels.api.SourceArchive;
import dev.mkwheels.api.SourceContext;
import dev.mkwheels.api.SourceException;
import dev.mkwheels.api.UnpackedSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A minimal {@link SourceContext} for the provider's tests until the host's testing context is in
 * the testkit: real HTTP (redirects not followed, so no header crosses origins), credentials
 * attached by origin as the SPI says, and {@code unpack} by the real {@code tar}.
 */
record TestContext(
    Path workDirectory,
    Map<String, String> environment,
    Optional<Epoch> fixedEpoch,
    List<String> lines,
    List<SourceArchive> archives)
    implements SourceContext {

  static TestContext of(Path work, Map<String, String> environment, Optional<Epoch> fixed) {
    return new TestContext(work, environment, fixed, new ArrayList<>(), new ArrayList<>());
  }

  @Override
  public HttpFetcher http() {
    return http(List.of());
  }

  @Override
  public HttpFetcher http(List<Credential> credentials) {
    return new HttpFetcher() {
      @Override
      public HttpResponse get(URI uri, Map<String, String> headers) throws IOException {
        return exchange(uri, withCredential(uri, headers, credentials), null);
      }

      @Override
      public HttpResponse download(URI uri, Map<String, String> headers, Path target, long max)
          throws IOException {
        return exchange(uri, withCredential(uri, headers, credentials), target);
      }
    };
  }

  @Override
  public JsonReader json() {
    ObjectMapper mapper = new ObjectMapper();
    return text -> mapper.readValue(text, Object.class);
  }

  @Override
  public Console console() {
    return new Console() {
      @Override
      public void progress(String message) {
        lines.add("progress: " + message);
      }

      @Override
      public void warn(String message) {
        lines.add("warn: " + message);
      }

      @Override
      public void debug(String message) {
        lines.add("debug: " + message);
      }
    };
  }

  @Override
  public UnpackedSource unpack(SourceArchive archive) throws SourceException {
    archives.add(archive);
    try {
      Path run = Files.createTempDirectory(workDirectory, "unpack");
      Path file = run.resolve("archive.tar.gz");
      HttpResponse response =
          http(archive.credentials()).download(archive.url(), Map.of(), file, 1 << 26);
      if (response.status() != 200) {
        throw new SourceException(
            "HTTP " + response.status() + " for " + archive.label() + " (" + archive.url() + ")");
      }
      Path tree = Files.createDirectories(run.resolve("source"));
      Process tar =
          new ProcessBuilder("tar", "-xzf", file.toString(), "-C", tree.toString())
              .inheritIO()
              .start();
      if (tar.waitFor() != 0) {
        throw new SourceException("tar failed on " + archive.label());
      }
      try (Stream<Path> top = Files.list(tree)) {
        Path root = top.findFirst().orElseThrow();
        return new UnpackedSource(
            root,
            new TreeMap<>(Map.of("SETUPTOOLS_SCM_PRETEND_VERSION", archive.version())),
            List.of("source " + archive.url()));
      }
    } catch (IOException | InterruptedException e) {
      throw new SourceException("cannot unpack " + archive.label() + ": " + e, e);
    }
  }

  private Map<String, String> withCredential(
      URI uri, Map<String, String> headers, List<Credential> credentials) {
    Map<String, String> all = new TreeMap<>(headers);
    credentials.stream()
        .filter(c -> c.belongsTo(uri))
        .filter(c -> !environment.getOrDefault(c.variable(), "").isBlank())
        .findFirst()
        .ifPresent(c -> all.put(c.header(), c.prefix() + environment.get(c.variable()).strip()));
    return all;
  }

  private static HttpResponse exchange(URI uri, Map<String, String> headers, Path target)
      throws IOException {
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    try {
      connection.setInstanceFollowRedirects(false);
      headers.forEach(connection::setRequestProperty);
      int status = connection.getResponseCode();
      Map<String, List<String>> responseHeaders = new TreeMap<>();
      connection
          .getHeaderFields()
          .forEach(
              (k, v) -> {
                if (k != null) {
                  responseHeaders.put(k, v);
                }
              });
      byte[] body = new byte[0];
      try (InputStream in =
          status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
        if (in != null && target != null && status == 200) {
          Files.copy(in, target);
        } else if (in != null) {
          body = in.readAllBytes();
        }
      }
      return new HttpResponse(status, responseHeaders, body);
    } finally {
      connection.disconnect();
    }
  }
}
