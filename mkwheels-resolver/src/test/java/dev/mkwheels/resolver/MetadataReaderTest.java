package dev.mkwheels.resolver;

import static dev.mkwheels.resolver.IndexCandidatesTest.ALPHA;
import static dev.mkwheels.resolver.IndexCandidatesTest.T0;
import static dev.mkwheels.resolver.IndexCandidatesTest.linux312;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.python.index.IndexClient;
import dev.mkwheels.python.index.IndexFile;
import dev.mkwheels.python.requirement.Requirement;
import dev.mkwheels.testkit.Dist;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.SdistBuilder;
import dev.mkwheels.testkit.WheelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where {@link IndexCandidates#dependencies} reads metadata from, against a loopback index. */
class MetadataReaderTest {
  @TempDir Path work;
  PackageIndex index;
  Downloader downloader;

  @BeforeEach
  void start() throws Exception {
    index = PackageIndex.start();
    downloader = new Downloader(new DownloadTestHttp(), 4, work.resolve("cache"));
  }

  @AfterEach
  void stop() {
    index.close();
  }

  IndexCandidates.Builder provider() {
    return IndexCandidates.builder(new IndexClient(new DownloadTestHttp(), Map.of()))
        .indexes(List.of(index.simpleUrl()))
        .downloader(downloader);
  }

  static List<String> requires(CandidateProvider.Dependencies dependencies) {
    return dependencies.requiresDist().stream().map(Requirement::toString).toList();
  }

  long gets(String path) {
    return index.requests().stream().filter(r -> r.startsWith("GET " + path + " ")).count();
  }

  @Test
  void pep658MetadataIsReadWithoutDownloadingTheWheel() throws Exception {
    Dist wheel =
        WheelBuilder.wheel("alpha", "1.0")
            .requires("beta>=2", "gamma; extra == \"fast\"")
            .extras("fast")
            .requiresPython(">=3.9")
            .build();
    index.coreMetadata(true).add(wheel, T0);
    IndexCandidates provider = provider().build();

    CandidateProvider.Dependencies deps =
        provider.dependencies(provider.candidates(ALPHA, linux312()).get(0));

    assertEquals(List.of("beta>=2", "gamma; extra == \"fast\""), requires(deps));
    assertEquals(Optional.of(">=3.9"), deps.requiresPython());
    assertEquals(List.of("fast"), deps.providesExtra());
    assertEquals(1, gets("/files/" + wheel.filename() + ".metadata"));
    assertEquals(0, gets("/files/" + wheel.filename()));
  }

  @Test
  void withoutPep658TheWheelIsDownloadedOnceAndTheDownloaderReusesIt() throws Exception {
    Dist wheel = WheelBuilder.wheel("alpha", "1.0").requires("beta").build();
    index.add(wheel, T0);
    IndexCandidates provider = provider().build();
    Candidate candidate = provider.candidates(ALPHA, linux312()).get(0);

    assertEquals(List.of("beta"), requires(provider.dependencies(candidate)));
    assertEquals(List.of("beta"), requires(provider.dependencies(candidate)));
    Map<IndexFile, Path> got = downloader.download(candidate.files(), work.resolve("out"));

    assertEquals(1, gets("/files/" + wheel.filename()));
    assertEquals(wheel.sha256(), Downloads.sha256(got.get(candidate.files().get(0))));
  }

  @Test
  void anSdistWithStaticPkgInfoIsReadWithoutABuild() throws Exception {
    index.add(SdistBuilder.sdist("alpha", "1.0").requires("beta<3").pkgInfo("2.2").build(), T0);
    IndexCandidates provider = provider().build();

    CandidateProvider.Dependencies deps =
        provider.dependencies(provider.candidates(ALPHA, linux312()).get(0));

    assertEquals(List.of("beta<3"), requires(deps));
  }

  @Test
  void aZipSdistsStaticPkgInfoIsReadToo() throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
      zip.putNextEntry(new java.util.zip.ZipEntry("alpha-1.0/alpha/PKG-INFO"));
      zip.write("Metadata-Version: 2.2\nName: alpha\nVersion: 9\n".getBytes("UTF-8"));
      zip.putNextEntry(new java.util.zip.ZipEntry("alpha-1.0/PKG-INFO"));
      zip.write(
          "Metadata-Version: 2.3\nName: alpha\nVersion: 1.0\nRequires-Dist: zeta\n"
              .getBytes("UTF-8"));
    }
    index.add(new Dist("alpha", "1.0", "alpha-1.0.zip", bytes.toByteArray()), T0);
    IndexCandidates provider = provider().build();

    CandidateProvider.Dependencies deps =
        provider.dependencies(provider.candidates(ALPHA, linux312()).get(0));

    assertEquals(List.of("zeta"), requires(deps));
  }

  @Test
  void pep658MetadataOfAFileIndexIsReadFromDisk() throws Exception {
    index.coreMetadata(true).add(WheelBuilder.wheel("alpha", "1.0").requires("beta").build(), T0);
    String fileIndex = index.writeDirectory(work.resolve("index"));
    java.nio.file.Files.delete(work.resolve("index/files/alpha-1.0-py3-none-any.whl"));
    IndexCandidates provider = provider().indexes(List.of(fileIndex)).build();

    CandidateProvider.Dependencies deps =
        provider.dependencies(provider.candidates(ALPHA, linux312()).get(0));

    assertEquals(List.of("beta"), requires(deps));
  }

  @Test
  void aLocalWheelIsReadInPlaceUnhashedAndItsHashIsCheckedWhenDownloaded() throws Exception {
    index.add(WheelBuilder.wheel("alpha", "1.0").requires("beta").build(), T0);
    String fileIndex = index.writeDirectory(work.resolve("index"));
    Path onDisk = work.resolve("index/files/alpha-1.0-py3-none-any.whl");
    Files.write(onDisk, WheelBuilder.wheel("alpha", "1.0").requires("zeta").build().bytes());
    IndexCandidates provider = provider().indexes(List.of(fileIndex)).build();
    Candidate candidate = provider.candidates(ALPHA, linux312()).get(0);

    assertEquals(List.of("zeta"), requires(provider.dependencies(candidate)));
    assertTrue(Files.notExists(work.resolve("cache")), "nothing copied into the cache");
    ResolutionException e =
        assertThrows(
            ResolutionException.class,
            () -> downloader.download(candidate.files(), work.resolve("out")));
    assertTrue(e.getMessage().startsWith("hash mismatch for alpha-1.0-py3-none-any.whl"));
  }

  @Test
  void anSdistWithDynamicRequiresDistGoesToTheBuilderAndWithoutOneIsAClearError() throws Exception {
    Dist dynamic =
        SdistBuilder.sdist("alpha", "1.0").requires("beta").pkgInfo("2.2", "Requires-Dist").build();
    index.add(dynamic, T0).add(SdistBuilder.sdist("alpha", "0.9").requires("beta").build(), T0);
    List<String> built = new ArrayList<>();
    MetadataBuilder builder =
        new MetadataBuilder() {
          @Override
          public Candidate direct(Requirement requirement) {
            throw new AssertionError("not a direct reference");
          }

          @Override
          public CandidateProvider.Dependencies build(IndexFile sdist, Path downloaded) {
            built.add(sdist.fileName() + " " + Files.isRegularFile(downloaded));
            return new CandidateProvider.Dependencies(
                List.of(Requirement.parse("built")), Optional.empty(), List.of());
          }
        };
    IndexCandidates withBuilder = provider().metadataBuilder(builder).build();
    List<Candidate> candidates = withBuilder.candidates(ALPHA, linux312());

    assertEquals(List.of("built"), requires(withBuilder.dependencies(candidates.get(0))));
    assertEquals(List.of("built"), requires(withBuilder.dependencies(candidates.get(1))));
    assertEquals(List.of("alpha-1.0.tar.gz true", "alpha-0.9.tar.gz true"), built);

    IndexCandidates without = provider().build();
    ResolutionException e =
        assertThrows(
            ResolutionException.class,
            () -> without.dependencies(without.candidates(ALPHA, linux312()).get(0)));
    assertEquals(
        "alpha-1.0.tar.gz has no static metadata (no Metadata-Version 2.2+ PKG-INFO, or"
            + " Requires-Dist is dynamic): a build is needed to resolve alpha 1.0",
        e.getMessage());
  }

  @Test
  void metadataOfAnotherProjectOrVersionIsRefused() throws Exception {
    Dist liar = WheelBuilder.wheel("alpha", "1.0").build();
    Dist renamed = new Dist("alpha", "2.0", "alpha-2.0-py3-none-any.whl", liar.bytes());
    index.add(renamed, T0);
    IndexCandidates provider = provider().build();

    ResolutionException e =
        assertThrows(
            ResolutionException.class,
            () -> provider.dependencies(provider.candidates(ALPHA, linux312()).get(0)));
    assertEquals(
        "the metadata of alpha-2.0-py3-none-any.whl says alpha 1.0, not alpha 2.0", e.getMessage());
  }

  @Test
  void aDirectReferenceWithoutABuilderIsRefused() {
    IndexCandidates provider = provider().build();
    ResolutionException e =
        assertThrows(
            ResolutionException.class,
            () ->
                provider.direct(
                    Requirement.parse("alpha @ git+https://u:tok@example.com/a.git"), linux312()));
    assertTrue(e.getMessage().contains("****@example.com"), e.getMessage());
  }
}
