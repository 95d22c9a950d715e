package dev.mkwheels.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.testkit.GitRepo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real git reading a commit's objects: what it lists, what it refuses, what it never fetches.
 */
class GitObjectsTest {
  static final Instant T = Instant.parse("2024-03-01T10:00:00Z");

  @TempDir Path temp;

  @Test
  void theTreeListsFilesLinksAndModesAndBlobsReadBackOneAfterAnother() throws Exception {
    GitRepo repo =
        GitRepo.init(temp.resolve("repo"))
            .write("a.txt", "a\n")
            .writeExecutable("bin/run", "#!/bin/sh\n");
    Files.createSymbolicLink(repo.directory().resolve("link"), Path.of("a.txt"));
    String commit = repo.commit("one", T);
    try (GitObjects objects = new GitObjects(repo.directory().resolve(".git"), scratch())) {
      List<GitZip.Entry> tree = objects.tree(commit);
      assertEquals(
          List.of("100644 a.txt", "100755 bin/run", "120000 link"),
          tree.stream().map(e -> Integer.toOctalString(e.mode()) + " " + e.path()).toList());
      for (int round = 0; round < 2; round++) {
        try (InputStream in = objects.open(tree.get(0).object())) {
          assertEquals('a', in.read(), "a blob read in part, then closed");
        }
        try (InputStream in = objects.open(tree.get(2).object())) {
          assertEquals(
              "a.txt",
              new String(in.readAllBytes(), StandardCharsets.UTF_8),
              "a link's blob is its text");
        }
      }
    }
  }

  @Test
  void aNameThatIsNotUtf8IsRefusedAndAMissingBlobIsAnErrorNotAFetch() throws Exception {
    GitRepo repo = GitRepo.init(temp.resolve("repo"));
    Path stream =
        Files.writeString(
            temp.resolve("stream"),
            "commit refs/heads/main\n"
                + "committer t <t@example.invalid> 0 +0000\ndata 0\nM 100644 inline \"bad\\377name\"\ndata 1\nx\n\n");
    GitZipRealGitFuzzTest.run(repo.directory(), "sh", "-c", "git fast-import --quiet < " + stream);
    try (GitObjects objects = new GitObjects(repo.directory().resolve(".git"), scratch())) {
      GitTreeException e =
          assertThrows(GitTreeException.class, () -> objects.tree(repo.rev("main")));
      assertEquals("'bad\ufffdname' has a name that is not UTF-8", e.getMessage());
    }
    GitRepo partial = GitRepo.init(temp.resolve("partial")).write("a.txt", "a\n");
    String commit = partial.commit("one", T);
    String blob = partial.git(Map.of(), "rev-parse", commit + ":a.txt").strip();
    // As in a partial clone whose blob was never fetched; the origin would serve it if asked.
    partial.git(Map.of(), "remote", "add", "origin", GitRepo.init(temp.resolve("origin")).url());
    partial.git(Map.of(), "config", "extensions.partialClone", "origin");
    partial.git(Map.of(), "config", "remote.origin.promisor", "true");
    Files.delete(
        partial
            .directory()
            .resolve(".git/objects/" + blob.substring(0, 2) + "/" + blob.substring(2)));
    try (GitObjects objects = new GitObjects(partial.directory().resolve(".git"), scratch())) {
      IOException e = assertThrows(IOException.class, () -> objects.open(blob).close());
      assertTrue(
          e.getMessage()
              .startsWith("the commit's object " + blob + " is not a blob this clone holds"),
          e.getMessage());
    }
  }

  /**
   * A {@code git} wrapper that starts a marker grandchild, records its pid and the environment it
   * got, runs the real git, then waits for the marker: closing GitObjects kills the wrapper with
   * everything it started, and none of the user's credentials reaches it.
   */
  @Test
  void closingKillsGitsWholeTreeAndNoCredentialReachesIt() throws Exception {
    GitRepo repo = GitRepo.init(temp.resolve("repo")).write("a.txt", "a\n");
    String commit = repo.commit("one", T);
    Path bin = Files.createDirectories(temp.resolve("bin"));
    String realGit =
        java.util.Arrays.stream(System.getenv("PATH").split(":"))
            .map(dir -> Path.of(dir, "git"))
            .filter(Files::isExecutable)
            .findFirst()
            .orElseThrow()
            .toString();
    Path marker = temp.resolve("marker.pid");
    Path env = temp.resolve("env.txt");
    Files.writeString(
        bin.resolve("git"),
        "#!/bin/sh\n"
            + "env > '"
            + env
            + "'\n"
            + "case \"$*\" in *cat-file*) ( sleep 300 & echo $! > '"
            + marker
            + ".tmp'; mv '"
            + marker
            + ".tmp' '"
            + marker
            + "'; wait ) & ;; esac\n"
            + "'"
            + realGit
            + "' \"$@\"\n"
            + "wait\n");
    Files.setPosixFilePermissions(
        bin.resolve("git"), java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    Map<String, String> user = Map.of("PATH", System.getenv("PATH"), "GITHUB_TOKEN", "secret");
    long pid;
    try (GitObjects objects =
        new GitObjects(
            repo.directory().resolve(".git"), scratch(), bin.resolve("git").toString(), user)) {
      List<GitZip.Entry> tree = objects.tree(commit);
      try (InputStream in = objects.open(tree.get(0).object())) {
        assertEquals("a\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      for (int i = 0; i < 250 && !Files.exists(marker); i++) {
        Thread.sleep(20);
      }
      pid = Long.parseLong(Files.readString(marker).strip());
      assertTrue(PipRunnerTest.running(pid), "the marker runs while git does");
    }
    assertFalse(PipRunnerTest.running(pid), "closing killed what git started");
    String seen = Files.readString(env);
    assertFalse(seen.contains("GITHUB_TOKEN") || seen.contains("secret"), seen);
    assertTrue(seen.contains("GIT_TERMINAL_PROMPT=0"), seen);
  }

  Path scratch() throws IOException {
    return Files.createTempDirectory(temp, "scratch");
  }
}
