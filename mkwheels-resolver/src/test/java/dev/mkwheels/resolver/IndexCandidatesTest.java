package dev.mkwheels.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.python.index.IndexClient;
import dev.mkwheels.python.index.IndexFile;
import dev.mkwheels.python.marker.TargetEnvironment;
import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.tags.Tag;
import dev.mkwheels.testkit.Dist;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.SdistBuilder;
import dev.mkwheels.testkit.WheelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexCandidatesTest {
  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  static final ProjectName ALPHA = ProjectName.of("alpha");

  @TempDir Path work;
  PackageIndex index;

  @BeforeEach
  void start() throws Exception {
    index = PackageIndex.start();
  }

  @AfterEach
  void stop() {
    index.close();
  }

  /** CPython 3.12.1 on Linux x86_64, with a short tag list, most preferred first. */
  static Target linux312() {
    return new Target(
        "cp312-manylinux_2_17_x86_64",
        new TargetEnvironment(
            "cpython", "3.12.1", "posix", "x86_64", "", "Linux", "", "3.12.1", "CPython", "3.12",
            "linux"),
        List.of(
            new Tag("cp312", "cp312", "manylinux_2_17_x86_64"),
            new Tag("cp312", "abi3", "manylinux_2_17_x86_64"),
            new Tag("cp312", "none", "manylinux_2_17_x86_64"),
            new Tag("py3", "none", "manylinux_2_17_x86_64"),
            new Tag("py3", "none", "any")));
  }

  static Target windows311() {
    return new Target(
        "cp311-win_amd64",
        new TargetEnvironment(
            "cpython", "3.11.0", "nt", "AMD64", "", "Windows", "", "3.11.0", "CPython", "3.11",
            "win32"),
        List.of(new Tag("cp311", "cp311", "win_amd64"), new Tag("py3", "none", "any")));
  }

  IndexCandidates.Builder provider() {
    return IndexCandidates.builder(new IndexClient(new DownloadTestHttp(), Map.of()))
        .indexes(List.of(index.simpleUrl()));
  }

  static List<String> versions(List<Candidate> candidates) {
    return candidates.stream().map(c -> c.version().toString()).toList();
  }

  static List<String> names(Candidate candidate) {
    return candidate.files().stream().map(IndexFile::fileName).toList();
  }

  @Test
  void filesOfAVersionAreInTheTargetsTagOrderThenTheSdistAndForeignWheelsAreLeftOut()
      throws Exception {
    index
        .add(WheelBuilder.wheel("alpha", "1.0").build(), T0)
        .add(WheelBuilder.wheel("alpha", "1.0").tag("cp311-cp311-win_amd64").build(), T0)
        .add(SdistBuilder.sdist("alpha", "1.0").build(), T0)
        .add(WheelBuilder.wheel("alpha", "1.0").tag("cp312-abi3-manylinux_2_17_x86_64").build(), T0)
        .add(
            WheelBuilder.wheel("alpha", "1.0").tag("cp312-cp312-manylinux_2_17_x86_64").build(),
            T0);

    List<Candidate> linux = provider().build().candidates(ALPHA, linux312());

    assertEquals(1, linux.size());
    assertEquals(
        List.of(
            "alpha-1.0-cp312-cp312-manylinux_2_17_x86_64.whl",
            "alpha-1.0-cp312-abi3-manylinux_2_17_x86_64.whl",
            "alpha-1.0-py3-none-any.whl",
            "alpha-1.0.tar.gz"),
        names(linux.get(0)));
    List<Candidate> windows = provider().onlyBinary(true).build().candidates(ALPHA, windows311());
    assertEquals(
        List.of("alpha-1.0-cp311-cp311-win_amd64.whl", "alpha-1.0-py3-none-any.whl"),
        names(windows.get(0)));
  }

  @Test
  void versionsAreNewestFirstAndEqualVersionsSpelledTwoWaysAreOneCandidate() throws Exception {
    index
        .add(WheelBuilder.wheel("alpha", "1.0").build(), T0)
        .add(SdistBuilder.sdist("alpha", "1.0.0").build(), T0)
        .add(WheelBuilder.wheel("alpha", "2.0").build(), T0)
        .add(WheelBuilder.wheel("alpha", "10.0rc1").build(), T0)
        .add(WheelBuilder.wheel("beta", "9.0").build(), T0);

    List<Candidate> found = provider().build().candidates(ALPHA, linux312());

    assertEquals(List.of("10.0rc1", "2.0", "1.0"), versions(found));
    assertEquals(List.of("alpha-1.0-py3-none-any.whl", "alpha-1.0.0.tar.gz"), names(found.get(2)));
  }

  @Test
  void aFileWhoseRequiresPythonTheTargetDoesNotMeetIsDropped() throws Exception {
    Dist new13 = WheelBuilder.wheel("alpha", "2.0").build();
    Dist sdist = SdistBuilder.sdist("alpha", "2.0").build();
    index
        .add(WheelBuilder.wheel("alpha", "1.0").build(), T0)
        .add(new13, T0)
        .add(sdist, T0)
        .requiresPython(new13.filename(), ">=3.13")
        .requiresPython(sdist.filename(), ">=3.12,<4");

    List<Candidate> found = provider().build().candidates(ALPHA, linux312());

    assertEquals(List.of("alpha-2.0.tar.gz"), names(found.get(0)));
    assertEquals(2, found.size());
  }

  @Test
  void filesUploadedAfterTheCutoffDoNotExistAndOneAtTheCutoffDoes() throws Exception {
    index
        .add(WheelBuilder.wheel("alpha", "1.0").build(), T0)
        .add(WheelBuilder.wheel("alpha", "2.0").build(), T0.plusSeconds(3600))
        .add(WheelBuilder.wheel("alpha", "3.0").build(), T0.plusSeconds(7200));

    IndexCandidates frozen = provider().uploadedPriorTo(T0.plusSeconds(3600)).build();

    assertEquals(List.of("2.0", "1.0"), versions(frozen.candidates(ALPHA, linux312())));
    assertEquals(List.of(), frozen.freezeReport());
  }

  @Test
  void anIndexWithoutUploadTimesIsNamedInTheFreezeReportAndKeepsItsFiles() throws Exception {
    index.pep691(false).add(WheelBuilder.wheel("alpha", "3.0").build(), T0.plusSeconds(7200));
    String credentialed = index.simpleUrl().replace("http://", "http://user:secret@");

    IndexCandidates frozen =
        IndexCandidates.builder(new IndexClient(new DownloadTestHttp(), Map.of()))
            .indexes(List.of(credentialed))
            .uploadedPriorTo(T0)
            .build();

    assertEquals(1, frozen.candidates(ALPHA, linux312()).size());
    assertEquals(
        List.of(index.simpleUrl() + ": no upload times (PEP 700), not frozen"),
        frozen.freezeReport());
    assertEquals(List.of(), provider().build().freezeReport());
  }

  @Test
  void aJsonOnlyIndexWithUploadTimesIsFrozenAndNotReported() throws Exception {
    index
        .html(false)
        .add(WheelBuilder.wheel("alpha", "1.0").build(), T0)
        .add(WheelBuilder.wheel("alpha", "3.0").build(), T0.plusSeconds(7200));

    IndexCandidates frozen = provider().uploadedPriorTo(T0).build();

    assertEquals(List.of("1.0"), versions(frozen.candidates(ALPHA, linux312())));
    assertEquals(List.of(), frozen.freezeReport());
  }

  @Test
  void latestUploadIsTheNewestFileTime() {
    IndexFile a = file("a-1.0.tar.gz", Optional.of(T0));
    IndexFile b = file("a-1.0-py3-none-any.whl", Optional.of(T0.plusSeconds(5)));
    IndexFile c = file("a-1.0-py2-none-any.whl", Optional.empty());

    assertEquals(Optional.of(T0.plusSeconds(5)), IndexCandidates.latestUpload(List.of(a, b, c)));
    assertEquals(Optional.empty(), IndexCandidates.latestUpload(List.of(c)));
  }

  @Test
  void aVersionIsYankedOnlyWhenEveryFileIs() throws Exception {
    Dist wheel1 = WheelBuilder.wheel("alpha", "1.0").build();
    Dist wheel2 = WheelBuilder.wheel("alpha", "2.0").build();
    Dist sdist2 = SdistBuilder.sdist("alpha", "2.0").build();
    index.add(wheel1, T0).add(wheel2, T0).add(sdist2, T0);
    index.yank(wheel1.filename(), "broken").yank(wheel2.filename(), "");

    List<Candidate> found = provider().build().candidates(ALPHA, linux312());

    assertFalse(found.get(0).yanked());
    assertEquals(List.of("alpha-2.0.tar.gz", "alpha-2.0-py3-none-any.whl"), names(found.get(0)));
    assertTrue(found.get(1).yanked());
  }

  @Test
  void indexesAndFindLinksAreMergedAndAFileIndexWorksToo() throws Exception {
    index.add(WheelBuilder.wheel("alpha", "1.0").build(), T0);
    PackageIndex other = PackageIndex.start();
    try (other) {
      other.add(WheelBuilder.wheel("alpha", "2.0").build(), T0);
      String fileIndex = other.writeDirectory(work.resolve("index"));
      Path links = work.resolve("links");
      Files.createDirectories(links);
      WheelBuilder.wheel("alpha", "3.0").build().writeTo(links);
      // Skipped as pip's finder skips them: another project, a name with no valid version.
      WheelBuilder.wheel("beta", "4.0").build().writeTo(links);
      Files.writeString(links.resolve("alpha-notaversion.tar.gz"), "x");
      Files.writeString(links.resolve("alpha-5.0.txt"), "x");

      IndexCandidates merged =
          provider()
              .indexes(List.of(index.simpleUrl(), fileIndex))
              .findLinks(List.of(links.toString()))
              .build();

      assertEquals(List.of("3.0", "2.0", "1.0"), versions(merged.candidates(ALPHA, linux312())));
    }
  }

  @Test
  void aProjectNoIndexHasHasNoCandidates() throws Exception {
    assertEquals(List.of(), provider().build().candidates(ALPHA, linux312()));
    assertEquals(
        Optional.of("no index or find-links location has a file of it"),
        provider().build().whyNone(ALPHA, linux312()));
  }

  @Test
  void whyNoneCountsWhatKeptEachFileOutAndNamesTheNewestTagsFirst() throws Exception {
    // Newest version first; within a version, the index's order.
    index
        .add(WheelBuilder.wheel("alpha", "1.0").tag("cp39-cp39-win_amd64").build(), T0)
        .add(WheelBuilder.wheel("alpha", "2.0").tag("cp311-cp311-win_amd64").build(), T0)
        .add(WheelBuilder.wheel("alpha", "2.0").tag("cp311-cp311-macosx_11_0_arm64").build(), T0)
        .add(WheelBuilder.wheel("alpha", "3.0").tag("cp313-cp313-win_amd64").build(), T0)
        .add(WheelBuilder.wheel("alpha", "3.0").tag("cp313-cp313-win32").build(), T0)
        .add(SdistBuilder.sdist("alpha", "3.0").build(), T0)
        .add(WheelBuilder.wheel("beta", "1.0").build(), T0);
    IndexCandidates wheelsOnly = provider().onlyBinary(true).build();

    assertEquals(List.of(), wheelsOnly.candidates(ALPHA, linux312()));
    assertEquals(
        Optional.of(
            "of its 6 files, 1 is an sdist (only wheels are taken) and 5 are wheels for other"
                + " tags (cp313-cp313-win32, cp313-cp313-win_amd64, cp311-cp311-macosx_11_0_arm64"
                + " and 2 more)"),
        wheelsOnly.whyNone(ALPHA, linux312()));
    // The sdist is a candidate when builds are allowed: nothing to explain.
    assertEquals(Optional.empty(), provider().build().whyNone(ALPHA, linux312()));
  }

  @Test
  void pipsNoBinaryAndOnlyBinaryChooseTheKindsPerProjectAndSayWhy() throws Exception {
    index
        .add(WheelBuilder.wheel("alpha", "1.0").build(), T0)
        .add(SdistBuilder.sdist("alpha", "1.0").build(), T0)
        .add(WheelBuilder.wheel("beta", "1.0").build(), T0);
    IndexCandidates noBinary = provider().formats(FormatControl.of("alpha,beta", "")).build();
    assertEquals(List.of("alpha-1.0.tar.gz"), names(noBinary.candidates(ALPHA, linux312()).get(0)));
    ProjectName beta = ProjectName.of("beta");
    assertEquals(List.of(), noBinary.candidates(beta, linux312()));
    assertEquals(
        Optional.of("its file is a wheel (pip's no-binary takes sdists only)"),
        noBinary.whyNone(beta, linux312()));
    IndexCandidates onlyBinary = provider().formats(FormatControl.of("", ":all:")).build();
    assertEquals(
        List.of("alpha-1.0-py3-none-any.whl"),
        names(onlyBinary.candidates(ALPHA, linux312()).get(0)));
    index.add(SdistBuilder.sdist("gamma", "1.0").build(), T0);
    assertEquals(
        Optional.of("its file is an sdist (pip's only-binary takes wheels only)"),
        onlyBinary.whyNone(ProjectName.of("gamma"), linux312()));
  }

  @Test
  void preferBinaryPutsTheVersionsWithAWheelFirstEachGroupNewestFirst() throws Exception {
    index
        .add(WheelBuilder.wheel("alpha", "1.0").build(), T0)
        .add(SdistBuilder.sdist("alpha", "1.0").build(), T0)
        .add(WheelBuilder.wheel("alpha", "2.0").build(), T0)
        .add(SdistBuilder.sdist("alpha", "3.0").build(), T0)
        .add(SdistBuilder.sdist("alpha", "4.0").build(), T0);
    assertEquals(
        List.of("2.0", "1.0", "4.0", "3.0"),
        versions(provider().preferBinary(true).build().candidates(ALPHA, linux312())));
    assertEquals(
        List.of("4.0", "3.0", "2.0", "1.0"),
        versions(provider().build().candidates(ALPHA, linux312())));
  }

  @Test
  void whyNoneSaysOneKindAloneWithoutCountingItTwice() throws Exception {
    index.add(WheelBuilder.wheel("alpha", "1.0").tag("cp311-cp311-win_amd64").build(), T0);
    assertEquals(
        Optional.of("its file is a wheel for other tags (cp311-cp311-win_amd64)"),
        provider().build().whyNone(ALPHA, linux312()));
    index.add(WheelBuilder.wheel("alpha", "2.0").tag("cp311-cp311-win_amd64").build(), T0);
    assertEquals(
        Optional.of("its 2 files are wheels for other tags (cp311-cp311-win_amd64)"),
        provider().build().whyNone(ProjectName.of("Alpha"), linux312()));
  }

  @Test
  void whyNoneNamesTheCutoffAndTheRequiresPythonThatKeptFilesOut() throws Exception {
    Dist py313 = WheelBuilder.wheel("alpha", "1.0").build();
    index
        .add(py313, T0)
        .requiresPython(py313.filename(), ">=3.13")
        .add(WheelBuilder.wheel("alpha", "2.0").build(), T0.plusSeconds(7200))
        .add(SdistBuilder.sdist("alpha", "2.0").build(), T0.plusSeconds(7200));
    IndexCandidates frozen = provider().uploadedPriorTo(T0.plusSeconds(3600)).build();

    assertEquals(List.of(), frozen.candidates(ALPHA, linux312()));
    assertEquals(
        Optional.of(
            "of its 3 files, 2 were uploaded after 2024-01-01T01:00:00Z and 1 is for another"
                + " Python (Requires-Python >=3.13)"),
        frozen.whyNone(ALPHA, linux312()));
  }

  @Test
  void aResolutionThatFindsNoFileForTheTargetSaysWhy() throws Exception {
    index
        .coreMetadata(true)
        .add(WheelBuilder.wheel("app", "1.0").requires("alpha>=1").build(), T0)
        .add(WheelBuilder.wheel("alpha", "1.0").tag("cp311-cp311-win_amd64").build(), T0);

    ResolutionException e =
        assertThrows(
            ResolutionException.class,
            () -> new Resolver(provider().build()).resolve(Trees.roots("app"), linux312()));
    assertEquals(
        "cannot resolve for cp312-manylinux_2_17_x86_64: no version of alpha fits alpha>=1"
            + " (required by app 1.0); there is none for cp312-manylinux_2_17_x86_64: its file is"
            + " a wheel for other tags (cp311-cp311-win_amd64)",
        e.getMessage());
  }

  @Test
  void anUnreadableIndexIsOneLineNamingIt() {
    IndexCandidates broken =
        IndexCandidates.builder(new IndexClient(new DownloadTestHttp(), Map.of()))
            .indexes(List.of("http://127.0.0.1:1/simple"))
            .build();

    ResolutionException e =
        assertThrows(ResolutionException.class, () -> broken.candidates(ALPHA, linux312()));
    assertTrue(e.getMessage().contains("127.0.0.1:1/simple/alpha/"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }

  @Test
  void eachPageIsReadOnceUnderConcurrentCallsForManyTargets() throws Exception {
    index.add(WheelBuilder.wheel("alpha", "1.0").build(), T0);
    IndexCandidates provider = provider().build();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<List<Candidate>>> calls = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        Target target = i % 2 == 0 ? linux312() : windows311();
        calls.add(() -> provider.candidates(ALPHA, target));
      }
      for (Future<List<Candidate>> f : pool.invokeAll(calls)) {
        assertEquals(1, f.get().size());
      }
    } finally {
      pool.shutdownNow();
    }

    assertEquals(
        1, index.requests().stream().filter(r -> r.startsWith("GET /simple/alpha/ ")).count());
  }

  static IndexFile file(String name, Optional<Instant> uploaded) {
    return new IndexFile(
        name,
        java.net.URI.create("http://127.0.0.1:1/files/" + name),
        Map.of(),
        Optional.empty(),
        false,
        Optional.empty(),
        Optional.empty(),
        uploaded,
        java.util.OptionalLong.empty());
  }
}
