package dev.mkwheels.resolver;

import static dev.mkwheels.resolver.IndexCandidatesTest.T0;
import static dev.mkwheels.resolver.IndexCandidatesTest.linux312;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.HttpResponse;
import dev.mkwheels.python.index.IndexClient;
import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.requirement.Requirement;
import dev.mkwheels.python.version.SpecifierSet;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.WheelBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    IndexCandidates provider = provider(new Rendezvous(List.of("beta", "gamma")));

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

  @Test
  void readingAheadFollowsTheDependenciesOfWhatItReadsDownTheWholeTree() throws Exception {
    index
        .coreMetadata(true)
        .add(WheelBuilder.wheel("alpha", "1.0").requires("beta>=1").build(), T0)
        .add(WheelBuilder.wheel("beta", "1.0").requires("gamma[fast]").build(), T0)
        .add(
            WheelBuilder.wheel("beta", "2.0")
                .requires("gamma", "delta; sys_platform=='win32'")
                .build(),
            T0)
        .add(
            WheelBuilder.wheel("gamma", "1.0")
                .requires("delta<2; extra == 'fast'", "epsilon; extra == 'slow'")
                .build(),
            T0)
        .add(WheelBuilder.wheel("delta", "1.0").build(), T0)
        .add(WheelBuilder.wheel("delta", "2.0").build(), T0)
        .add(WheelBuilder.wheel("epsilon", "1.0").build(), T0);
    IndexCandidates provider = provider(new DownloadTestHttp());

    // No search: only the hint for the root. beta 2.0 is the newest beta>=1; its delta is for
    // Windows only, so nothing reads delta.
    provider.prefetch(ProjectName.of("alpha"), linux312(), SpecifierSet.parse(""), false, Set.of());

    awaitMetadataOf("gamma-1.0");
    assertEquals(List.of("alpha-1.0", "beta-2.0", "gamma-1.0"), metadataRead());
  }

  @Test
  void readingAheadTakesTheExtrasAskedFor() throws Exception {
    index
        .coreMetadata(true)
        .add(WheelBuilder.wheel("alpha", "1.0").requires("gamma[fast]").build(), T0)
        .add(
            WheelBuilder.wheel("gamma", "1.0")
                .requires("delta<2; extra == 'fast'", "epsilon; extra == 'slow'")
                .build(),
            T0)
        .add(WheelBuilder.wheel("delta", "1.0").build(), T0)
        .add(WheelBuilder.wheel("delta", "2.0").build(), T0)
        .add(WheelBuilder.wheel("epsilon", "1.0").build(), T0);
    IndexCandidates provider = provider(new DownloadTestHttp());

    provider.prefetch(ProjectName.of("alpha"), linux312(), SpecifierSet.parse(""), false, Set.of());

    awaitMetadataOf("delta-1.0");
    assertEquals(List.of("alpha-1.0", "delta-1.0", "gamma-1.0"), metadataRead());
  }

  /** Candidates from the test's index, fetched through {@code http}. */
  private IndexCandidates provider(HttpFetcher http) {
    return IndexCandidates.builder(new IndexClient(http, Map.of()))
        .indexes(List.of(index.simpleUrl()))
        .build();
  }

  /** The wheels whose metadata was read, as {@code name-version}, sorted. */
  private List<String> metadataRead() {
    return index.requests().stream()
        .map(r -> r.split(" ")[1])
        .filter(path -> path.endsWith(".whl.metadata"))
        .map(path -> path.substring(path.lastIndexOf('/') + 1, path.indexOf("-py3")))
        .sorted()
        .toList();
  }

  private void awaitMetadataOf(String nameVersion) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!metadataRead().contains(nameVersion)) {
      if (System.nanoTime() > until) {
        throw new AssertionError("never read ahead: " + nameVersion + "; " + index.requests());
      }
      Thread.sleep(10);
    }
    // What else it would read comes from the same pool, no later than the pages it reads now.
    Thread.sleep(200);
  }
}
