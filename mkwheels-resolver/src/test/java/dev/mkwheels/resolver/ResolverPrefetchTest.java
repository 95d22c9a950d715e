package dev.mkwheels.resolver;

import static dev.mkwheels.resolver.IndexCandidatesTest.T0;
import static dev.mkwheels.resolver.IndexCandidatesTest.linux312;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.HttpResponse;
import dev.mkwheels.python.index.IndexClient;
import dev.mkwheels.python.requirement.Requirement;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.WheelBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The search reads ahead: the metadata of a pin's new dependencies is fetched side by side. */
class ResolverPrefetchTest {
  PackageIndex index;

  @BeforeEach
  void start() throws Exception {
    index = PackageIndex.start();
  }

  @AfterEach
  void stop() {
    index.close();
  }

  /** Lets a request for a name in {@code together} through only when all of them are in flight. */
  static final class Rendezvous implements HttpFetcher {
    private final HttpFetcher http = new DownloadTestHttp();
    private final List<String> together;
    private final CyclicBarrier barrier;

    Rendezvous(List<String> together) {
      this.together = together;
      this.barrier = new CyclicBarrier(together.size());
    }

    @Override
    public HttpResponse get(URI uri, Map<String, String> headers) throws IOException {
      String path = uri.getPath();
      if (path.endsWith(".whl.metadata")
          && together.stream().anyMatch(n -> path.contains("/" + n + "-"))) {
        try {
          barrier.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
          throw new IOException("the metadata of " + together + " was read one at a time");
        }
      }
      return http.get(uri, headers);
    }

    @Override
    public HttpResponse download(URI uri, Map<String, String> headers, Path target, long maxBytes)
        throws IOException {
      return http.download(uri, headers, target, maxBytes);
    }
  }

  @Test
  void theMetadataOfAPinsNewDependenciesIsReadInParallelAndTheResultIsUnchanged() throws Exception {
    index
        .coreMetadata(true)
        .add(WheelBuilder.wheel("alpha", "1.0").requires("beta", "gamma>=2").build(), T0)
        .add(WheelBuilder.wheel("beta", "1.0").requires("delta").build(), T0)
        .add(WheelBuilder.wheel("gamma", "1.0").build(), T0)
        .add(WheelBuilder.wheel("gamma", "2.0").build(), T0)
        .add(WheelBuilder.wheel("gamma", "3.0").requires("delta<2").build(), T0)
        .add(WheelBuilder.wheel("delta", "1.0").build(), T0)
        .add(WheelBuilder.wheel("delta", "2.0").build(), T0);
    IndexCandidates provider =
        IndexCandidates.builder(new IndexClient(new Rendezvous(List.of("beta", "gamma")), Map.of()))
            .indexes(List.of(index.simpleUrl()))
            .build();

    Resolution resolution =
        new Resolver(provider)
            .resolve(ResolveRequest.of(List.of(Requirement.parse("alpha"))), linux312());

    assertEquals(
        List.of("alpha 1.0", "beta 1.0", "delta 1.0", "gamma 3.0"),
        resolution.pins().stream()
            .map(p -> p.candidate().name() + " " + p.candidate().version())
            .sorted()
            .toList());
  }
}
