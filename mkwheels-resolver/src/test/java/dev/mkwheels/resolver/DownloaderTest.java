package dev.mkwheels.resolver;

import static dev.mkwheels.resolver.IndexCandidatesTest.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.python.index.IndexClient;
import dev.mkwheels.python.index.IndexFile;
import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.testkit.Dist;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.SdistBuilder;
import dev.mkwheels.testkit.WheelBuilder;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {
  @TempDir Path work;
  PackageIndex index;
  Downloader downloader;

  @BeforeEach
  void start() throws Exception {
    index = PackageIndex.start();
    downloader = new Downloader(new DownloadTestHttp(), 2, work.resolve("cache"));
  }

  @AfterEach
  void stop() {
    index.close();
  }

  List<IndexFile> listed(String project) throws Exception {
    return new IndexClient(new DownloadTestHttp(), Map.of())
        .project(index.simpleUrl(), ProjectName.of(project))
        .files();
  }

  long gets(String path) {
    return index.requests().stream().filter(r -> r.startsWith("GET " + path + " ")).count();
  }

  List<String> left(Path directory) throws Exception {
    try (Stream<Path> list = Files.list(directory)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void everyFileIsDownloadedOnceWithItsHashCheckedEvenWhenListedTwice() throws Exception {
    List<Dist> dists = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      dists.add(WheelBuilder.wheel("alpha", "1." + i).build());
      index.add(dists.get(i), T0);
    }
    List<IndexFile> files = listed("alpha");
    List<IndexFile> twice = new ArrayList<>(files);
    twice.addAll(listed("alpha"));
    twice.add(files.get(0));
    Path out = work.resolve("out");

    Map<IndexFile, Path> got = downloader.download(twice, out);

    for (Dist dist : dists) {
      assertEquals(1, gets("/files/" + dist.filename()), dist.filename());
      assertEquals(dist.sha256(), Downloads.sha256(out.resolve(dist.filename())));
    }
    assertEquals(out.resolve(files.get(0).fileName()), got.get(files.get(0)));
    assertEquals(dists.stream().map(Dist::filename).sorted().toList(), left(out));
    assertEquals(List.of(), downloader.unhashed());
  }

  @Test
  void theHashesOfTheFilesPlacedAreHandedOverUntilAFileIsReplaced() throws Exception {
    Dist remote = WheelBuilder.wheel("alpha", "1.0").build();
    Dist local = WheelBuilder.wheel("beta", "1.0").build();
    index.add(remote, T0);
    IndexFile linked =
        file(
            local.filename(),
            local.writeTo(Files.createDirectories(work.resolve("links"))).toUri());
    Path out = work.resolve("out");
    downloader.download(List.of(listed("alpha").get(0), linked), out);

    Path a = out.resolve(remote.filename());
    Path b = out.resolve(local.filename());
    assertEquals(Map.of(a, remote.sha256(), b, local.sha256()), downloader.hashes());

    // Other bytes under the same name (another tool wrote there): its hash is no longer known.
    Path other = Files.write(out.resolve(".other"), "other bytes".getBytes());
    Files.move(other, b, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertEquals(Map.of(a, remote.sha256()), downloader.hashes());
    Files.delete(a);
    assertEquals(Map.of(), downloader.hashes());
  }

  @Test
  void aFileFetchedForItsMetadataIsLinkedIntoPlaceNotFetchedOrCopiedAgain() throws Exception {
    Dist dist = WheelBuilder.wheel("alpha", "1.0").build();
    index.add(dist, T0);
    IndexFile file = listed("alpha").get(0);
    Path cached = downloader.cached(file);
    Path out = work.resolve("out");

    Path placed = downloader.download(List.of(file), out).get(file);

    assertEquals(1, gets("/files/" + dist.filename()));
    assertTrue(Files.isSameFile(cached, placed), "one copy on disk, not two");
    assertEquals(Map.of(placed, dist.sha256()), downloader.hashes());
    assertEquals(List.of(dist.filename()), left(out));
  }

  @Test
  void aCachedFileWhoseHashTheDownloadListsOtherwiseIsRefusedAndNotLinked() throws Exception {
    Dist dist = WheelBuilder.wheel("alpha", "1.0").build();
    index.add(dist, T0);
    IndexFile file = listed("alpha").get(0);
    downloader.cached(file);
    String wrong = "0".repeat(64);
    // The same URL, listed by another index with another hash.
    IndexFile other =
        new IndexFile(
            file.fileName(),
            file.url(),
            Map.of("sha256", wrong),
            file.requiresPython(),
            file.yanked(),
            file.yankedReason(),
            file.metadata(),
            file.uploadTime(),
            file.size());
    Path out = work.resolve("out");
    Files.createDirectories(out);

    ResolutionException e =
        assertThrows(ResolutionException.class, () -> downloader.download(List.of(other), out));

    assertEquals(
        "hash mismatch for "
            + dist.filename()
            + ": the index gives sha256 "
            + wrong
            + ", the file has "
            + dist.sha256(),
        e.getMessage());
    assertEquals(List.of(), left(out));
  }

  @Test
  void aCachedFileChangedSinceItWasFetchedIsHashedAgainAndRefused() throws Exception {
    Dist dist = WheelBuilder.wheel("alpha", "1.0").build();
    index.add(dist, T0);
    IndexFile file = listed("alpha").get(0);
    Path cached = downloader.cached(file);
    Files.write(cached, "other bytes".getBytes(), java.nio.file.StandardOpenOption.APPEND);
    Path out = work.resolve("out");
    Files.createDirectories(out);

    ResolutionException e =
        assertThrows(ResolutionException.class, () -> downloader.download(List.of(file), out));

    assertTrue(e.getMessage().startsWith("hash mismatch for " + dist.filename()), e.getMessage());
    assertEquals(List.of(), left(out));
  }

  @Test
  void theSmallestFilesLeadThenTheLargestAndThoseOfUnknownSizeLastInTheirOrder() throws Exception {
    Path links = Files.createDirectories(work.resolve("links"));
    IndexFile small = file("a-1.0.tar.gz", Files.write(links.resolve("a"), new byte[10]).toUri());
    IndexFile large = file("b-1.0.tar.gz", Files.write(links.resolve("b"), new byte[30]).toUri());
    IndexFile unknown = file("c-1.0.tar.gz", URI.create("http://127.0.0.1:1/c-1.0.tar.gz"));
    IndexFile sized = sized("d-1.0.tar.gz", URI.create("http://127.0.0.1:1/d-1.0.tar.gz"), 20);
    IndexFile later = file("e-1.0.tar.gz", URI.create("http://127.0.0.1:1/e-1.0.tar.gz"));
    IndexFile tiny = sized("f-1.0.tar.gz", URI.create("http://127.0.0.1:1/f-1.0.tar.gz"), 5);
    List<IndexFile> given = List.of(small, large, unknown, sized, later, tiny);

    // No lead: the largest first.
    assertEquals(List.of(large, sized, small, tiny, unknown, later), Downloader.order(given, 0));
    // A lead of 12 bytes: the smallest until they reach it (5, then 10), then the largest.
    assertEquals(List.of(tiny, small, large, sized, unknown, later), Downloader.order(given, 12));
    // The default lead holds all of these small files.
    assertEquals(List.of(tiny, small, sized, large, unknown, later), Downloader.order(given));
  }

  @Test
  void aHashMismatchIsOneLineWithBothDigestsAndLeavesNothing() throws Exception {
    Dist good = WheelBuilder.wheel("alpha", "1.0").build();
    Dist bad = SdistBuilder.sdist("alpha", "1.0").build();
    String wrong = "0".repeat(64);
    index.add(good, T0).add(bad, T0).advertiseHash(bad.filename(), wrong);
    Path out = work.resolve("out");
    Files.createDirectories(out);

    ResolutionException e =
        assertThrows(
            ResolutionException.class,
            () ->
                downloader.download(
                    listed("alpha").stream().filter(f -> !f.isWheel()).toList(), out));

    assertEquals(
        "hash mismatch for alpha-1.0.tar.gz: the index gives sha256 "
            + wrong
            + ", the file has "
            + bad.sha256(),
        e.getMessage());
    assertEquals(List.of(), left(out));
  }

  @Test
  void aMissingFileIsOneLineAndLeavesNothing() throws Exception {
    IndexFile missing =
        file("alpha-1.0-py3-none-any.whl", URI.create(index.simpleUrl() + "/../files/nope.whl"));
    Path out = work.resolve("out");
    Files.createDirectories(out);

    ResolutionException e =
        assertThrows(ResolutionException.class, () -> downloader.download(List.of(missing), out));

    assertEquals(
        "cannot download alpha-1.0-py3-none-any.whl: "
            + dev.mkwheels.python.index.Redaction.describe(missing.url())
            + " answered HTTP 404",
        e.getMessage());
    assertEquals(List.of(), left(out));
  }

  @Test
  void aFileUrlIsReadDirectlyAndAFileWithNoHashIsKeptAndListed() throws Exception {
    Path links = Files.createDirectories(work.resolve("links"));
    Dist dist = WheelBuilder.wheel("alpha", "1.0").build();
    Path source = dist.writeTo(links);
    IndexFile local = file(dist.filename(), source.toUri());
    Path out = work.resolve("out");

    Map<IndexFile, Path> got = downloader.download(List.of(local), out);

    assertEquals(dist.sha256(), Downloads.sha256(got.get(local)));
    assertEquals(List.of(dist.filename()), downloader.unhashed());
    assertEquals(List.of(dist.filename()), left(out));
  }

  @Test
  void twoDifferentFilesOfTheSameNameAreRefused() throws Exception {
    IndexFile a = file("alpha-1.0.tar.gz", URI.create("http://127.0.0.1:1/a/alpha-1.0.tar.gz"));
    IndexFile b = file("alpha-1.0.tar.gz", URI.create("http://127.0.0.1:1/b/alpha-1.0.tar.gz"));

    ResolutionException e =
        assertThrows(
            ResolutionException.class, () -> downloader.download(List.of(a, b), work.resolve("o")));

    assertEquals(
        "two different files are named alpha-1.0.tar.gz: http://127.0.0.1:1/a/alpha-1.0.tar.gz"
            + " and http://127.0.0.1:1/b/alpha-1.0.tar.gz",
        e.getMessage());
  }

  @Test
  void noMoreThanPerHostFilesAreFetchedAtOnceFromOneHost() throws Exception {
    java.util.concurrent.atomic.AtomicInteger inFlight =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger most =
        new java.util.concurrent.atomic.AtomicInteger();
    // Each fetch waits (up to 5 s) until another is in flight too, so the bound is reached.
    dev.mkwheels.api.HttpFetcher counting =
        new dev.mkwheels.api.HttpFetcher() {
          @Override
          public dev.mkwheels.api.HttpResponse get(URI uri, Map<String, String> headers) {
            throw new AssertionError("not used");
          }

          @Override
          public dev.mkwheels.api.HttpResponse download(
              URI uri, Map<String, String> headers, Path target, long maxBytes)
              throws java.io.IOException {
            int now = inFlight.incrementAndGet();
            most.accumulateAndGet(now, Math::max);
            try {
              long until = System.nanoTime() + 5_000_000_000L;
              while (inFlight.get() < 2 && System.nanoTime() < until) {
                Thread.sleep(5);
              }
              Thread.sleep(20);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } finally {
              inFlight.decrementAndGet();
            }
            Files.writeString(target, uri.getPath());
            return new dev.mkwheels.api.HttpResponse(200, Map.of(), new byte[0]);
          }
        };
    List<IndexFile> files = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      files.add(file("alpha-1." + i + ".tar.gz", URI.create("http://h.example/alpha-1." + i)));
    }

    new Downloader(counting, 2, work.resolve("cache")).download(files, work.resolve("out"));

    assertEquals(2, most.get());
    assertEquals(8, left(work.resolve("out")).size());
  }

  static IndexFile sized(String name, URI url, long size) {
    return new IndexFile(
        name,
        url,
        Map.of(),
        Optional.empty(),
        false,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        OptionalLong.of(size));
  }

  static IndexFile file(String name, URI url) {
    return IndexFile.of(name, url);
  }
}
