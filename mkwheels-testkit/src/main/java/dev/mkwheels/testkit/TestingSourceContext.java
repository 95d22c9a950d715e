package dev.mkwheels.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mkwheels.api.Credential;
import dev.mkwheels.api.Epoch;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.JsonReader;
import dev.mkwheels.api.SourceArchive;
import dev.mkwheels.api.SourceContext;
import dev.mkwheels.api.SourceException;
import dev.mkwheels.api.UnpackedSource;
import dev.mkwheels.host.HostServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A real {@link SourceContext} for a provider's tests, as the host builds one for a run (Trino's
 * {@code TestingConnectorContext} is the model): real HTTP that reaches loopback only ({@link
 * LoopbackFetcher}), the host's own credential scoping and archive unpacking ({@link
 * HostServices}), Jackson for JSON, a private work directory deleted by {@link #close()}, and a
 * console that records. Built with {@link #builder()}:
 *
 * <pre>{@code
 * try (TestingSourceContext context =
 *     TestingSourceContext.builder().environment("GITLAB_TOKEN", "secret").build()) {
 *   ResolvedSource source = new MyProvider().resolve(options, context);
 *   assertEquals(List.of(...), context.console().lines());
 * }
 * }</pre>
 */
public final class TestingSourceContext implements SourceContext, AutoCloseable {
  private static final HostServices HOST = new HostServices();

  private final HttpFetcher http;
  private final JsonReader json;
  private final Path workDirectory;
  private final RecordingConsole console = new RecordingConsole();
  private final Map<String, String> environment;
  private final Optional<Epoch> fixedEpoch;
  private final List<String> indexUrls;

  private TestingSourceContext(Builder builder, Path workDirectory) {
    this.http = builder.http;
    ObjectMapper mapper = new ObjectMapper();
    this.json = text -> mapper.readValue(text, Object.class);
    this.workDirectory = workDirectory;
    this.environment = Map.copyOf(builder.environment);
    this.fixedEpoch = builder.fixedEpoch;
    this.indexUrls = List.copyOf(builder.indexUrls);
  }

  /** Starts a context with an empty environment, no fixed epoch and no index URLs. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public HttpFetcher http() {
    return http;
  }

  @Override
  public JsonReader json() {
    return json;
  }

  @Override
  public Path workDirectory() {
    return workDirectory;
  }

  @Override
  public RecordingConsole console() {
    return console;
  }

  @Override
  public Map<String, String> environment() {
    return environment;
  }

  @Override
  public Optional<Epoch> fixedEpoch() {
    return fixedEpoch;
  }

  @Override
  public List<String> indexUrls() {
    return indexUrls;
  }

  @Override
  public HttpFetcher http(List<Credential> credentials) {
    return HOST.credentialed(http, credentials, environment);
  }

  @Override
  public UnpackedSource unpack(SourceArchive archive) throws SourceException {
    return HOST.unpack(archive, http, workDirectory, environment, console);
  }

  /** Deletes the work directory and everything in it. */
  @Override
  public void close() {
    try {
      if (!Files.exists(workDirectory)) {
        return;
      }
      Files.walkFileTree(
          workDirectory,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              dir.toFile().setWritable(true, true);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + workDirectory, e);
    }
  }

  /** Builds a {@link TestingSourceContext}. */
  public static final class Builder {
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> indexUrls = new ArrayList<>();
    private Optional<Epoch> fixedEpoch = Optional.empty();
    private HttpFetcher http = new LoopbackFetcher();
    private Path parent;

    private Builder() {}

    /** Sets one environment variable the provider sees (a token, say). */
    public Builder environment(String name, String value) {
      environment.put(Objects.requireNonNull(name, "name is null"), value);
      return this;
    }

    /** Adds these environment variables. */
    public Builder environment(Map<String, String> variables) {
      variables.forEach(this::environment);
      return this;
    }

    /** The epoch the user fixed ({@code --epoch}, {@code SOURCE_DATE_EPOCH}). */
    public Builder fixedEpoch(Epoch epoch) {
      this.fixedEpoch = Optional.of(epoch);
      return this;
    }

    /** The epoch the user fixed, or empty for none. */
    public Builder fixedEpoch(Optional<Epoch> epoch) {
      this.fixedEpoch = Objects.requireNonNull(epoch, "epoch is null");
      return this;
    }

    /** The index URLs the user named for pip, first the main one. */
    public Builder indexUrls(List<String> urls) {
      indexUrls.clear();
      indexUrls.addAll(urls);
      return this;
    }

    /** Another HTTP than the {@link LoopbackFetcher}, for a test of a failing transport. */
    public Builder http(HttpFetcher fetcher) {
      this.http = Objects.requireNonNull(fetcher, "fetcher is null");
      return this;
    }

    /**
     * Creates the work directory inside {@code directory} (a test's {@code @TempDir}, to see that
     * nothing escapes it) instead of the system's temporary directory.
     */
    public Builder workDirectoryIn(Path directory) {
      this.parent = Objects.requireNonNull(directory, "directory is null");
      return this;
    }

    /** The context, with a new, empty work directory. */
    public TestingSourceContext build() {
      try {
        Path work =
            parent == null
                ? Files.createTempDirectory("mkwheels-work-")
                : Files.createTempDirectory(parent, "work-");
        return new TestingSourceContext(this, work);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a work directory", e);
      }
    }
  }
}
