package dev.mkwheels.source.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mkwheels.api.Console;
import dev.mkwheels.api.Credential;
import dev.mkwheels.api.Epoch;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.JsonReader;
import dev.mkwheels.api.SourceArchive;
import dev.mkwheels.api.SourceContext;
import dev.mkwheels.api.SourceException;
import dev.mkwheels.api.UnpackedSource;
import dev.mkwheels.host.HostServices;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link SourceContext} as the host builds one, from real parts, with a console that records. */
record TestContext(
    HttpFetcher http,
    JsonReader json,
    Path workDirectory,
    RecordingConsole console,
    Map<String, String> environment,
    Optional<Epoch> fixedEpoch)
    implements SourceContext {
  private static final HostServices HOST = new HostServices();

  static TestContext of(
      Path workDirectory, Map<String, String> environment, Optional<Epoch> fixedEpoch) {
    ObjectMapper mapper = new ObjectMapper();
    return new TestContext(
        new TestHttp(),
        text -> mapper.readValue(text, Object.class),
        workDirectory,
        new RecordingConsole(),
        environment,
        fixedEpoch);
  }

  @Override
  public HttpFetcher http(List<Credential> credentials) {
    return HOST.credentialed(http, credentials, environment);
  }

  @Override
  public UnpackedSource unpack(SourceArchive archive) throws SourceException {
    return HOST.unpack(archive, http, workDirectory, environment, console);
  }

  /** Every line the provider wrote, each prefixed with its level. */
  static final class RecordingConsole implements Console {
    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void progress(String message) {
      lines.add("progress: " + message);
    }

    @Override
    public synchronized void warn(String message) {
      lines.add("warn: " + message);
    }

    @Override
    public synchronized void debug(String message) {
      lines.add("debug: " + message);
    }

    synchronized List<String> lines() {
      return List.copyOf(lines);
    }

    synchronized String text() {
      return String.join("\n", lines);
    }
  }
}
