package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.testkit.BuildBackend;
import dev.mkwheels.testkit.GitRepo;
import dev.mkwheels.testkit.GithubServer;
import dev.mkwheels.testkit.IsolatedPip;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.VcsBackend;
import dev.mkwheels.testkit.WheelBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mkwheels --gh} run as a user runs it (the packaged CLI in a fresh JVM, real pip, real git)
 * on a NetExec-shaped project: released as {@code v1.2.3} while the user passes {@code --ver
 * 1.2.3}, with PyPI dependencies and two git dependencies (one pinned to an annotated tag and built
 * by a backend from the index; one unpinned whose version carries its commit while it has a {@code
 * .git}, as impacket's does). The tarball is then installed offline by README.md's recipe.
 */
class GhModeIT {
  static final String REPO = "Acme/NetTool";
  static final Instant T1 = Instant.parse("2024-05-01T10:00:00Z");
  static final Instant T2 = Instant.parse("2024-05-02T10:00:00Z");
  static final Instant PUBLISHED = Instant.parse("2024-05-03T12:34:56Z");

  @TempDir static Path shared;
  static PackageIndex index;
  static GithubServer github;
  static GitRepo project;
  static GitRepo gdep;
  static GitRepo impish;

  @TempDir Path temp;

  @BeforeAll
  static void publish() throws IOException {
    index =
        PackageIndex.start()
            .add(BuildBackend.wheel(), T1)
            .add(WheelBuilder.wheel("alpha", "1.0").requires("beta").build(), T1)
            .add(WheelBuilder.wheel("beta", "1.0").build(), T1);
    gdep =
        GitRepo.init(shared.resolve("repos/gdep"))
            .write("pyproject.toml", pyproject("gdep", "0.5", "\"beta\""))
            .write("gdep/__init__.py", "VERSION = '0.5'\n");
    gdep.commit("0.5", T1);
    gdep.annotatedTag("v0.5", T1);
    gdep.write("gdep/__init__.py", "VERSION = 'after'\n").commit("after 0.5", T2);
    impish = GitRepo.init(shared.resolve("repos/impish"));
    VcsBackend.LOCAL_COMMIT.writeTo(impish, "impish", "0.13.0.dev0", List.of()).commit("dev", T1);

    project =
        GitRepo.init(shared.resolve("repos/NetTool"))
            .write(
                "pyproject.toml",
                pyproject(
                    "nettool",
                    "1.2.3",
                    String.join(
                        ", ",
                        "\"alpha\"",
                        "\"gdep @ " + gdep.pipUrl() + "@v0.5\"",
                        "\"impish @ " + impish.pipUrl() + "\"")))
            .write("nettool/__init__.py", "import alpha, gdep, impish\n");
    project.commit("1.2.3", T2);
    project.annotatedTag("v1.2.3", T2);
    github = GithubServer.start().publish(project, REPO, "v1.2.3", Optional.of(PUBLISHED));
  }

  @AfterAll
  static void stop() {
    index.close();
    github.close();
  }

  static String pyproject(String name, String version, String dependencies) {
    return "[build-system]\nrequires = [\""
        + BuildBackend.PROJECT
        + "\"]\nbuild-backend = \""
        + BuildBackend.MODULE
        + "\"\n\n[project]\nname = \""
        + name
        + "\"\nversion = \""
        + version
        + "\"\ndependencies = ["
        + dependencies
        + "]\n";
  }

  static String[] gh(Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--gh",
                "--repo",
                REPO,
                "--ver",
                "1.2.3",
                "--github-api-url",
                github.apiUrl(),
                "--github-url",
                github.url(),
                "--index-url",
                index.simpleUrl(),
                "--output-dir",
                out.toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void aProjectWithTwoGitDependenciesVendorsByteIdenticallyAndInstallsOfflineByTheReadmeRecipe()
      throws Exception {
    Path tmpdir = Files.createDirectory(temp.resolve("tmp"));
    Path out1 = Files.createDirectory(temp.resolve("out1"));
    Path out2 = Files.createDirectory(temp.resolve("out2"));
    CliProcess.Result first =
        CliProcess.run(
            temp, tmpdir, Map.of("TMPDIR", tmpdir.toString()), Optional.empty(), gh(out1));
    assertEquals(0, first.code(), first.err());
    CliProcess.Result second =
        CliProcess.run(
            temp,
            tmpdir,
            Map.of("TMPDIR", tmpdir.toString(), "TZ", "Pacific/Kiritimati", "LC_ALL", "C"),
            Optional.of("077"),
            gh(out2, "--verify"));
    assertEquals(0, second.code(), second.err());
    Path tarball = out1.resolve("nettool-wheels-1.2.3.tar.gz");
    assertArrayEquals(
        Files.readAllBytes(tarball),
        Files.readAllBytes(out2.resolve("nettool-wheels-1.2.3.tar.gz")),
        "byte-identical under another umask and time zone");
    String verified =
        "verify: installed offline into a fresh venv of python3, the project from its source tree by the"
            + " README recipe (--no-index --require-hashes)\n";
    assertTrue(second.out().endsWith(verified), "--verify runs the recipe: " + second.out());
    assertEquals(
        first.out().replace(out1.toString(), "OUT"),
        second.out().replace(out2.toString(), "OUT").replace(verified, ""));
    assertEquals(List.of(), list(tmpdir), "no work directory, no pip temporary files left");
    // mkwheels' resolver: the git dependencies written from their commits by real git are the
    // archives written from pip's clones, so the tarball is the pip path's, byte for byte.
    Path out3 = Files.createDirectory(temp.resolve("out3"));
    CliProcess.Result natively =
        CliProcess.run(
            temp,
            tmpdir,
            Map.of("TMPDIR", tmpdir.toString()),
            Optional.empty(),
            gh(out3, "--resolver", "native"));
    assertEquals(0, natively.code(), natively.err());
    assertTrue(natively.out().contains("\nresolver: native\n"), natively.out());
    assertArrayEquals(
        Files.readAllBytes(tarball),
        Files.readAllBytes(out3.resolve("nettool-wheels-1.2.3.tar.gz")),
        "--resolver native vendors the pip path's tarball: " + natively.out());
    for (String field : List.of("git-dependency: ", "git-archives: ", "hashes: ", "built: ")) {
      assertEquals(
          first.out().lines().filter(l -> l.startsWith(field)).toList(),
          natively.out().lines().filter(l -> l.startsWith(field)).toList(),
          field);
    }
    assertEquals(List.of(), list(tmpdir), "no work directory, no clone left");

    String gdepCommit = gdep.rev("v0.5");
    String impishCommit = impish.rev("main");
    List<String> lines = first.out().lines().toList();
    assertTrue(lines.contains("epoch: " + PUBLISHED.getEpochSecond()), first.out());
    assertTrue(
        lines.contains("distributions: 5"),
        "alpha, beta, gdep, impish, mkw-backend, and nothing of nettool: " + first.out());
    assertTrue(
        lines.contains(
            "git-dependency: gdep 0.5: " + gdep.pipUrl() + "@" + gdepCommit + " (asked for @v0.5)"),
        first.out());
    assertTrue(
        lines.contains(
            "git-archives: every archive builds offline from the vendored files alone, as the"
                + " version requirements.txt pins"),
        first.out());
    assertTrue(
        lines.contains(
            "hashes: 3 of 5 files match the index's sha256; 2 written by mkwheels from git clones"
                + " (on no index)"),
        first.out());

    Path unpacked = Files.createDirectory(temp.resolve("unpacked"));
    run(unpacked, "tar", "-xzf", tarball.toString());
    Path wheels = unpacked.resolve("nettool-wheels-1.2.3");
    String requirements =
        Files.readString(wheels.resolve("requirements.txt"), StandardCharsets.UTF_8);
    assertTrue(
        requirements.contains(
            "\n# git dependency gdep 0.5: "
                + gdep.pipUrl()
                + "@"
                + gdepCommit
                + " (asked for @v0.5)\n"),
        requirements);
    assertTrue(
        requirements.contains(
            "\n# git dependency impish 0.13.0.dev0: "
                + impish.pipUrl()
                + "@"
                + impishCommit
                + " (asked for the default branch); pip saw version 0.13.0.dev0+g"
                + impishCommit.substring(0, 7)),
        requirements);
    assertTrue(requirements.contains("\ngdep==0.5 \\\n    --hash=sha256:"), requirements);
    assertTrue(requirements.contains("\nimpish==0.13.0.dev0 \\\n    --hash=sha256:"), requirements);
    assertTrue(
        requirements.contains("\nmkw-backend==1.0 \\\n"),
        "the project's build backend: " + requirements);

    rebuildFromTheIndexAndTheGitCommits(tarball, wheels, tmpdir, gdepCommit);

    // What a SlackBuild downloads beside the tarball: the release's source archive.
    Path archive = temp.resolve("NetTool-1.2.3.tar.gz");
    Files.write(archive, project.githubArchive("NetTool", "v1.2.3"));
    // Offline: the git repositories are gone, and pip gets no index.
    Files.move(shared.resolve("repos"), shared.resolve("repos-gone"));
    try {
      installOfflineByTheRecipe(wheels, archive);
    } finally {
      Files.move(shared.resolve("repos-gone"), shared.resolve("repos"));
    }
  }

  /**
   * Issue 14, "Anyone can rebuild it": the git dependencies' archives are on no index, so rebuild
   * clones each recorded commit and writes its archive again; the tarball comes out identical. A
   * copy whose gdep archive was tampered with (and its lock made to match) is named.
   */
  void rebuildFromTheIndexAndTheGitCommits(
      Path tarball, Path wheels, Path tmpdir, String gdepCommit) throws Exception {
    String pylock = Files.readString(wheels.resolve("pylock.toml"), StandardCharsets.UTF_8);
    assertTrue(
        pylock.contains(
            "\n[packages.archive]\npath = \"./gdep-0.5.zip\"\n"
                + "size = "
                + Files.size(wheels.resolve("gdep-0.5.zip"))
                + "\nhashes = {sha256 = \""
                + sha256(Files.readAllBytes(wheels.resolve("gdep-0.5.zip")))
                + "\"}\n\n[packages.tool.mkwheels.vcs]\ntype = \"git\"\nurl = \""
                + gdep.pipUrl().substring("git+".length())
                + "\"\ncommit-id = \""
                + gdepCommit
                + "\"\n"),
        pylock);
    CliProcess.Result rebuilt = CliProcess.run(temp, tmpdir, "rebuild", tarball.toString());
    assertEquals(0, rebuilt.code(), rebuilt.out() + rebuilt.err());
    assertTrue(rebuilt.out().contains("files: 5\n"), rebuilt.out());
    assertTrue(rebuilt.out().contains("result: identical\n"), rebuilt.out());
    assertTrue(
        rebuilt.err().contains("writing gdep-0.5.zip again from git "),
        "progress: " + rebuilt.err());
    assertEquals(List.of(), list(tmpdir), "rebuild leaves no clone and no work directory");

    // A copy with one byte of gdep's archive changed, its lock changed to match.
    Path copy = Files.createDirectory(temp.resolve("copy"));
    run(copy, "tar", "-xzf", tarball.toString());
    Path top = copy.resolve("nettool-wheels-1.2.3");
    byte[] zip = Files.readAllBytes(top.resolve("gdep-0.5.zip"));
    String locked = sha256(zip);
    zip[zip.length / 2] ^= 0x20;
    Files.write(top.resolve("gdep-0.5.zip"), zip);
    Files.writeString(
        top.resolve("pylock.toml"),
        Files.readString(top.resolve("pylock.toml")).replace(locked, sha256(zip)));
    Path tampered = temp.resolve("nettool-wheels-1.2.3.tar.gz");
    run(copy, "tar", "-czf", tampered.toString(), "nettool-wheels-1.2.3");
    CliProcess.Result differs = CliProcess.run(temp, tmpdir, "rebuild", tampered.toString());
    assertEquals(1, differs.code(), differs.out() + differs.err());
    assertTrue(differs.out().contains("result: differs\n"), differs.out());
    assertTrue(
        differs.out().contains("difference: gdep-0.5.zip from git "), "names it: " + differs.out());
    assertTrue(differs.out().contains("pylock.toml locks " + sha256(zip)), differs.out());
    assertEquals(List.of(), list(tmpdir));
  }

  static String sha256(byte[] bytes) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /** README.md, "Installing a --gh tarball offline", step by step. */
  void installOfflineByTheRecipe(Path wheels, Path archive) throws Exception {
    Path source = Files.createDirectory(temp.resolve("source"));
    run(source, "tar", "-xzf", archive.toString());
    Path tree = source.resolve("NetTool-1.2.3");
    Path venv = temp.resolve("venv");
    run(temp, "python3", "-m", "venv", venv.toString());
    String python = venv.resolve("bin/python").toString();

    run(
        temp,
        python,
        "-m",
        "pip",
        "install",
        "--no-index",
        "--find-links",
        wheels.toString(),
        "--require-hashes",
        "-r",
        wheels.resolve("requirements.txt").toString());
    Shell cloning =
        Shell.run(
            temp,
            python,
            "-m",
            "pip",
            "install",
            "--no-index",
            "--find-links",
            wheels.toString(),
            tree.toString());
    assertNotEquals(
        0,
        cloning.code(),
        "without --no-deps pip clones the git dependencies: " + cloning.output());
    assertTrue(cloning.output().contains("git clone"), cloning.output());

    run(
        temp,
        python,
        "-m",
        "pip",
        "install",
        "--no-index",
        "--find-links",
        wheels.toString(),
        "--no-deps",
        tree.toString());
    run(temp, python, "-c", "import nettool");
    run(temp, python, "-m", "pip", "check");
    run(temp, python, "-m", "pip", "uninstall", "--yes", "nettool");
    run(
        temp,
        python,
        "-m",
        "pip",
        "install",
        "--no-index",
        "--no-deps",
        "--no-build-isolation",
        tree.toString());
    run(temp, python, "-c", "import nettool");
  }

  @Test
  void aGitDependencyThatCannotBuildOfflineFailsInOneLineAndLeavesNoTarballAndNoTemporaryFiles()
      throws Exception {
    GitRepo gonly = GitRepo.init(temp.resolve("repos/gonly"));
    String commit = VcsBackend.GIT_ONLY.writeTo(gonly, "gonly", "3.0", List.of()).commit("3.0", T1);
    GitRepo broken =
        GitRepo.init(temp.resolve("repos/Broken"))
            .write(
                "pyproject.toml",
                pyproject(
                    "broken",
                    "2.0.0",
                    "\"gdep @ " + gdep.pipUrl() + "@v0.5\", \"gonly @ " + gonly.pipUrl() + "\""))
            .write("broken/__init__.py", "");
    broken.commit("2.0.0", T2);
    broken.tag("2.0.0");
    github.publish(broken, "Acme/Broken", "2.0.0", Optional.of(PUBLISHED));
    Path tmpdir = Files.createDirectory(temp.resolve("tmp"));
    Path out = Files.createDirectory(temp.resolve("out"));
    CliProcess.Result result =
        CliProcess.run(
            temp,
            tmpdir,
            Map.of("TMPDIR", tmpdir.toString()),
            Optional.empty(),
            "--gh",
            "--quiet",
            "--repo",
            "Acme/Broken",
            "--ver",
            "v2.0.0",
            "--github-api-url",
            github.apiUrl(),
            "--github-url",
            github.url(),
            "--index-url",
            index.simpleUrl(),
            "--output-dir",
            out.toString());
    assertEquals(1, result.code(), result.err());
    assertEquals("", result.out());
    assertEquals(1, result.err().lines().count(), result.err());
    assertTrue(
        result
            .err()
            .startsWith(
                "mkwheels: git dependency gonly ("
                    + gonly.pipUrl()
                    + "@"
                    + commit
                    + ") does not build offline from the vendored files (pip: "),
        result.err());
    assertEquals(List.of(), list(out), "no tarball");
    assertEquals(List.of(), list(tmpdir), "no work directory, no pip temporary files left");
  }

  static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  record Shell(int code, String output) {
    static Shell run(Path directory, String... command) throws Exception {
      ProcessBuilder builder =
          new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
      builder.environment().clear();
      builder.environment().putAll(IsolatedPip.environment());
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(180, TimeUnit.SECONDS), String.join(" ", command));
      return new Shell(process.exitValue(), output);
    }
  }

  static void run(Path directory, String... command) throws Exception {
    Shell result = Shell.run(directory, command);
    assertEquals(0, result.code(), String.join(" ", command) + "\n" + result.output());
  }
}
