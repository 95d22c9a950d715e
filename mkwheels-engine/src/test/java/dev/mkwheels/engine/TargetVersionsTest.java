package dev.mkwheels.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.pip.GitArchive;
import dev.mkwheels.python.index.IndexFile;
import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.version.Version;
import dev.mkwheels.resolver.Candidate;
import dev.mkwheels.resolver.Pin;
import dev.mkwheels.resolver.Resolution;
import dev.mkwheels.resolver.Target;
import dev.mkwheels.resolver.Targets;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Targets whose trees pin different versions of a project: each version under its markers. */
class TargetVersionsTest {
  static final Target OLD = Targets.parse("cp39-manylinux_2_28_x86_64");
  static final Target NEW = Targets.parse("cp313-manylinux_2_28_x86_64");
  static final Target WIN = Targets.parse("cp313-win_amd64");

  @Test
  void eachVersionIsMarkedForTheTargetsThatPinItAndASharedOneIsNot() throws Exception {
    Resolution old =
        tree(OLD, "numpy", "1.26.4", "numpy-1.26.4-cp39-cp39-manylinux_2_28_x86_64.whl");
    Resolution fresh =
        tree(NEW, "numpy", "2.1.0", "numpy-2.1.0-cp313-cp313-manylinux_2_28_x86_64.whl");
    Resolution win = tree(WIN, "numpy", "2.1.0", "numpy-2.1.0-cp313-cp313-win_amd64.whl");

    Map<String, String> markers =
        NativeVendor.markers(List.of(old, fresh, win), List.of(OLD, NEW, WIN));

    assertEquals(
        Map.of(
            "numpy-1.26.4-cp39-cp39-manylinux_2_28_x86_64.whl",
            TargetMarkers.of(OLD),
            "numpy-2.1.0-cp313-cp313-manylinux_2_28_x86_64.whl",
            TargetMarkers.any(List.of(TargetMarkers.of(NEW), TargetMarkers.of(WIN))),
            "numpy-2.1.0-cp313-cp313-win_amd64.whl",
            TargetMarkers.any(List.of(TargetMarkers.of(NEW), TargetMarkers.of(WIN))),
            "six-1.16.0-py2.py3-none-any.whl",
            TargetMarkers.any(List.of(TargetMarkers.of(NEW), TargetMarkers.of(WIN)))),
        markers);
    assertTrue(TargetMarkers.of(OLD).contains("python_version == \"3.9\""), TargetMarkers.of(OLD));
    // One version every target pins needs no marker, whichever file each takes.
    Map<String, String> same = NativeVendor.markers(List.of(fresh, win), List.of(NEW, WIN));
    assertEquals(Map.of(), same);
  }

  @Test
  void targetsThatMarkersCannotTellApartMustAgreeOnEveryVersion() {
    Target older = Targets.parse("cp313-manylinux_2_17_x86_64");
    Resolution a = tree(NEW, "numpy", "2.1.0", "numpy-2.1.0-cp313-cp313-manylinux_2_28_x86_64.whl");
    Resolution b =
        tree(older, "numpy", "2.0.0", "numpy-2.0.0-cp313-cp313-manylinux_2_17_x86_64.whl");

    MkwheelsException e =
        assertThrows(
            MkwheelsException.class,
            () -> NativeVendor.markers(List.of(a, b), List.of(NEW, older)));

    assertTrue(e.getMessage().contains("numpy (2.0.0 and 2.1.0)"), e.getMessage());
    assertTrue(e.getMessage().contains("the same environment markers"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }

  @Test
  void aGitDependencyOnlySomeTargetsPinIsMarkedUnderItsArchivesFinalName() throws Exception {
    String source = "git+https://git.example/gdep.git@" + "a".repeat(40);
    Pin six = pin("six", "1.16.0", "six-1.16.0-py2.py3-none-any.whl");
    Resolution old = new Resolution(OLD, List.of(six, gitPin("gdep", "0.5", source)));
    Resolution fresh = new Resolution(NEW, List.of(six));
    // The archive was renamed: it builds offline as 0.5.post1.
    GitArchive archive =
        new GitArchive(
            Path.of("wheels", "gdep-0.5.post1.zip"),
            "gdep",
            "0.5.post1",
            "https://git.example/gdep.git",
            "a".repeat(40),
            Optional.of("the default branch"),
            Optional.of("0.5"));

    Map<String, String> markers =
        NativeVendor.markers(List.of(old, fresh), List.of(OLD, NEW), List.of(archive));

    assertEquals(Map.of("gdep-0.5.post1.zip", TargetMarkers.of(OLD)), markers);
  }

  @Test
  void severalTargetsArePylocksEnvironmentsSortedOnceEachAndOneTargetHasNone() {
    Target older = Targets.parse("cp313-manylinux_2_17_x86_64");

    assertEquals(
        new java.util.TreeSet<>(
                List.of(TargetMarkers.of(OLD), TargetMarkers.of(NEW), TargetMarkers.of(WIN)))
            .stream().toList(),
        NativePath.environments(List.of(WIN, OLD, NEW, older)));
    assertEquals(List.of(), NativePath.environments(List.of(WIN)));
  }

  private static Pin gitPin(String project, String version, String source) {
    Candidate candidate =
        new Candidate(
            ProjectName.of(project),
            Version.parse(version),
            List.of(),
            false,
            Optional.of(URI.create(source)));
    IndexFile file = IndexFile.of("gdep.git@" + "a".repeat(40), URI.create(source));
    return new Pin(candidate, file, Set.of(), List.of());
  }

  /** A tree with {@code project==version} from {@code file}, and six for the newer targets. */
  private static Resolution tree(Target target, String project, String version, String file) {
    List<Pin> pins = new ArrayList<>();
    pins.add(pin(project, version, file));
    if (target != OLD) {
      pins.add(pin("six", "1.16.0", "six-1.16.0-py2.py3-none-any.whl"));
    }
    return new Resolution(target, pins);
  }

  private static Pin pin(String project, String version, String fileName) {
    IndexFile file =
        IndexFile.of(
            fileName, URI.create("https://files.example/" + fileName), Map.of("sha256", "00"));
    Candidate candidate =
        new Candidate(
            ProjectName.of(project),
            Version.parse(version),
            List.of(file),
            false,
            Optional.empty());
    return new Pin(candidate, file, Set.of(), List.of());
  }
}
