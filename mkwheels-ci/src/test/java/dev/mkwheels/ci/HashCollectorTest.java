package dev.mkwheels.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.pip.PipIndexes;
import dev.mkwheels.testkit.Dist;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.SdistBuilder;
import dev.mkwheels.testkit.WheelBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file hash of a pinned version, from http indexes (PEP 691 and 503), file indexes and
 * find-links.
 */
class HashCollectorTest {
  private static final Instant UPLOADED = Instant.parse("2024-01-01T00:00:00Z");
  private static final Dist WHEEL = WheelBuilder.wheel("Zope.Interface", "6.2").build();
  private static final Dist LINUX =
      WheelBuilder.wheel("Zope.Interface", "6.2").tag("cp311-cp311-manylinux_2_17_x86_64").build();
  private static final Dist SDIST = SdistBuilder.sdist("zope.interface", "6.2").build();
  private static final Dist OTHER_VERSION = WheelBuilder.wheel("zope.interface", "6.10").build();

  @TempDir Path dir;
  private final RecordingConsole console = new RecordingConsole();
  private final Pin pin = new Pin("zope.interface", "6.2.0");

  private Map<Pin, Set<String>> collect(List<String> indexes, List<String> findLinks)
      throws Exception {
    return new HashCollector(new LoopbackHttp(), console)
        .collect(List.of(pin), new PipIndexes(indexes, findLinks));
  }

  private static Set<String> hashes(Dist... dists) {
    java.util.TreeSet<String> all = new java.util.TreeSet<>();
    for (Dist dist : dists) {
      all.add("sha256:" + dist.sha256());
    }
    return all;
  }

  @Test
  void anHttpIndexGivesEveryFileOfTheVersionInJsonAndInHtml() throws Exception {
    try (PackageIndex index = PackageIndex.start()) {
      for (Dist dist : List.of(WHEEL, LINUX, SDIST, OTHER_VERSION)) {
        index.add(dist, UPLOADED);
      }
      assertEquals(
          Map.of(pin, hashes(WHEEL, LINUX, SDIST)), collect(List.of(index.simpleUrl()), List.of()));
      assertTrue(
          index.requests().stream()
              .anyMatch(
                  r ->
                      r.startsWith(
                          "GET /simple/zope-interface/ [application/vnd.pypi.simple.v1+json")),
          index.requests().toString());
      index.pep691(false);
      assertEquals(
          Map.of(pin, hashes(WHEEL, LINUX, SDIST)), collect(List.of(index.simpleUrl()), List.of()));
    }
  }

  @Test
  void aFileIndexAndAFindLinksDirectoryCountToo() throws Exception {
    Path files = Files.createDirectories(dir.resolve("pypi/files"));
    Path project = Files.createDirectories(dir.resolve("pypi/simple/zope-interface"));
    WHEEL.writeTo(files);
    Files.writeString(
        project.resolve("index.html"),
        "<html><body><a href=\"../../files/"
            + WHEEL.filename()
            + "#sha256="
            + WHEEL.sha256()
            + "\">x</a></body></html>\n");
    Path links = Files.createDirectories(dir.resolve("wheels"));
    SDIST.writeTo(links);
    OTHER_VERSION.writeTo(links);
    Map<Pin, Set<String>> found =
        collect(
            List.of(
                dir.resolve("pypi/simple").toUri().toString(),
                dir.resolve("nowhere").toUri().toString()),
            List.of(links.toString()));
    assertEquals(Map.of(pin, hashes(WHEEL, SDIST)), found);
  }

  @Test
  void anIndexAnsweringAnErrorIsAnErrorNotFewerHashes() throws Exception {
    try (PackageIndex index = PackageIndex.start()) {
      String url = index.simpleUrl().replace("/simple", "/files");
      // /files/zope-interface/ is a 404 (no such project: fine); a dead port is not.
      assertEquals(Map.of(pin, Set.of()), collect(List.of(url), List.of()));
    }
    String dead;
    try (dev.mkwheels.testkit.Loopback closed = dev.mkwheels.testkit.Loopback.start()) {
      dead = closed.url() + "/simple";
    }
    CiException e = assertThrows(CiException.class, () -> collect(List.of(dead), List.of()));
    assertTrue(
        e.getMessage().startsWith("cannot read the index page " + dead + "/zope-interface/: "),
        e.getMessage());
  }

  @Test
  void aLegacySdistNameIsReadWithItsProjectKnownAsPipReadsIt() throws Exception {
    // Alone, foo-1.0-2.tar.gz is project foo-1-0 version 2; pip's finder takes it as foo 1.0.post2.
    Dist legacy = SdistBuilder.sdist("foo", "1.0.post2").build();
    Path links = Files.createDirectories(dir.resolve("legacy"));
    Files.write(links.resolve("foo-1.0-2.tar.gz"), legacy.bytes());
    Pin foo = new Pin("foo", "1.0.post2");
    assertEquals(
        Map.of(foo, hashes(legacy)),
        new HashCollector(new LoopbackHttp(), console)
            .collect(List.of(foo), new PipIndexes(List.of(), List.of(links.toString()))));
  }

  @Test
  void aLegacySdistWithADashInItsVersionIsAFileOfTheProjectItIsListedUnder() throws Exception {
    // pip's finder reads foo-1.0-2.tar.gz on foo's page as foo 1.0.post2, not as foo-1-0 2
    Dist legacy =
        new Dist("foo", "1.0-2", "foo-1.0-2.tar.gz", "sdist".getBytes(StandardCharsets.UTF_8));
    Pin foo = new Pin("foo", "1.0.post2");
    try (PackageIndex index = PackageIndex.start().add(legacy, UPLOADED)) {
      for (boolean json : List.of(true, false)) {
        index.pep691(json);
        assertEquals(
            Map.of(foo, hashes(legacy)),
            new HashCollector(new LoopbackHttp(), console)
                .collect(List.of(foo), new PipIndexes(List.of(index.simpleUrl()), List.of())));
      }
    }
  }
}
