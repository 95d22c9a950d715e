package dev.mkwheels.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.mkwheels.python.index.IndexClient;
import dev.mkwheels.python.index.IndexFile;
import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.requirement.Requirement;
import dev.mkwheels.python.tags.Tag;
import dev.mkwheels.python.version.Version;
import dev.mkwheels.resolver.Downloader;
import dev.mkwheels.resolver.IndexCandidates;
import dev.mkwheels.resolver.MetadataBuilder;
import dev.mkwheels.resolver.Pin;
import dev.mkwheels.resolver.Resolution;
import dev.mkwheels.resolver.ResolutionException;
import dev.mkwheels.resolver.ResolveRequest;
import dev.mkwheels.resolver.Resolver;
import dev.mkwheels.resolver.Target;
import dev.mkwheels.resolver.Targets;
import dev.mkwheels.testkit.IsolatedPip;
import dev.mkwheels.testkit.LoopbackFetcher;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.PipDownload;
import dev.mkwheels.testkit.ResolverScenarios;
import dev.mkwheels.testkit.Scenario;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native resolver against real {@code pip download} (issue 12's proof): for every {@link
 * ResolverScenarios scenario}, served on a loopback index, the native resolution for the host
 * (Resolver, IndexCandidates, PipMetadata, Downloader, the target {@link HostTarget} reads) saves
 * exactly the files pip saves. pip's own answer is checked too, against what the scenario says pip
 * 23.2 does on CPython 3.11 on Linux x86_64, so that a scenario which stopped showing anything (a
 * file not served, a marker that holds everywhere) is seen. And one foreign target, where pip
 * judges a marker for the host and misses a dependency the native resolver keeps.
 */
class NativeResolverDifferentialIT {
  private static final String PYTHON = "python3";
  private static final Set<String> PEP_658 =
      Set.of(
          "backtracking", "extras, and extras of one project from two parents", "Requires-Python");
  private static final Set<String> HTML_ONLY = Set.of("yanked", "Requires-Python", "pre-releases");

  @TempDir static Path work;
  static Target host;

  @BeforeAll
  static void readHost() throws Exception {
    host = HostTarget.read(PYTHON, ChildEnvironment.of(IsolatedPip.environment()));
  }

  @TestFactory
  Stream<DynamicTest> theNativeResolverSavesWhatPipDownloadSaves() {
    // -Ddifferential.only=WORD runs the scenarios whose name has WORD, when one is being debugged.
    String only = System.getProperty("differential.only", "");
    List<Scenario> scenarios =
        ResolverScenarios.all(work.resolve("sources")).stream()
            .filter(s -> s.name().contains(only))
            .toList();
    Stream<DynamicTest> plain =
        scenarios.stream().map(s -> dynamicTest(s.name(), () -> compare(s, index -> {})));
    // The same trees through the index's other paths: PEP 658 metadata files (pip 23.2 reads them
    // too, so no wheel is downloaded for its metadata), and PEP 503 HTML only (yanked and
    // Requires-Python as escaped data- attributes).
    Stream<DynamicTest> pep658 =
        scenarios.stream()
            .filter(s -> PEP_658.contains(s.name()))
            .map(
                s ->
                    dynamicTest(
                        s.name() + ", PEP 658 metadata",
                        () -> compare(s, index -> index.coreMetadata(true))));
    Stream<DynamicTest> html =
        scenarios.stream()
            .filter(s -> HTML_ONLY.contains(s.name()))
            .map(
                s ->
                    dynamicTest(
                        s.name() + ", HTML only", () -> compare(s, index -> index.pep691(false))));
    return Stream.of(plain, pep658, html).flatMap(t -> t);
  }

  @Test
  void aForeignTargetGetsTheDependencyPipJudgesForTheHostAndMisses() throws Exception {
    Scenario scenario = ResolverScenarios.foreign();
    Path dir = Files.createDirectories(work.resolve("foreign"));
    try (PackageIndex index = PackageIndex.start()) {
      scenario.serve(index);
      SortedSet<String> pip =
          new PipDownload(PYTHON)
              .run(
                  scenario,
                  index.simpleUrl(),
                  dir.resolve("pip"),
                  "--platform",
                  "win_amd64",
                  "--python-version",
                  "3.12",
                  "--only-binary=:all:");
      // pip evaluates sys_platform == "win32" on this Linux host: winonly is missing.
      assertEquals(scenario.pipFiles(), pip, "what pip saves for win_amd64");
      SortedSet<String> ours =
          resolveAndDownload(
              scenario, index, Targets.parse("cp312-win_amd64"), true, dir.resolve("native"));
      assertEquals(
          new TreeSet<>(
              List.of("winapp-1.0-py3-none-any.whl", "winonly-1.0-cp312-cp312-win_amd64.whl")),
          ours,
          "what the native resolver saves for cp312-win_amd64");
    }
  }

  private void compare(Scenario scenario, Consumer<PackageIndex> variant) throws Exception {
    Path dir = Files.createTempDirectory(work, "scenario");
    try (PackageIndex index = PackageIndex.start()) {
      scenario.serve(index);
      variant.accept(index);
      if (scenario.fails()) {
        assertThrows(
            IllegalStateException.class,
            () -> new PipDownload(PYTHON).run(scenario, index.simpleUrl(), dir.resolve("pip")),
            "pip finds no solution");
        ResolutionException e =
            assertThrows(
                ResolutionException.class,
                () -> resolveAndDownload(scenario, index, host, false, dir),
                "the native resolver finds none either");
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return;
      }
      SortedSet<String> pip =
          new PipDownload(PYTHON).run(scenario, index.simpleUrl(), dir.resolve("pip"));
      if (isCpython311OnLinuxX8664(host)) {
        assertEquals(scenario.pipFiles(), pip, "pip itself no longer does what the scenario says");
      }
      SortedSet<String> ours = resolveAndDownload(scenario, index, host, false, dir);
      assertEquals(pip, ours, "the native resolver against pip download");
    }
  }

  /**
   * Resolves {@code scenario} for {@code target} and downloads the files, as the engine does: the
   * saved file names, with a git dependency as {@code NAME-VERSION.zip} as pip saves it, and a
   * local directory left out as pip leaves it.
   */
  private static SortedSet<String> resolveAndDownload(
      Scenario scenario, PackageIndex index, Target target, boolean onlyBinary, Path dir)
      throws Exception {
    LoopbackFetcher http = new LoopbackFetcher();
    Downloader downloader = new Downloader(http, Downloader.DEFAULT_PER_HOST, dir.resolve("cache"));
    IndexCandidates.Builder provider =
        IndexCandidates.builder(new IndexClient(http, Map.of("HOME", dir.toString())))
            .indexes(List.of(index.simpleUrl()))
            .onlyBinary(onlyBinary)
            .downloader(downloader);
    if (!onlyBinary) {
      provider.metadataBuilder(pipMetadata(index));
    }
    Map<ProjectName, Version> preferences = new HashMap<>();
    scenario
        .preferences()
        .forEach((name, version) -> preferences.put(ProjectName.of(name), Version.parse(version)));
    ResolveRequest request =
        new ResolveRequest(
            scenario.roots().stream().map(Requirement::parse).toList(),
            scenario.constraints().stream().map(Requirement::parse).toList(),
            preferences,
            false);
    Resolution resolution = new Resolver(provider.build()).resolve(request, target);
    SortedSet<String> saved = new TreeSet<>();
    List<IndexFile> files = new ArrayList<>();
    Map<String, String> direct = new TreeMap<>();
    for (Pin pin : resolution.pins()) {
      if (pin.candidate().directUrl().isPresent()) {
        URI url = pin.candidate().directUrl().get();
        direct.put(pin.name().toString(), pin.candidate().version().toString());
        if (url.getScheme().startsWith("git+")) {
          saved.add(pin.name() + "-" + pin.candidate().version() + ".zip");
        }
      } else {
        files.add(pin.file());
      }
    }
    assertEquals(scenario.directPins(), direct, "direct references");
    Path dest = dir.resolve("native");
    downloader.download(files, dest);
    try (Stream<Path> list = Files.list(dest)) {
      list.forEach(p -> saved.add(p.getFileName().toString()));
    }
    return saved;
  }

  private static MetadataBuilder pipMetadata(PackageIndex index) {
    PipRunner runner = new PipRunner(PYTHON, IsolatedPip.environment(), new RecordingConsole());
    return new PipMetadata(
        runner, new PipOptions(Optional.of(index.simpleUrl()), List.of(), List.of(), false));
  }

  private static boolean isCpython311OnLinuxX8664(Target target) {
    return target.environment().pythonVersion().equals("3.11")
        && target.environment().implementationName().equals("cpython")
        && target.environment().sysPlatform().equals("linux")
        && target.environment().platformMachine().equals("x86_64")
        && target.tags().contains(new Tag("cp311", "cp311", "manylinux_2_17_x86_64"));
  }
}
