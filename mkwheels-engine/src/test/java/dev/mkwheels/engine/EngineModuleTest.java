package dev.mkwheels.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.mkwheels.api.Console;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.HttpResponse;
import dev.mkwheels.packaging.Packager;
import dev.mkwheels.pip.PipRunner;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's wiring, as the command line's injector builds it. */
class EngineModuleTest {
  /** What the host lends the engine; never called here. */
  static final class Host extends AbstractModule {
    @Override
    protected void configure() {
      binder().requireExplicitBindings();
      binder().disableCircularProxies();
      bind(HttpFetcher.class)
          .toInstance(
              new HttpFetcher() {
                @Override
                public HttpResponse get(URI uri, Map<String, String> headers) {
                  throw new AssertionError("no HTTP here");
                }

                @Override
                public HttpResponse download(
                    URI uri, Map<String, String> headers, Path target, long maxBytes) {
                  throw new AssertionError("no HTTP here");
                }
              });
      bind(SourceContexts.class)
          .toInstance(
              (work, console, epoch, indexes) -> {
                throw new AssertionError("no source here");
              });
    }
  }

  static final class Silent implements Console {
    @Override
    public void progress(String message) {}

    @Override
    public void warn(String message) {}

    @Override
    public void debug(String message) {}
  }

  final Injector injector = Guice.createInjector(Stage.PRODUCTION, new Host(), new EngineModule());

  @Test
  void thePipelineThePackagerAndThePipRunnersComeFromTheEngineModule() {
    assertNotNull(injector.getInstance(VendorPipeline.class));
    assertNotNull(injector.getInstance(Packager.class));
    PipRunner runner =
        injector
            .getInstance(PipRunners.class)
            .create("python3-of-the-test", Map.of(), new Silent(), Duration.ofSeconds(5));
    assertEquals("python3-of-the-test", runner.python());
  }

  @Test
  void aWorkDirectoryIsGoneWhenClosedWhateverItHolds() throws Exception {
    Path path;
    try (WorkDirectory work = WorkDirectory.create()) {
      path = work.path();
      Files.createDirectories(path.resolve("a/b"));
      Files.writeString(path.resolve("a/b/file"), "x");
      assertTrue(Files.isDirectory(path));
    }
    assertFalse(Files.exists(path));
  }
}
