package dev.mkwheels.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.api.Console;
import dev.mkwheels.pip.ChildEnvironment;
import dev.mkwheels.pip.HostTarget;
import dev.mkwheels.pip.PipRunner;
import dev.mkwheels.python.requirement.Requirement;
import dev.mkwheels.python.tags.Tag;
import dev.mkwheels.resolver.Candidate;
import dev.mkwheels.resolver.ResolutionException;
import dev.mkwheels.resolver.Target;
import dev.mkwheels.testkit.BuildBackend;
import dev.mkwheels.testkit.IsolatedPip;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.SdistBuilder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native path's pieces that ask the interpreter: its own target, a source tree's metadata. */
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
  void aDirectReferenceThatIsNoLocalDirectoryIsRefusedInOneLine() {
    PipReportMetadata metadata =
        new PipReportMetadata(
            new PipRunner("python3", Map.of(), new Silent()), List.of(), Map.of());
    ResolutionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ResolutionException.class,
            () -> metadata.direct(Requirement.parse("lib @ git+https://example.org/lib.git")));
    assertTrue(e.getMessage().contains("use --resolver pip"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
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
