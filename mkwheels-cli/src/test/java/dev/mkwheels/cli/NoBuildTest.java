package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.testkit.BuildBackend;
import dev.mkwheels.testkit.GitRepo;
import dev.mkwheels.testkit.IsolatedPip;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.SdistBuilder;
import dev.mkwheels.testkit.WheelBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The summary names every project whose build code ran, and {@code --no-build} vendors wheels only:
 * an sdist or a git dependency in the tree is refused in one line naming it. Real pip, a loopback
 * index, a real git repository.
 */
class NoBuildTest {
  static final Instant UPLOADED = Instant.parse("2024-01-01T00:00:00Z");
  static PackageIndex index;
  static GitRepo gdep;
  @TempDir static Path shared;

  @TempDir Path out;

  @BeforeAll
  static void serve() throws IOException {
    gdep =
        GitRepo.init(shared.resolve("repos/gdep"))
            .write(
                "pyproject.toml",
                "[build-system]\nrequires = [\""
                    + BuildBackend.PROJECT
                    + "\"]\nbuild-backend = \""
                    + BuildBackend.MODULE
                    + "\"\n\n[project]\nname = \"gdep\"\nversion = \"0.5\"\n")
            .write("gdep/__init__.py", "");
    gdep.commit("0.5", UPLOADED);
    index =
        PackageIndex.start()
            .add(BuildBackend.wheel(), UPLOADED)
            .add(WheelBuilder.wheel("alpha", "1.0").requires("beta").build(), UPLOADED)
            .add(SdistBuilder.sdist("beta", "1.0").build(), UPLOADED)
            .add(WheelBuilder.wheel("wheelonly", "1.0").build(), UPLOADED)
            .add(
                WheelBuilder.wheel("gapp", "1.0").requires("gdep @ " + gdep.pipUrl()).build(),
                UPLOADED);
  }

  @AfterAll
  static void stop() {
    index.close();
  }

  MainTest.Result pypi(String name, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--pypi",
                "--quiet",
                "--output-dir",
                out.toString(),
                "--index-url",
                index.simpleUrl(),
                "--pypi-url",
                index.jsonApiUrl(),
                "--epoch",
                "1",
                "--name",
                name,
                "--ver",
                "1.0"));
    args.addAll(List.of(more));
    return MainTest.run(IsolatedPip.environment(), args.toArray(String[]::new));
  }

  void assertRefused(MainTest.Result result, String expected) throws IOException {
    assertEquals(1, result.code(), result.err());
    assertEquals("", result.out());
    assertEquals(List.of("mkwheels: " + expected), result.err().lines().toList());
    try (Stream<Path> left = Files.list(out)) {
      assertEquals(List.of(), left.toList(), "nothing written");
    }
  }

  @Test
  void theSummaryNamesTheSdistWhoseBuildCodeRan() {
    MainTest.Result result = pypi("alpha");
    assertEquals(0, result.code(), result.err());
    assertTrue(result.out().contains("\nbuilt: beta 1.0 (sdist)\n"), result.out());
  }

  @Test
  void aTreeOfWheelsSaysNoBuildCodeRanAndPassesNoBuild() {
    MainTest.Result result = pypi("wheelonly", "--no-build");
    assertEquals(0, result.code(), result.err());
    assertTrue(
        result.out().contains("\nbuilt: nothing: every file is a wheel, no build code ran\n"),
        result.out());
  }

  @Test
  void noBuildRefusesAnSdistNamingIt() throws IOException {
    assertRefused(
        pypi("alpha", "--no-build"),
        "pip download failed: No matching distribution found for beta"
            + " (from alpha) (from versions: none); --no-build takes wheels only, and no file may need a build");
  }

  @Test
  void noBuildRefusesAGitDependencyBeforeItIsCloned() throws IOException {
    assertRefused(
        pypi("gapp", "--no-build"),
        "--no-build refuses the git dependency "
            + gdep.pipUrl().substring("git+".length())
            + ": it only installs by running its build code");
  }

  @Test
  void noBuildRefusesAGitDependencyBeforeItIsClonedOnTheNativeResolverToo() throws IOException {
    assertRefused(
        pypi("gapp", "--no-build", "--resolver", "native"),
        "--no-build refuses the git dependency "
            + gdep.pipUrl().substring("git+".length())
            + ": it only installs by running its build code");
  }
}
