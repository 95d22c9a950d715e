package dev.mkwheels.rebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.packaging.PackRequest;
import dev.mkwheels.packaging.PackResult;
import dev.mkwheels.packaging.Packager;
import dev.mkwheels.pip.GitSourceZip;
import dev.mkwheels.testkit.Dist;
import dev.mkwheels.testkit.Distributions;
import dev.mkwheels.testkit.GitRepo;
import dev.mkwheels.testkit.LoopbackFetcher;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.WheelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Rebuilder} against a real package index on loopback and real find-links directories: the
 * verdicts a reviewer reads (identical, a tampered file, a missing file, a tarball whose bytes
 * differ though its files are the same).
 */
class RebuilderTest {
  static final long EPOCH = 1_700_000_000L;
  static final Instant UPLOADED = Instant.parse("2024-01-02T03:04:05Z");

  @TempDir Path temp;
  PackageIndex index;
  LoopbackFetcher http = new LoopbackFetcher();
  Path wheelhouse;
  Dist alpha;
  Dist zetaWheel;
  Dist zetaSdist;
  List<Dist> dists;

  @BeforeEach
  void serve() throws Exception {
    wheelhouse = Files.createDirectories(temp.resolve("wheelhouse"));
    alpha = WheelBuilder.wheel("alpha", "1.0").requires("zeta").build();
    zetaWheel = WheelBuilder.wheel("zeta", "2.0").build();
    Path sdist = Distributions.sdist(Files.createDirectories(temp.resolve("sdist")), "zeta", "2.0");
    zetaSdist = new Dist("zeta", "2.0", "zeta-2.0.tar.gz", Files.readAllBytes(sdist));
    dists = List.of(alpha, zetaWheel, zetaSdist);
    for (Dist dist : dists) {
      dist.writeTo(wheelhouse);
    }
    index = PackageIndex.start().jsonApi(false);
  }

  @AfterEach
  void stop() {
    index.close();
  }

  RebuildResult rebuild(Path tarball, String pylock, Sources sources) throws Exception {
    Path work = Files.createDirectories(temp.resolve("work-" + System.nanoTime()));
    return new Rebuilder(http, Locked.withPylock(pylock))
        .rebuild(tarball, sources, work, Locked.quiet());
  }

  Path upload(String pylock) throws Exception {
    return Locked.tarball(Locked.parse(pylock), pylock, wheelhouse, temp.resolve("upload"));
  }

  void serveAll() {
    for (Dist dist : dists) {
      index.add(dist, UPLOADED);
    }
  }

  static final Sources LOCKED_INDEXES = new Sources(List.of(), List.of());

  @Test
  void filesFromTheLockedIndexRebuildTheSameBytes() throws Exception {
    serveAll();
    String pylock =
        Locked.pylock("demo", "1.0", EPOCH, List.of("a note"), index.simpleUrl(), dists);
    Path tarball = upload(pylock);
    RebuildResult result = rebuild(tarball, pylock, LOCKED_INDEXES);
    assertEquals(Optional.empty(), result.difference());
    assertTrue(result.identical());
    assertEquals(3, result.files());
    assertEquals(Optional.of(result.sha256()), result.rebuiltSha256());
    assertTrue(
        index.requests().stream().anyMatch(r -> r.startsWith("GET /files/zeta-2.0.tar.gz")),
        index.requests().toString());
    assertTrue(
        index.requests().stream().anyMatch(r -> r.startsWith("GET /simple/alpha/")),
        index.requests().toString());
  }

  @Test
  void aTamperedFileOnTheIndexIsNamedWithBothHashesAndNothingIsPacked() throws Exception {
    String pylock = Locked.pylock("demo", "1.0", EPOCH, List.of(), index.simpleUrl(), dists);
    Path tarball = upload(pylock);
    byte[] bytes = alpha.bytes();
    bytes[bytes.length / 2] ^= 0x01; // same size, other bytes
    Dist tampered = new Dist("alpha", "1.0", alpha.filename(), bytes);
    index.add(tampered, UPLOADED).add(zetaWheel, UPLOADED).add(zetaSdist, UPLOADED);
    RebuildResult result = rebuild(tarball, pylock, LOCKED_INDEXES);
    String difference = result.difference().orElseThrow();
    assertEquals(
        alpha.filename()
            + " from "
            + index.simpleUrl().replace("/simple", "/files/")
            + alpha.filename()
            + " has sha256 "
            + tampered.sha256()
            + "; pylock.toml locks "
            + alpha.sha256(),
        difference);
    assertEquals(Optional.empty(), result.rebuiltSha256());
  }

  @Test
  void aLargerFileThanLockedIsRefusedByItsSize() throws Exception {
    String pylock = Locked.pylock("demo", "1.0", EPOCH, List.of(), index.simpleUrl(), dists);
    Path tarball = upload(pylock);
    Dist bigger = WheelBuilder.wheel("alpha", "1.0").file("alpha/more.py", "x = 1\n").build();
    index.add(bigger, UPLOADED).add(zetaWheel, UPLOADED).add(zetaSdist, UPLOADED);
    String difference = rebuild(tarball, pylock, LOCKED_INDEXES).difference().orElseThrow();
    assertTrue(difference.startsWith(alpha.filename() + " from http://127.0.0.1:"), difference);
    assertTrue(difference.contains(String.valueOf(alpha.bytes().length)), difference);
  }

  @Test
  void aFileNoSourceHasIsNamedWithWhereItWasLookedFor() throws Exception {
    String pylock = Locked.pylock("demo", "1.0", EPOCH, List.of(), index.simpleUrl(), dists);
    Path tarball = upload(pylock);
    index.add(alpha, UPLOADED).add(zetaWheel, UPLOADED);
    RebuildResult result = rebuild(tarball, pylock, LOCKED_INDEXES);
    assertEquals(
        Optional.of("zeta-2.0.tar.gz is missing: not found in " + index.simpleUrl() + "/zeta/"),
        result.difference());
    assertEquals(Optional.empty(), result.rebuiltSha256());
  }

  @Test
  void changedNotesMakeTheSameFilesDifferAndTheFirstDifferingEntryIsNamed() throws Exception {
    serveAll();
    String packed =
        Locked.pylock("demo", "1.0", EPOCH, List.of("built at 10:00"), index.simpleUrl(), dists);
    String claimed =
        Locked.pylock("demo", "1.0", EPOCH, List.of("built at 11:00"), index.simpleUrl(), dists);
    // The uploader packed other notes than the lock inside says: same files, other bytes.
    Path tarball =
        Locked.tarball(Locked.parse(packed), claimed, wheelhouse, temp.resolve("upload"));
    RebuildResult result = rebuild(tarball, claimed, LOCKED_INDEXES);
    String difference = result.difference().orElseThrow();
    assertTrue(
        difference.startsWith(
            "tarball vs rebuild: entry 'demo-wheels-1.0/requirements.txt': content sha256 "),
        difference);
    assertEquals(3, result.files());
    assertTrue(result.rebuiltSha256().isPresent());
  }

  @Test
  void findLinksDirectoriesServeTheFilesWithoutAnyIndex() throws Exception {
    String pylock = Locked.pylock("demo", "1.0", EPOCH, List.of(), "", dists);
    Path tarball = upload(pylock);
    RebuildResult result =
        rebuild(tarball, pylock, new Sources(List.of(), List.of(wheelhouse.toString())));
    assertEquals(Optional.empty(), result.difference());
    assertEquals(List.of(), http.requested());
  }

  @Test
  void theIndexOptionsReplaceTheLockedIndex() throws Exception {
    serveAll();
    String pylock =
        Locked.pylock("demo", "1.0", EPOCH, List.of(), "http://127.0.0.1:9/simple", dists);
    Path tarball = upload(pylock);
    RebuildResult result =
        rebuild(tarball, pylock, new Sources(List.of(index.simpleUrl()), List.of()));
    assertEquals(Optional.empty(), result.difference());
    assertTrue(
        http.requested().stream().noneMatch(u -> u.getPort() == 9), http.requested().toString());
  }

  @Test
  void aFileWithoutAnIndexOrFindLinksIsMissingAndSaysWhatToGive() throws Exception {
    String pylock = Locked.pylock("demo", "1.0", EPOCH, List.of(), "", dists);
    Path tarball = upload(pylock);
    String difference = rebuild(tarball, pylock, LOCKED_INDEXES).difference().orElseThrow();
    assertEquals(
        alpha.filename()
            + " is missing: the lock names no index for it; give --index-url or --find-links",
        difference);
  }

  @Test
  void anIndexThatCannotBeReachedIsAFailureNotAVerdict() throws Exception {
    String pylock =
        Locked.pylock("demo", "1.0", EPOCH, List.of(), "http://127.0.0.1:9/simple", dists);
    Path tarball = upload(pylock);
    MkwheelsException e =
        assertThrows(MkwheelsException.class, () -> rebuild(tarball, pylock, LOCKED_INDEXES));
    assertTrue(
        e.getMessage().startsWith("cannot fetch http://127.0.0.1:9/simple/"), e.getMessage());
  }

  @Test
  void mkwheelsOwnPackerPacksAtTheLocksNameVersionEpochAndNotes() throws Exception {
    String pylock = Locked.pylock("Demo", "1.0", EPOCH, List.of("n1", "n2"), "", dists);
    Path out = Files.createDirectories(temp.resolve("repacked"));
    PackResult repacked =
        Repacker.packager(new Packager())
            .repack(Locked.parse(pylock), wheelhouse, out, Locked.quiet());
    PackResult direct =
        new Packager()
            .pack(
                new PackRequest(
                    wheelhouse,
                    "Demo",
                    "1.0",
                    EPOCH,
                    temp.resolve("direct"),
                    List.of("n1", "n2"),
                    Repacker.origins(Locked.parse(pylock))));
    assertEquals(direct.sha256(), repacked.sha256());
    assertEquals("demo-wheels-1.0.tar.gz", repacked.tarball().getFileName().toString());
  }

  @Test
  void aTarballPackedWithIndexesAndUploadTimesRebuildsIdenticalWithTheRealPacker()
      throws Exception {
    // What --pypi packs: each file's index and upload time are in pylock.toml, so the repack must
    // hand them to the packer again or the lock it writes differs.
    java.util.Map<String, dev.mkwheels.packaging.FileOrigin> origins =
        java.util.Map.of(
            alpha.filename(),
            new dev.mkwheels.packaging.FileOrigin(
                "https://user:secret@pypi.example/simple/",
                java.time.Instant.parse("2023-01-02T03:04:05.123456Z")),
            zetaWheel.filename(),
            new dev.mkwheels.packaging.FileOrigin("https://pypi.example/simple/", null));
    PackResult packed =
        new Packager()
            .pack(
                new PackRequest(
                    wheelhouse,
                    "Demo",
                    "1.0",
                    EPOCH,
                    Files.createDirectories(temp.resolve("packed")),
                    List.of("a note"),
                    origins),
                Locked.quiet());
    Path work = Files.createDirectories(temp.resolve("work-real"));
    RebuildResult result =
        new Rebuilder(http, Repacker.packager(new Packager()))
            .rebuild(
                packed.tarball(),
                new Sources(List.of(), List.of(wheelhouse.toString())),
                work,
                Locked.quiet());
    assertTrue(result.identical(), result.toString());
  }

  @Test
  void aTarballForTargetsThatNeedTwoVersionsRebuildsIdenticalWithItsMarkers() throws Exception {
    // Several targets: zeta 1.0 for one, 2.0 for the other, each pinned under its marker; the
    // rebuild reads the markers and environments back from pylock.toml, or it could not pack two
    // versions at all.
    WheelBuilder.wheel("zeta", "1.0").build().writeTo(wheelhouse);
    String old = "python_version == \"3.9\"";
    String fresh = "python_version == \"3.13\"";
    java.util.Map<String, String> markers =
        java.util.Map.of(
            "zeta-1.0-py3-none-any.whl",
            old,
            zetaWheel.filename(),
            fresh,
            zetaSdist.filename(),
            fresh);
    PackResult packed =
        new Packager()
            .pack(
                new PackRequest(
                    wheelhouse,
                    "Demo",
                    "1.0",
                    EPOCH,
                    Files.createDirectories(temp.resolve("packed")),
                    List.of(),
                    java.util.Map.of(),
                    markers,
                    List.of(old, fresh)),
                Locked.quiet());
    // The lock names the targets' environments; the rebuild must write them again.
    Pylock lock = PylockReader.read(Artifact.read(packed.tarball()).pylock(), "pylock.toml");
    assertEquals(List.of(fresh, old), lock.environments());
    Path work = Files.createDirectories(temp.resolve("work-markers"));
    RebuildResult result =
        new Rebuilder(http, Repacker.packager(new Packager()))
            .rebuild(
                packed.tarball(),
                new Sources(List.of(), List.of(wheelhouse.toString())),
                work,
                Locked.quiet());
    assertTrue(result.identical(), result.toString());
    assertEquals(4, result.files());
  }

  @Test
  void aGitDependencysArchiveIsWrittenAgainFromItsCommitAndTheRebuildIsIdentical()
      throws Exception {
    GitRepo repo =
        GitRepo.init(temp.resolve("repos/gdep"))
            .write("pyproject.toml", "[project]\nname = \"gdep\"\nversion = \"0.5\"\n")
            .write("gdep/__init__.py", "VERSION = '0.5'\n");
    String commit = repo.commit("0.5", UPLOADED);
    String later = repo.write("gdep/__init__.py", "VERSION = 'later'\n").commit("later", UPLOADED);
    Path house = Files.createDirectories(temp.resolve("git-house"));
    Path links = Files.createDirectories(temp.resolve("git-links"));
    alpha.writeTo(house);
    alpha.writeTo(links);
    new GitSourceZip(System.getenv())
        .write(
            repo.url(),
            commit,
            "gdep",
            "0.5",
            EPOCH,
            house.resolve("gdep-0.5.zip"),
            Files.createDirectories(temp.resolve("git-first")));
    PackResult packed = packWithGit(house, "git-packed", repo.url(), commit);
    Sources sources = new Sources(List.of(), List.of(links.toString()));

    RebuildResult result =
        new Rebuilder(http, Repacker.packager(new Packager()))
            .rebuild(
                packed.tarball(),
                sources,
                Files.createDirectories(temp.resolve("work-git")),
                Locked.quiet());
    assertTrue(result.identical(), result.toString());
    assertEquals(2, result.files());

    // The lock says the archive is the later commit's, and its bytes are not: named.
    PackResult wrong = packWithGit(house, "git-wrong", repo.url(), later);
    String difference =
        new Rebuilder(http, Repacker.packager(new Packager()))
            .rebuild(
                wrong.tarball(),
                sources,
                Files.createDirectories(temp.resolve("work-wrong")),
                Locked.quiet())
            .difference()
            .orElseThrow();
    assertTrue(
        difference.startsWith("gdep-0.5.zip from git " + repo.url() + "@" + later + " is "),
        difference);
    assertTrue(difference.endsWith(" bytes; pylock.toml says " + zipSize(house)), difference);

    // --find-links wins when it holds the archive: no clone (the repository is gone).
    Files.move(repo.directory(), temp.resolve("repos/gone"));
    Files.copy(house.resolve("gdep-0.5.zip"), links.resolve("gdep-0.5.zip"));
    assertTrue(
        new Rebuilder(http, Repacker.packager(new Packager()))
            .rebuild(
                packed.tarball(),
                sources,
                Files.createDirectories(temp.resolve("work-links")),
                Locked.quiet())
            .identical());

    // Without it, a clone that fails is one line naming the dependency and the URL.
    Files.delete(links.resolve("gdep-0.5.zip"));
    MkwheelsException e =
        assertThrows(
            MkwheelsException.class,
            () ->
                new Rebuilder(http, Repacker.packager(new Packager()))
                    .rebuild(
                        packed.tarball(),
                        sources,
                        Files.createDirectories(temp.resolve("work-gone")),
                        Locked.quiet()));
    assertTrue(
        e.getMessage()
            .startsWith(
                "cannot write git dependency gdep 0.5 again from "
                    + repo.url()
                    + ": git clone failed: '"),
        e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }

  static long zipSize(Path house) throws Exception {
    return Files.size(house.resolve("gdep-0.5.zip"));
  }

  PackResult packWithGit(Path house, String out, String url, String commit) throws Exception {
    return new Packager()
        .pack(
            new PackRequest(
                house,
                "Demo",
                "1.0",
                EPOCH,
                Files.createDirectories(temp.resolve(out)),
                List.of("git dependency gdep 0.5"),
                java.util.Map.of(
                    "gdep-0.5.zip", dev.mkwheels.packaging.FileOrigin.git(url, commit))),
            Locked.quiet());
  }

  @Test
  void nothingIsWrittenOutsideTheWorkDirectory() throws Exception {
    serveAll();
    String pylock = Locked.pylock("demo", "1.0", EPOCH, List.of(), index.simpleUrl(), dists);
    Path tarball = upload(pylock);
    List<Path> before;
    try (Stream<Path> files = Files.list(tarball.getParent())) {
      before = files.sorted().toList();
    }
    assertTrue(rebuild(tarball, pylock, LOCKED_INDEXES).identical());
    try (Stream<Path> files = Files.list(tarball.getParent())) {
      assertEquals(before, files.sorted().toList());
    }
    assertFalse(Files.exists(wheelhouse.resolve("requirements.txt")));
  }

  @Test
  void aRemotePageCannotPointAtALocalFile() throws Exception {
    String pylock = Locked.pylock("demo", "1.0", EPOCH, List.of(), "", dists);
    Path tarball = upload(pylock);
    try (dev.mkwheels.testkit.Loopback page = dev.mkwheels.testkit.Loopback.start()) {
      byte[] html =
          ("<a href=\"" + wheelhouse.resolve(alpha.filename()).toUri() + "\">a</a>")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      page.server()
          .createContext(
              "/",
              exchange -> {
                exchange.sendResponseHeaders(200, html.length);
                try (var body = exchange.getResponseBody()) {
                  body.write(html);
                }
              });
      String difference =
          rebuild(tarball, pylock, new Sources(List.of(), List.of(page.url() + "/links/")))
              .difference()
              .orElseThrow();
      assertTrue(difference.startsWith(alpha.filename() + " is missing: "), difference);
    }
  }
}
