package dev.mkwheels.pip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.api.InstallTarget;
import dev.mkwheels.python.index.IndexClient;
import dev.mkwheels.testkit.BuildBackend;
import dev.mkwheels.testkit.Dist;
import dev.mkwheels.testkit.GitRepo;
import dev.mkwheels.testkit.IsolatedPip;
import dev.mkwheels.testkit.LoopbackFetcher;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.VcsBackend;
import dev.mkwheels.testkit.WheelBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Git dependencies end to end through {@link TreeVendor}, with real pip cloning real git
 * repositories over {@code git+file://}: one project whose dependencies are pinned to an annotated
 * tag, unpinned, and pinned to a commit, vendored once for the whole class. The interpreter is
 * python3, or {@code MKWHEELS_TEST_PYTHON}.
 */
class GitDependenciesTest {
  static final String PYTHON = TreeVendorTest.PYTHON;
  static final long EPOCH = 1_717_000_000L;
  static final Instant T1 = Instant.parse("2024-03-01T10:00:00Z");
  static final Instant T2 = Instant.parse("2024-04-01T10:00:00Z");
  static final Instant AFTER_EPOCH = Instant.ofEpochSecond(EPOCH + 1);

  /** A file on the index with a git dependency's name and other bytes: it must not be compared. */
  static final Dist IMPOSTOR =
      new Dist("gdep", "0.5", "gdep-0.5.zip", "not the archive".getBytes(StandardCharsets.UTF_8));

  @TempDir static Path shared;
  static PackageIndex index;
  static RecordingConsole console = new RecordingConsole();
  static GitRepo gdep;
  static GitRepo gscm;
  static GitRepo impish;
  static String impishCommit;
  static Path project;
  static VendorResult result;

  @BeforeAll
  static void vendorAProjectWithThreeGitDependencies() throws Exception {
    index =
        PackageIndex.start()
            .add(BuildBackend.wheel(), T1)
            .add(WheelBuilder.wheel("alpha", "1.0").requires("beta").build(), T1)
            .add(WheelBuilder.wheel("beta", "1.0").build(), T1)
            .add(WheelBuilder.wheel("beta", "2.0").build(), AFTER_EPOCH)
            .add(WheelBuilder.wheel("gbuild", "1.0").build(), T1)
            .add(IMPOSTOR, T1);
    gdep =
        GitRepo.init(shared.resolve("repos/gdep"))
            .write("pyproject.toml", mkwProject("gdep", "0.5", "\"beta\"", "gbuild"))
            .write("gdep/__init__.py", "VERSION = '0.5'\n")
            .writeExecutable("gdep/tool.py", "#!/usr/bin/env python3\n");
    gdep.commit("0.5", T1);
    gdep.annotatedTag("v0.5", T1);
    gdep.write("gdep/__init__.py", "VERSION = 'next'\n").commit("after 0.5", T2);
    gscm = GitRepo.init(shared.resolve("repos/gscm"));
    VcsBackend.TAG_OR_PKG_INFO.writeTo(gscm, "gscm", "", List.of()).commit("2.0", T1);
    gscm.tag("v2.0").write("gscm/extra.py", "").commit("after 2.0", T2);
    impish = GitRepo.init(shared.resolve("repos/impish"));
    impishCommit =
        VcsBackend.LOCAL_COMMIT
            .writeTo(impish, "impish", "0.13.0.dev0", List.of())
            .commit("dev", T1);
    project = Files.createDirectories(shared.resolve("project"));
    Files.writeString(
        project.resolve("pyproject.toml"),
        mkwProject(
            "proj",
            "1.0",
            String.join(
                ", ",
                "\"alpha\"",
                "\"gdep @ " + gdep.pipUrl() + "@v0.5\"",
                "\"gscm @ " + gscm.pipUrl() + "\"",
                "\"impish @ " + impish.pipUrl() + "@" + impishCommit + "\"")));
    result = vendor(runner(PYTHON, Map.of()), shared.resolve("first"));
  }

  @AfterAll
  static void stop() {
    index.close();
  }

  static String mkwProject(
      String name, String version, String dependencies, String... buildRequires) {
    StringBuilder requires = new StringBuilder("\"" + BuildBackend.PROJECT + "\"");
    for (String requirement : buildRequires) {
      requires.append(", \"").append(requirement).append('"');
    }
    return "[build-system]\nrequires = ["
        + requires
        + "]\nbuild-backend = \""
        + BuildBackend.MODULE
        + "\"\n\n[project]\nname = \""
        + name
        + "\"\nversion = \""
        + version
        + "\"\ndependencies = ["
        + dependencies
        + "]\n";
  }

  static PipRunner runner(String python, Map<String, String> env) {
    Map<String, String> environment = new TreeMap<>(IsolatedPip.environment());
    environment.putAll(env);
    return new PipRunner(python, environment, console);
  }

  static VendorResult vendor(PipRunner runner, Path work) throws Exception {
    PipOptions options =
        new PipOptions(Optional.of(index.simpleUrl()), List.of(), List.of(), false);
    try {
      return new TreeVendor(runner, console)
          .vendor(
              new VendorRequest(
                  new InstallTarget.SourceTree(project),
                  work.resolve("dist"),
                  options,
                  TargetOptions.HOST,
                  Optional.of(Instant.ofEpochSecond(EPOCH)),
                  false,
                  Map.of(),
                  EPOCH));
    } catch (PipException e) {
      console.debug.forEach(System.err::println);
      throw e;
    }
  }

  static GitArchive archive(VendorResult vendored, String project) {
    return vendored.gitArchives().stream()
        .filter(a -> a.project().equals(project))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theTreeIsVendoredWithEveryGitDependencyAsAnArchiveAndTheCutoffWherePipHasOne()
      throws Exception {
    // beta 2.0 was uploaded after the epoch: a pip with --uploaded-prior-to leaves it out.
    String beta = runner(PYTHON, Map.of()).version().supportsUploadedPriorTo() ? "1.0" : "2.0";
    assertEquals(
        List.of(
            "alpha-1.0-py3-none-any.whl",
            "beta-" + beta + "-py3-none-any.whl",
            "gbuild-1.0-py3-none-any.whl",
            "gdep-0.5.zip",
            "gscm-2.0.zip",
            "impish-0.13.0.dev0.zip",
            "mkw_backend-1.0-py3-none-any.whl"),
        result.files().stream().map(p -> p.getFileName().toString()).toList());
    assertEquals(
        List.of("gdep", "gscm", "impish"),
        result.gitArchives().stream().map(GitArchive::project).toList());
  }

  @Test
  void eachGitDependencyRecordsTheCommitPipCheckedOutAndTheRevisionAsked() {
    GitArchive pinnedToTag = archive(result, "gdep");
    assertEquals(gdep.rev("v0.5"), pinnedToTag.commit(), "the tag's commit");
    assertNotEquals(
        gdep.git(Map.of(), "rev-parse", "v0.5").strip(),
        pinnedToTag.commit(),
        "not the annotated tag's own object, which pip's 'Resolved ... to commit' line prints");
    assertNotEquals(gdep.rev("main"), pinnedToTag.commit());
    assertEquals(Optional.of("@v0.5"), pinnedToTag.requested());
    assertEquals(gdep.pipUrl().substring("git+".length()), pinnedToTag.url());

    GitArchive unpinned = archive(result, "gscm");
    assertEquals(gscm.rev("main"), unpinned.commit(), "what the default branch held");
    assertEquals(Optional.of("the default branch"), unpinned.requested());

    GitArchive pinnedToCommit = archive(result, "impish");
    assertEquals(impishCommit, pinnedToCommit.commit());
    assertEquals(Optional.of("@" + impishCommit), pinnedToCommit.requested());
    assertEquals(
        "git dependency gdep 0.5: " + gdep.pipUrl() + "@" + gdep.rev("v0.5") + " (asked for @v0.5)",
        pinnedToTag.note());
  }

  /**
   * Another resolver's pins: each archive written from a clone of its commit is the one written
   * from pip's clone, byte for byte, under the same name, with the same record.
   */
  @Test
  void theArchivesWrittenFromTheCommitsArePipsByteForByte() throws Exception {
    Path directory = Files.createDirectories(shared.resolve("from-commits/dist"));
    List<GitPin> pins = new ArrayList<>();
    for (GitArchive archive : result.gitArchives()) {
      String name = archive.file().getFileName().toString();
      String stem =
          name.substring(0, name.length() - archive.version().length() - ".zip".length() - 1);
      pins.add(
          new GitPin(
              stem, archive.version(), archive.url(), archive.commit(), archive.requested()));
    }
    TreeVendor.GitVendored written =
        new TreeVendor(runner(PYTHON, Map.of()), console)
            .vendorGitDependencies(
                directory,
                pins,
                EPOCH,
                new GitSourceZip(IsolatedPip.environment()),
                Optional.empty());

    assertEquals(
        result.gitArchives().stream().map(a -> a.file().getFileName().toString()).toList(),
        written.archives().stream().map(a -> a.file().getFileName().toString()).toList());
    for (GitArchive archive : result.gitArchives()) {
      assertArrayEquals(
          Files.readAllBytes(archive.file()),
          Files.readAllBytes(directory.resolve(archive.file().getFileName())),
          archive.project());
    }
    for (String project : List.of("gdep", "gscm")) {
      assertEquals(
          archive(result, project).note(),
          written.archives().stream()
              .filter(a -> a.project().equals(project))
              .findFirst()
              .orElseThrow()
              .note());
    }
    assertEquals("not checked: they cannot be built for another platform here", written.check());
    try (Stream<Path> left = Files.list(directory.getParent())) {
      assertEquals(List.of(directory), left.toList(), "no clone left beside the directory");
    }
  }

  @Test
  void aCommitThatCannotBeClonedFailsInOneLineNamingTheDependencyAndLeavesNothing()
      throws Exception {
    Path directory = Files.createDirectories(shared.resolve("unclonable/dist"));
    String url = shared.resolve("repos/nowhere").toUri().toString();
    String commit = "0123456789abcdef0123456789abcdef01234567";
    PipException e =
        assertThrows(
            PipException.class,
            () ->
                new TreeVendor(runner(PYTHON, Map.of()), console)
                    .vendorGitDependencies(
                        directory,
                        List.of(new GitPin("nowhere", "1.0", url, commit, Optional.empty())),
                        EPOCH,
                        new GitSourceZip(IsolatedPip.environment()),
                        Optional.empty()));
    assertTrue(
        e.getMessage()
            .startsWith(
                "git dependency nowhere (git+" + url + "@" + commit + "): git clone failed: "),
        e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    try (Stream<Path> left = Files.walk(directory.getParent())) {
      assertEquals(List.of(directory.getParent(), directory), left.sorted().toList());
    }
  }

  @Test
  void anArchiveHoldsTheTreeWithoutGitSortedStoredAtTheEpochWithFixedModes() throws Exception {
    try (ZipFile zip = ZipFile.builder().setPath(archive(result, "gdep").file()).get()) {
      List<ZipArchiveEntry> entries = Collections.list(zip.getEntries());
      List<String> names = entries.stream().map(ZipArchiveEntry::getName).toList();
      assertEquals(
          List.of(
              "gdep/PKG-INFO", "gdep/gdep/__init__.py", "gdep/gdep/tool.py", "gdep/pyproject.toml"),
          names);
      for (ZipArchiveEntry entry : entries) {
        assertEquals(ZipArchiveEntry.STORED, entry.getMethod(), entry.getName());
        assertEquals(
            entry.getName().endsWith("tool.py") ? 0100755 : 0100644,
            entry.getUnixMode(),
            entry.getName());
        assertEquals(0, entry.getExtra().length, "no extra fields: " + entry.getName());
      }
      assertEquals(
          "Metadata-Version: 2.1\nName: gdep\nVersion: 0.5\n",
          new String(
              zip.getInputStream(zip.getEntry("gdep/PKG-INFO")).readAllBytes(),
              StandardCharsets.UTF_8));
    }
    // The JDK's reader gives the stored date and time fields as they are, whatever the time zone.
    try (java.util.zip.ZipFile zip =
        new java.util.zip.ZipFile(archive(result, "gdep").file().toFile())) {
      LocalDateTime epoch = LocalDateTime.ofEpochSecond(EPOCH, 0, ZoneOffset.UTC);
      for (java.util.zip.ZipEntry entry : Collections.list(zip.entries())) {
        assertEquals(epoch, entry.getTimeLocal(), entry.getName());
      }
    }
  }

  @Test
  void anArchiveThatBuildsAsAnotherVersionWithoutGitIsPinnedAtThatVersion() throws Exception {
    GitArchive renamed = archive(result, "impish");
    String withGit = "0.13.0.dev0+g" + impish.git(Map.of(), "rev-parse", "--short", "HEAD").strip();
    assertEquals("0.13.0.dev0", renamed.version());
    assertEquals(Optional.of(withGit), renamed.versionWithGit());
    assertEquals("impish-0.13.0.dev0.zip", renamed.file().getFileName().toString());
    assertTrue(
        renamed
            .note()
            .endsWith(
                "; pip saw version "
                    + withGit
                    + " in the clone, without .git it builds as"
                    + " 0.13.0.dev0"),
        renamed.note());
    try (ZipFile zip = ZipFile.builder().setPath(renamed.file()).get()) {
      assertEquals(
          "Metadata-Version: 2.1\nName: impish\nVersion: 0.13.0.dev0\n",
          new String(
              zip.getInputStream(zip.getEntry("impish/PKG-INFO")).readAllBytes(),
              StandardCharsets.UTF_8));
    }
  }

  @Test
  void aVersionPluginFindsTheVersionInTheAddedPkgInfoSoEveryArchiveBuildsOffline() {
    assertEquals(Optional.empty(), archive(result, "gscm").versionWithGit());
    assertEquals("2.0", archive(result, "gscm").version());
    assertEquals(
        "every archive builds offline from the vendored files alone, as the version requirements.txt pins",
        result.gitCheck());
    assertEquals(
        2,
        result.buildBackends(),
        "mkw-backend for the project and gdep, gbuild for gdep alone; the others"
            + " build in-tree");
  }

  @Test
  void theHashCheckHashesGitArchivesWithoutComparingThemToAnIndex() throws Exception {
    List<Path> archives = result.gitArchives().stream().map(GitArchive::file).toList();
    HashVerifier verifier = new HashVerifier(new IndexClient(new LoopbackFetcher()), console);
    HashReport report = verifier.verify(result.files(), List.of(index.simpleUrl()), archives);
    assertEquals(
        List.of("gdep-0.5.zip", "gscm-2.0.zip", "impish-0.13.0.dev0.zip"), report.madeHere());
    assertEquals(4, report.checked(), "alpha, beta, gbuild, mkw-backend");
    assertEquals(List.of(), report.unchecked());
    assertEquals(HashVerifier.sha256(archives.get(0)), report.sha256().get("gdep-0.5.zip"));
    assertTrue(
        report.describe().endsWith("; 3 written by mkwheels from git clones (on no index)"),
        report.describe());
    assertThrows(
        HashMismatchException.class,
        () -> verifier.verify(result.files(), List.of(index.simpleUrl())),
        "the index's gdep-0.5.zip is another file");
  }

  @Test
  void anotherUmaskAndTimeZoneWriteByteIdenticalArchives() throws Exception {
    Path wrapper = shared.resolve("python-umask-077");
    Files.writeString(wrapper, "#!/bin/sh\numask 077\nexec " + PYTHON + " \"$@\"\n");
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
    VendorResult again =
        vendor(
            runner(wrapper.toString(), Map.of("TZ", "Pacific/Kiritimati")),
            shared.resolve("second"));
    assertEquals(result.gitArchives().size(), again.gitArchives().size());
    for (int i = 0; i < result.gitArchives().size(); i++) {
      Path first = result.gitArchives().get(i).file();
      Path second = again.gitArchives().get(i).file();
      assertEquals(first.getFileName(), second.getFileName());
      assertArrayEquals(
          Files.readAllBytes(first), Files.readAllBytes(second), first.getFileName().toString());
      assertEquals(result.gitArchives().get(i).note(), again.gitArchives().get(i).note());
    }
  }

  @Test
  void aGitDependencyThatDoesNotBuildWithoutGitFailsNamingItAndLeavesNoClones() throws Exception {
    GitRepo gonly = GitRepo.init(shared.resolve("repos/gonly"));
    String commit = VcsBackend.GIT_ONLY.writeTo(gonly, "gonly", "3.0", List.of()).commit("3.0", T1);
    Path other = Files.createDirectories(shared.resolve("other"));
    Files.writeString(
        other.resolve("pyproject.toml"),
        mkwProject("other", "1.0", "\"gonly @ " + gonly.pipUrl() + "\""));
    Path work = Files.createDirectories(shared.resolve("failing"));
    PipOptions options =
        new PipOptions(Optional.of(index.simpleUrl()), List.of(), List.of(), false);
    PipException e =
        assertThrows(
            PipException.class,
            () ->
                new TreeVendor(runner(PYTHON, Map.of()), console)
                    .vendor(
                        new VendorRequest(
                            new InstallTarget.SourceTree(other),
                            work.resolve("dist"),
                            options,
                            TargetOptions.HOST,
                            Optional.empty(),
                            false,
                            Map.of(),
                            EPOCH)));
    assertTrue(
        e.getMessage()
            .startsWith(
                "git dependency gonly ("
                    + gonly.pipUrl()
                    + "@"
                    + commit
                    + ") does not build offline from the vendored files (pip: "),
        e.getMessage());
    assertTrue(
        e.getMessage()
            .endsWith("; the build said: RuntimeError: gonly: no .git to read the version from)"),
        e.getMessage());
    assertEquals(List.of("dist"), list(work), "pip's clones kept aside are gone");
  }

  @Test
  void aGitDependencyWithALinkToAFileOutsideItsTreeIsRefusedAndTheFileIsVendoredNowhere()
      throws Exception {
    String secret = "the-secret-5f3a9c-never-in-a-zip";
    Path outside = Files.writeString(shared.resolve("secret.txt"), secret + "\n");
    GitRepo evil = GitRepo.init(shared.resolve("repos/evil"));
    VcsBackend.LOCAL_COMMIT.writeTo(evil, "evil", "1.0", List.of());
    Files.createSymbolicLink(evil.directory().resolve("evil/key.txt"), outside);
    String commit = evil.commit("1.0", T1);
    Path other = Files.createDirectories(shared.resolve("evil-project"));
    Files.writeString(
        other.resolve("pyproject.toml"),
        mkwProject("other", "1.0", "\"evil @ " + evil.pipUrl() + "\""));
    Path work = Files.createDirectories(shared.resolve("evil-work"));
    PipOptions options =
        new PipOptions(Optional.of(index.simpleUrl()), List.of(), List.of(), false);
    PipException e =
        assertThrows(
            PipException.class,
            () ->
                new TreeVendor(runner(PYTHON, Map.of()), console)
                    .vendor(
                        new VendorRequest(
                            new InstallTarget.SourceTree(other),
                            work.resolve("dist"),
                            options,
                            TargetOptions.HOST,
                            Optional.empty(),
                            false,
                            Map.of(),
                            EPOCH)));
    assertEquals(
        "git dependency evil ("
            + evil.pipUrl()
            + "@"
            + commit
            + "): 'evil/key.txt' is a symbolic link to '"
            + outside
            + "', outside the repository; mkwheels vendors nothing from outside it",
        e.getMessage());
    assertEquals(List.of("dist"), list(work), "pip's clones kept aside are gone");
    try (Stream<Path> files = Files.walk(work)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertFalse(
            file.getFileName().toString().endsWith(".zip"), "no archive of evil is left: " + file);
        assertFalse(
            new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(secret),
            file.toString());
      }
    }
  }

  static List<String> list(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return new ArrayList<>(files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }
}
