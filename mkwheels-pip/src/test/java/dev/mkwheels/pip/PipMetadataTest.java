package dev.mkwheels.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.python.index.IndexFile;
import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.requirement.Requirement;
import dev.mkwheels.python.version.Version;
import dev.mkwheels.resolver.Candidate;
import dev.mkwheels.resolver.CandidateProvider;
import dev.mkwheels.resolver.ResolutionException;
import dev.mkwheels.testkit.BuildBackend;
import dev.mkwheels.testkit.Dist;
import dev.mkwheels.testkit.GitRepo;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.SdistBuilder;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PipMetadata} with real pip running {@link BuildBackend} from a loopback index: an sdist
 * whose Requires-Dist is dynamic, a git repository, a local source tree.
 */
class PipMetadataTest {
  static final Instant T1 = Instant.parse("2024-03-01T10:00:00Z");

  @TempDir static Path shared;
  static PackageIndex index;
  static PipMetadata metadata;

  @BeforeAll
  static void start() throws Exception {
    index = PackageIndex.start().add(BuildBackend.wheel(), T1);
    metadata =
        new PipMetadata(
            GitDependenciesTest.runner(GitDependenciesTest.PYTHON, Map.of()),
            new PipOptions(Optional.of(index.simpleUrl()), List.of(), List.of(), false));
  }

  @AfterAll
  static void stop() {
    index.close();
  }

  static List<String> requires(CandidateProvider.Dependencies dependencies) {
    return dependencies.requiresDist().stream().map(Requirement::toString).toList();
  }

  static IndexFile file(Path path) {
    return IndexFile.of(path.getFileName().toString(), path.toUri());
  }

  @Test
  void anSdistWithDynamicRequiresDistIsBuiltForItsMetadata() throws Exception {
    Dist sdist =
        SdistBuilder.sdist("dyn", "1.2")
            .requires("beta>=2", "gamma; python_version < \"3\"")
            .pkgInfo("2.2", "Requires-Dist")
            .build();
    Path downloaded = sdist.writeTo(Files.createDirectories(shared.resolve("sdists")));

    CandidateProvider.Dependencies deps = metadata.build(file(downloaded), downloaded);

    assertEquals(List.of("beta>=2", "gamma; python_version < \"3\""), requires(deps));
  }

  @Test
  void aGitUrlIsClonedAndTheCommitItResolvedToIsRecorded() throws Exception {
    GitRepo repo =
        GitRepo.init(shared.resolve("repos/gdep"))
            .write("pyproject.toml", GitDependenciesTest.mkwProject("gdep", "0.5", "\"beta<3\""))
            .write("gdep/__init__.py", "VERSION = '0.5'\n");
    String commit = repo.commit("0.5", T1);
    repo.tag("v0.5");

    Candidate candidate = metadata.direct(Requirement.parse("gdep @ " + repo.pipUrl() + "@v0.5"));

    assertEquals(ProjectName.of("gdep"), candidate.name());
    assertEquals(Version.parse("0.5"), candidate.version());
    URI direct = candidate.directUrl().orElseThrow();
    assertTrue(direct.toString().startsWith("git+file:"), direct.toString());
    assertTrue(direct.toString().endsWith("@" + commit), direct + " should end with " + commit);
    assertFalse(candidate.yanked());
    assertEquals(List.of("beta<3"), requires(metadata.dependencies(candidate)));
  }

  @Test
  void aLocalSourceTreeIsBuiltForItsMetadata() throws Exception {
    Path tree = Files.createDirectories(shared.resolve("tree"));
    Files.writeString(
        tree.resolve("pyproject.toml"), GitDependenciesTest.mkwProject("tree", "3.0", "\"x\""));
    Files.createDirectories(tree.resolve("tree"));
    Files.writeString(tree.resolve("tree/__init__.py"), "");

    Candidate candidate = metadata.direct(Requirement.parse("tree @ " + tree.toUri()));

    assertEquals(Version.parse("3.0"), candidate.version());
    assertEquals(List.of("x"), requires(metadata.dependencies(candidate)));
    assertEquals(Optional.of(tree.toUri()), candidate.directUrl().map(u -> u.resolve("./")));
  }

  @Test
  void anArchiveUrlIsBuiltAndItsFileAndHashAreOnTheCandidate() throws Exception {
    Dist sdist = SdistBuilder.sdist("arch", "2.5").requires("beta").build();
    index.add(sdist, T1);
    String url = index.simpleUrl().replace("/simple", "/files/") + sdist.filename();

    Candidate candidate = metadata.direct(Requirement.parse("arch @ " + url));

    assertEquals(Version.parse("2.5"), candidate.version());
    assertEquals(Optional.of(URI.create(url)), candidate.directUrl());
    IndexFile file = candidate.preferredFile().orElseThrow();
    assertEquals(sdist.filename(), file.fileName());
    assertEquals(Optional.of(sdist.sha256()), file.sha256());
    assertEquals(List.of("beta"), requires(metadata.dependencies(candidate)));
  }

  @Test
  void aBuildThatFailsIsOneLineNamingTheFile() throws Exception {
    Path broken = Files.createDirectories(shared.resolve("broken")).resolve("broken-1.0.tar.gz");
    Files.write(broken, new byte[] {1, 2, 3});

    ResolutionException e =
        assertThrows(ResolutionException.class, () -> metadata.build(file(broken), broken));

    assertTrue(e.getMessage().startsWith("cannot build the metadata of broken-1.0.tar.gz: "));
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }
}
