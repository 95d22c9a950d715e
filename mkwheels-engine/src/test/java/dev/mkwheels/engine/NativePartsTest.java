package dev.mkwheels.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.api.Console;
import dev.mkwheels.pip.ChildEnvironment;
import dev.mkwheels.pip.GitPin;
import dev.mkwheels.pip.HostTarget;
import dev.mkwheels.pip.PipRunner;
import dev.mkwheels.python.requirement.Requirement;
import dev.mkwheels.python.tags.Tag;
import dev.mkwheels.resolver.Candidate;
import dev.mkwheels.resolver.ResolutionException;
import dev.mkwheels.resolver.Target;
import dev.mkwheels.testkit.BuildBackend;
import dev.mkwheels.testkit.GitRepo;
import dev.mkwheels.testkit.IsolatedPip;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.SdistBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native path's pieces that ask the interpreter: its own target, a source tree's and a git
 * dependency's metadata.
 */
class NativePartsTest {
  @TempDir Path temp;

  @Test
  void theHostTargetIsTheInterpretersOwnTagsAndMarkers() throws Exception {
    Target host = HostTarget.read("python3", ChildEnvironment.of(IsolatedPip.environment()));
    assertEquals("host", host.name());
    assertTrue(host.tags().contains(new Tag("py3", "none", "any")), "" + host.tags());
    assertTrue(host.tags().get(0).interpreter().startsWith("cp3"), "" + host.tags());
    assertEquals("3.11", host.environment().pythonVersion());
    assertEquals("linux", host.environment().sysPlatform());
  }

  @Test
  void aSourceTreesRequiresDistComeFromPipsReport() throws Exception {
    try (PackageIndex index = PackageIndex.start().add(BuildBackend.wheel(), Instant.EPOCH)) {
      Path sdist =
          SdistBuilder.sdist("omega", "1.2")
              .requires("alpha>=1", "beta; extra == 'fast'")
              .build()
              .writeTo(temp);
      Process tar =
          new ProcessBuilder("tar", "-xzf", sdist.toString(), "-C", temp.toString())
              .inheritIO()
              .start();
      assertEquals(0, tar.waitFor());
      Path tree = temp.resolve("omega-1.2");
      PipRunner pip = new PipRunner("python3", IsolatedPip.environment(), new Silent());
      PipReportMetadata metadata =
          new PipReportMetadata(
              pip, List.of("--index-url", index.simpleUrl()), Map.of("SOURCE_DATE_EPOCH", "0"));

      Candidate self = metadata.direct(Requirement.parse("omega @ " + tree.toUri()));

      assertEquals("omega", self.name().normalized());
      assertEquals("1.2", self.version().toString());
      assertEquals(
          List.of("alpha>=1", "beta; extra == \"fast\""),
          metadata.dependencies(self).requiresDist().stream().map(Requirement::toString).toList());
    }
  }

  @Test
  void aGitDependencyIsPinnedToTheCommitPipCheckedOutUnderTheNameAsWritten() throws Exception {
    try (PackageIndex index = PackageIndex.start().add(BuildBackend.wheel(), Instant.EPOCH)) {
      GitRepo repo =
          GitRepo.init(temp.resolve("GDep"))
              .write(
                  "pyproject.toml",
                  "[build-system]\nrequires = [\""
                      + BuildBackend.PROJECT
                      + "\"]\nbuild-backend = \""
                      + BuildBackend.MODULE
                      + "\"\n\n[project]\nname = \"gdep\"\nversion = \"0.5\"\n"
                      + "dependencies = [\"beta\"]\n")
              .write("gdep/__init__.py", "");
      repo.commit("0.5", Instant.EPOCH);
      repo.tag("v0.5");
      PipRunner pip = new PipRunner("python3", IsolatedPip.environment(), new Silent());
      PipReportMetadata metadata =
          new PipReportMetadata(
              pip, List.of("--index-url", index.simpleUrl()), Map.of("SOURCE_DATE_EPOCH", "0"));

      Candidate gdep = metadata.direct(Requirement.parse("GDep @ " + repo.pipUrl() + "@v0.5"));

      String url = repo.pipUrl().substring("git+".length());
      assertEquals(
          Optional.of(URI.create("git+" + url + "@" + repo.rev("v0.5"))), gdep.directUrl());
      assertEquals(
          Optional.of(new GitPin("GDep", "0.5", url, repo.rev("v0.5"), Optional.of("@v0.5"))),
          metadata.git(gdep),
          "pip names the archive GDep-0.5.zip, after the requirement");
      assertEquals(
          List.of("beta"),
          metadata.dependencies(gdep).requiresDist().stream().map(Requirement::toString).toList());
      assertSame(
          gdep,
          metadata.direct(Requirement.parse("GDep @ " + repo.pipUrl() + "@v0.5")),
          "another target's resolution asks again: pip clones it once");
    }
  }

  @Test
  void aDirectReferenceThatIsNeitherGitNorALocalDirectoryIsRefusedInOneLine() {
    PipReportMetadata metadata =
        new PipReportMetadata(
            new PipRunner("python3", Map.of(), new Silent()), List.of(), Map.of());
    ResolutionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ResolutionException.class,
            () ->
                metadata.direct(
                    Requirement.parse("lib @ https://u:secret@example.org/lib-1.0.tar.gz")));
    assertEquals(
        "lib @ https://****@example.org/lib-1.0.tar.gz: --resolver native takes no direct"
            + " reference but a git URL or a local directory; use --resolver pip",
        e.getMessage());
  }

  static final class Silent implements Console {
    @Override
    public void progress(String message) {}

    @Override
    public void warn(String message) {}

    @Override
    public void debug(String message) {}
  }
}
