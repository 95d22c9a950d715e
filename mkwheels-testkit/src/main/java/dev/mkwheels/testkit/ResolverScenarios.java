package dev.mkwheels.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The scenarios the native resolver is checked against real {@code pip download} with: each a small
 * index of real distributions ({@link WheelBuilder}, {@link SdistBuilder} built by {@link
 * BuildBackend}, {@link GitRepo}) and the requirements to resolve. Every scenario's {@link
 * Scenario#pipFiles} is what pip 23.2 saves on CPython 3.11, Linux x86_64; the differential test
 * checks that, and that the native resolver saves the same.
 */
public final class ResolverScenarios {
  private static final Instant EPOCH = Instant.parse("2024-01-02T03:04:05Z");

  private ResolverScenarios() {}

  /**
   * Every host scenario. Git repositories and source trees are made under {@code work} (a fresh
   * directory the caller deletes).
   */
  public static List<Scenario> all(Path work) {
    return List.of(
        backtracking(),
        extras(),
        markers(),
        preReleases(),
        yanked(),
        allYanked(),
        requiresPython(),
        staticSdist(),
        dynamicSdist(),
        gitDependency(work.resolve("gitpkg")),
        sourceTree(work.resolve("srcpkg")),
        constraint(),
        keptPin(),
        tags());
  }

  /**
   * The foreign-target scenario: {@code winapp} requires {@code winonly; sys_platform == "win32"}.
   * For {@code --platform win_amd64 --python-version 3.12 --only-binary=:all:} pip evaluates the
   * marker for the host (Linux) and misses {@code winonly}; {@link #pipFiles} says so.
   */
  public static Scenario foreign() {
    Files f = new Files();
    f.wheel(WheelBuilder.wheel("winapp", "1.0").requires("winonly; sys_platform == \"win32\""));
    f.wheel(WheelBuilder.wheel("winonly", "1.0").tag("cp312-cp312-win_amd64"));
    f.wheel(WheelBuilder.wheel("winonly", "1.0").tag("cp312-cp312-manylinux_2_17_x86_64"));
    return scenario("foreign target: a marker pip judges for the host", f, List.of("winapp"))
        .pipFiles("winapp-1.0-py3-none-any.whl")
        .build();
  }

  /** The newest {@code a} needs {@code b<1}, which {@code c} cannot take: back to an older a. */
  static Scenario backtracking() {
    Files f = new Files();
    f.wheel(WheelBuilder.wheel("a", "1.0").requires("b>=1"));
    f.wheel(WheelBuilder.wheel("a", "2.0").requires("b<1"));
    f.wheel(WheelBuilder.wheel("b", "0.9"));
    f.wheel(WheelBuilder.wheel("b", "1.0"));
    f.wheel(WheelBuilder.wheel("b", "1.1"));
    f.wheel(WheelBuilder.wheel("c", "1.0").requires("b>=1"));
    return scenario("backtracking", f, List.of("a", "c"))
        .pipFiles("a-1.0-py3-none-any.whl", "b-1.1-py3-none-any.whl", "c-1.0-py3-none-any.whl")
        .build();
  }

  /** A root's extra, and two parents asking different extras of one project: they accumulate. */
  static Scenario extras() {
    Files f = new Files();
    f.wheel(
        WheelBuilder.wheel("app", "1.0")
            .extras("fast", "slow")
            .requires("core[json]", "speedup; extra == \"fast\"", "slowdown; extra == \"slow\""));
    f.wheel(WheelBuilder.wheel("tool", "1.0").requires("core[yaml]>=1"));
    f.wheel(
        WheelBuilder.wheel("core", "1.0")
            .extras("json", "yaml", "xml")
            .requires(
                "jsonlib; extra == \"json\"",
                "yamllib; extra == \"yaml\"",
                "xmllib; extra == \"xml\""));
    for (String name : List.of("speedup", "slowdown", "jsonlib", "yamllib", "xmllib")) {
      f.wheel(WheelBuilder.wheel(name, "1.0"));
    }
    return scenario(
            "extras, and extras of one project from two parents", f, List.of("app[fast]", "tool"))
        .pipFiles(
            "app-1.0-py3-none-any.whl",
            "core-1.0-py3-none-any.whl",
            "jsonlib-1.0-py3-none-any.whl",
            "speedup-1.0-py3-none-any.whl",
            "tool-1.0-py3-none-any.whl",
            "yamllib-1.0-py3-none-any.whl")
        .build();
  }

  /** Dependencies behind markers: only the one for Linux and Python 3.11 is taken. */
  static Scenario markers() {
    Files f = new Files();
    f.wheel(
        WheelBuilder.wheel("mapp", "1.0")
            .requires(
                "backport; python_version < \"3.10\"",
                "winonly; sys_platform == \"win32\"",
                "linuxdep; sys_platform == \"linux\" and python_full_version >= \"3.8\"",
                "newpy; python_version >= \"3.11\""));
    for (String name : List.of("backport", "winonly", "linuxdep", "newpy")) {
      f.wheel(WheelBuilder.wheel(name, "1.0"));
    }
    return scenario("markers", f, List.of("mapp"))
        .pipFiles(
            "linuxdep-1.0-py3-none-any.whl",
            "mapp-1.0-py3-none-any.whl",
            "newpy-1.0-py3-none-any.whl")
        .build();
  }

  /**
   * Only pre-releases exist (taken); a specifier naming a pre-release (pre-releases allowed); a
   * newer pre-release beside an older final (the final).
   */
  static Scenario preReleases() {
    Files f = new Files();
    f.wheel(WheelBuilder.wheel("onlypre", "1.0a1"));
    f.wheel(WheelBuilder.wheel("onlypre", "1.0b2"));
    f.wheel(WheelBuilder.wheel("named", "1.5"));
    f.wheel(WheelBuilder.wheel("named", "2.0rc1"));
    f.wheel(WheelBuilder.wheel("named", "2.0rc2"));
    f.wheel(WheelBuilder.wheel("mixed", "1.0"));
    f.wheel(WheelBuilder.wheel("mixed", "2.0b1"));
    f.wheel(WheelBuilder.wheel("predep", "1.0").requires("mixed>=0.5"));
    return scenario("pre-releases", f, List.of("onlypre", "named>=2.0rc1", "predep"))
        .pipFiles(
            "mixed-1.0-py3-none-any.whl",
            "named-2.0rc2-py3-none-any.whl",
            "onlypre-1.0b2-py3-none-any.whl",
            "predep-1.0-py3-none-any.whl")
        .build();
  }

  /**
   * The latest yanked (skipped); {@code ==} to a yanked one (taken); {@code ==2.*} is no pin (the
   * yanked 2.1 skipped).
   */
  static Scenario yanked() {
    Files f = new Files();
    f.wheel(WheelBuilder.wheel("yk", "1.0"));
    f.add(WheelBuilder.wheel("yk", "1.1").build(), file -> file.yank("broken"));
    f.wheel(WheelBuilder.wheel("ypin", "2.0"));
    f.add(WheelBuilder.wheel("ypin", "2.1").build(), file -> file.yank("broken"));
    f.wheel(WheelBuilder.wheel("ywild", "2.0"));
    f.add(WheelBuilder.wheel("ywild", "2.1").build(), file -> file.yank(""));
    return scenario("yanked", f, List.of("yk", "ypin==2.1", "ywild==2.*"))
        .pipFiles(
            "yk-1.0-py3-none-any.whl", "ypin-2.1-py3-none-any.whl", "ywild-2.0-py3-none-any.whl")
        .build();
  }

  /**
   * Every version yanked and the requirement pins none: pip 23.2 finds nothing (it takes a yanked
   * version only when every one that fits is yanked and {@code ==} or {@code ===} pins it).
   */
  static Scenario allYanked() {
    Files f = new Files();
    f.add(WheelBuilder.wheel("allyanked", "1.0").build(), file -> file.yank(""));
    f.add(WheelBuilder.wheel("allyanked", "1.1").build(), file -> file.yank("oops"));
    f.wheel(WheelBuilder.wheel("yuser", "1.0").requires("allyanked>=1"));
    return scenario("every version yanked, none pinned", f, List.of("yuser")).fails().build();
  }

  /**
   * The newest version needs a newer Python than 3.11: said by the index ({@code
   * data-requires-python}) for one project, only by the wheel's metadata for the other.
   */
  static Scenario requiresPython() {
    Files f = new Files();
    f.wheel(WheelBuilder.wheel("rpfile", "1.0").requiresPython(">=3.8"));
    f.add(
        WheelBuilder.wheel("rpfile", "2.0").requiresPython(">=3.12").build(),
        file -> file.indexRequiresPython(">=3.12"));
    f.wheel(WheelBuilder.wheel("rpmeta", "1.0"));
    f.wheel(WheelBuilder.wheel("rpmeta", "2.0").requiresPython(">=3.12"));
    return scenario("Requires-Python", f, List.of("rpfile", "rpmeta"))
        .pipFiles("rpfile-1.0-py3-none-any.whl", "rpmeta-1.0-py3-none-any.whl")
        .build();
  }

  /** An sdist whose PKG-INFO (Metadata-Version 2.2, nothing dynamic) gives its dependencies. */
  static Scenario staticSdist() {
    Files f = new Files().backend();
    f.add(
        SdistBuilder.sdist("staticpkg", "1.0").requires("sdep>=1").pkgInfo("2.2").build(),
        file -> file);
    f.wheel(WheelBuilder.wheel("sdep", "1.0"));
    f.wheel(WheelBuilder.wheel("sdep", "2.0").requiresPython(">=3.12"));
    return scenario("an sdist with static metadata", f, List.of("staticpkg"))
        .pipFiles("sdep-1.0-py3-none-any.whl", "staticpkg-1.0.tar.gz")
        .build();
  }

  /**
   * Sdists whose dependencies only a build tells: one declares {@code Dynamic: Requires-Dist} and
   * lists a stale one in PKG-INFO, one is Metadata-Version 2.1 (not to be trusted).
   */
  static Scenario dynamicSdist() {
    Files f = new Files().backend();
    Dist dynamic = SdistBuilder.sdist("dynpkg", "1.0").requires("fresh").build();
    f.add(
        SdistPkgInfo.withPkgInfo(
            dynamic,
            "Metadata-Version: 2.2\nName: dynpkg\nVersion: 1.0\nDynamic: Requires-Dist\n"
                + "Requires-Dist: stale\n"),
        file -> file);
    Dist old = SdistBuilder.sdist("oldpkg", "1.0").requires("fresh2").build();
    f.add(
        SdistPkgInfo.withPkgInfo(
            old, "Metadata-Version: 2.1\nName: oldpkg\nVersion: 1.0\nRequires-Dist: stale\n"),
        file -> file);
    for (String name : List.of("fresh", "fresh2", "stale")) {
      f.wheel(WheelBuilder.wheel(name, "1.0"));
    }
    return scenario("sdists with dynamic metadata, built", f, List.of("dynpkg", "oldpkg"))
        .pipFiles(
            "dynpkg-1.0.tar.gz",
            "fresh-1.0-py3-none-any.whl",
            "fresh2-1.0-py3-none-any.whl",
            "oldpkg-1.0.tar.gz")
        .build();
  }

  /** {@code gitpkg @ git+file://...@v1.0}: the tag, not the newer commit on main. */
  static Scenario gitDependency(Path directory) {
    GitRepo repo = GitRepo.init(directory);
    writeProject(repo::write, "gitpkg", "1.0", "gdep>=1");
    repo.commit("1.0", EPOCH);
    repo.tag("v1.0");
    writeProject(repo::write, "gitpkg", "1.1", "gdep>=2");
    repo.commit("1.1", EPOCH.plus(Duration.ofDays(1)));
    Files f = new Files().backend();
    f.wheel(WheelBuilder.wheel("gdep", "1.0"));
    f.wheel(WheelBuilder.wheel("gdep", "2.0"));
    f.wheel(WheelBuilder.wheel("app2", "1.0").requires("gdep<2"));
    return scenario(
            "a git dependency at a tag", f, List.of("gitpkg @ " + repo.pipUrl() + "@v1.0", "app2"))
        .pipFiles("app2-1.0-py3-none-any.whl", "gdep-1.0-py3-none-any.whl", "gitpkg-1.0.zip")
        .direct("gitpkg", "1.0")
        .build();
  }

  /** A source tree (a directory with a pyproject.toml) as the root. */
  static Scenario sourceTree(Path directory) {
    writeProject((path, text) -> write(directory.resolve(path), text), "srcpkg", "3.0", "tdep");
    Files f = new Files().backend();
    f.wheel(WheelBuilder.wheel("tdep", "1.0"));
    f.wheel(WheelBuilder.wheel("tdep", "1.1"));
    return scenario("a source tree", f, List.of("srcpkg @ " + directory.toAbsolutePath().toUri()))
        .pipFiles("tdep-1.1-py3-none-any.whl")
        .direct("srcpkg", "3.0")
        .build();
  }

  /** A constraint narrows a required project and does not add the one nothing requires. */
  static Scenario constraint() {
    Files f = new Files();
    f.wheel(WheelBuilder.wheel("capp", "1.0").requires("cdep"));
    f.wheel(WheelBuilder.wheel("cdep", "1.0"));
    f.wheel(WheelBuilder.wheel("cdep", "1.5"));
    f.wheel(WheelBuilder.wheel("cdep", "2.0"));
    f.wheel(WheelBuilder.wheel("unasked", "1.0"));
    return scenario("a constraint", f, List.of("capp"))
        .constraints("cdep<2", "unasked==1.0")
        .pipFiles("capp-1.0-py3-none-any.whl", "cdep-1.5-py3-none-any.whl")
        .build();
  }

  /**
   * A kept pin that fits ({@code kp} 1.0, though 2.0 exists) and one that does not ({@code kq} 1.0
   * against {@code kq>=2}: dropped). pip is given {@code kp==1.0} instead.
   */
  static Scenario keptPin() {
    Files f = new Files();
    f.wheel(WheelBuilder.wheel("kp", "1.0"));
    f.wheel(WheelBuilder.wheel("kp", "2.0"));
    f.wheel(WheelBuilder.wheel("kq", "1.0"));
    f.wheel(WheelBuilder.wheel("kq", "2.0"));
    f.wheel(WheelBuilder.wheel("kq", "2.1"));
    return scenario("kept pins", f, List.of("kp", "kq>=2"))
        .preferences(Map.of("kp", "1.0", "kq", "1.0"))
        .pipRoots("kp==1.0", "kq>=2")
        .pipFiles("kp-1.0-py3-none-any.whl", "kq-2.1-py3-none-any.whl")
        .build();
  }

  /** Wheels with several tags: the interpreter's own, abi3, pure, and ones it cannot use. */
  static Scenario tags() {
    Files f = new Files();
    for (String tag :
        List.of(
            "py3-none-any",
            "cp311-abi3-manylinux_2_17_x86_64",
            "cp311-cp311-manylinux_2_17_x86_64",
            "cp312-cp312-manylinux_2_17_x86_64",
            "cp311-cp311-win_amd64")) {
      f.wheel(WheelBuilder.wheel("tagged", "1.0").tag(tag));
    }
    for (String tag : List.of("py3-none-any", "cp37-abi3-manylinux2014_x86_64")) {
      f.wheel(WheelBuilder.wheel("abionly", "1.0").tag(tag));
    }
    for (String tag :
        List.of("py3-none-any", "cp312-cp312-manylinux_2_17_x86_64", "cp311-cp311-win_amd64")) {
      f.wheel(WheelBuilder.wheel("pureonly", "1.0").tag(tag));
    }
    f.wheel(WheelBuilder.wheel("newglibc", "1.0"));
    f.wheel(WheelBuilder.wheel("newglibc", "2.0").tag("cp311-cp311-manylinux_2_99_x86_64"));
    return scenario("wheel tags", f, List.of("tagged", "abionly", "pureonly", "newglibc"))
        .pipFiles(
            "abionly-1.0-cp37-abi3-manylinux2014_x86_64.whl",
            "newglibc-1.0-py3-none-any.whl",
            "pureonly-1.0-py3-none-any.whl",
            "tagged-1.0-cp311-cp311-manylinux_2_17_x86_64.whl")
        .build();
  }

  /** A pyproject.toml project {@link BuildBackend} builds, with one module. */
  private static void writeProject(
      BiConsumer<String, String> repo, String name, String version, String dependency) {
    repo.accept(
        "pyproject.toml",
        "[build-system]\nrequires = [\""
            + BuildBackend.PROJECT
            + "\"]\nbuild-backend = \""
            + BuildBackend.MODULE
            + "\"\n\n[project]\nname = \""
            + name
            + "\"\nversion = \""
            + version
            + "\"\ndependencies = [\""
            + dependency
            + "\"]\n");
    repo.accept(name + "/__init__.py", "VERSION = '" + version + "'\n");
  }

  private static void write(Path file, String text) {
    try {
      java.nio.file.Files.createDirectories(file.getParent());
      java.nio.file.Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Builder scenario(String name, Files files, List<String> roots) {
    return new Builder(name, files.list, roots);
  }

  /** The files of a scenario, each uploaded a minute after the one before. */
  private static final class Files {
    private final List<ScenarioFile> list = new ArrayList<>();

    Files backend() {
      return add(BuildBackend.wheel(), file -> file);
    }

    Files wheel(WheelBuilder wheel) {
      return add(wheel.build(), file -> file);
    }

    Files add(Dist dist, java.util.function.UnaryOperator<ScenarioFile> shape) {
      Instant uploaded = EPOCH.plus(Duration.ofMinutes(list.size()));
      list.add(shape.apply(ScenarioFile.of(dist, uploaded)));
      return this;
    }
  }

  private static final class Builder {
    private final String name;
    private final List<ScenarioFile> files;
    private final List<String> roots;
    private List<String> constraints = List.of();
    private Map<String, String> preferences = Map.of();
    private List<String> pipRoots;
    private Set<String> pipFiles = Set.of();
    private boolean fails;
    private final Map<String, String> direct = new java.util.TreeMap<>();

    Builder(String name, List<ScenarioFile> files, List<String> roots) {
      this.name = name;
      this.files = files;
      this.roots = roots;
      this.pipRoots = roots;
    }

    Builder constraints(String... lines) {
      constraints = List.of(lines);
      return this;
    }

    Builder preferences(Map<String, String> kept) {
      preferences = kept;
      return this;
    }

    Builder pipRoots(String... requirements) {
      pipRoots = List.of(requirements);
      return this;
    }

    Builder pipFiles(String... names) {
      pipFiles = Set.of(names);
      return this;
    }

    Builder fails() {
      fails = true;
      return this;
    }

    Builder direct(String project, String version) {
      direct.put(project, version);
      return this;
    }

    Scenario build() {
      return new Scenario(
          name,
          files,
          roots,
          constraints,
          preferences,
          pipRoots,
          new java.util.TreeSet<>(pipFiles),
          fails,
          direct);
    }
  }
}
