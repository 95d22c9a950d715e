package dev.mkwheels.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.testkit.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A git dependency's archive made again from its origin with the real git: the same bytes the
 * vendoring wrote from pip's clone (GitZipGoldenTest's constant), and one line naming the URL when
 * the clone or the commit is not there.
 */
class GitSourceZipTest {
  @TempDir Path temp;

  GitRepo gold() throws Exception {
    GitRepo repo =
        GitRepo.init(temp.resolve("gold"))
            .write("pyproject.toml", "[project]\nname = \"gold\"\nversion = \"1.0\"\n")
            .write("gold/__init__.py", "VERSION = '1.0'\n")
            .write("gold/data/ünïcode.txt", "ü\n")
            .write("empty.txt", "")
            .writeExecutable("bin/tool", "#!/bin/sh\necho tool\n")
            .write("README.md", "# gold\n");
    PipLikeClone.link(repo, "docs/README.md", "../README.md");
    repo.commit("gold 1.0", Instant.parse("2024-03-01T10:00:00Z"));
    return repo;
  }

  @Test
  void aCloneOfTheRecordedCommitGivesTheGoldenArchive() throws Exception {
    GitRepo repo = gold();
    String commit = repo.rev("HEAD");
    // A later commit on the branch: the archive is the recorded commit's, not the branch's.
    repo.write("README.md", "# moved on\n").commit("later", Instant.parse("2024-04-01T10:00:00Z"));
    Path target = temp.resolve("gold-1.0.zip");
    new GitSourceZip(System.getenv())
        .write(
            repo.url(),
            commit,
            "gold",
            "1.0",
            GitZipGoldenTest.EPOCH,
            target,
            Files.createDirectory(temp.resolve("work")));
    assertEquals(
        "4c54e065b678d01adbee01856c220ec0b5b1db48ffee427b5a14d5351cf6ce05",
        HashVerifier.sha256(target));
    assertFalse(Files.exists(temp.resolve("gold-1.0.zip.tmp")));
    assertFalse(
        Files.exists(temp.resolve("work/repository.git")),
        "the bare clone goes as soon as the archive is written");
  }

  @Test
  void aRepositoryThatIsNotThereFailsInOneLineNamingTheUrl() throws Exception {
    String url = temp.resolve("gone").toUri().toString();
    PipException e =
        assertThrows(
            PipException.class,
            () ->
                new GitSourceZip(System.getenv())
                    .write(
                        url,
                        "0".repeat(40),
                        "gone",
                        "1.0",
                        0,
                        temp.resolve("gone-1.0.zip"),
                        Files.createDirectory(temp.resolve("work"))));
    assertTrue(e.getMessage().startsWith("git clone failed: '"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    assertFalse(Files.exists(temp.resolve("gone-1.0.zip")));
  }

  @Test
  void aCommitTheRepositoryDoesNotHoldFailsInOneLineNamingIt() throws Exception {
    GitRepo repo = gold();
    String missing = "1234567890".repeat(4);
    PipException e =
        assertThrows(
            PipException.class,
            () ->
                new GitSourceZip(System.getenv())
                    .write(
                        repo.url(),
                        missing,
                        "gold",
                        "1.0",
                        0,
                        temp.resolve("gold-1.0.zip"),
                        Files.createDirectory(temp.resolve("work"))));
    assertTrue(e.getMessage().startsWith("git fetch of " + missing + " failed: '"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    assertFalse(Files.exists(temp.resolve("gold-1.0.zip")));
  }
}
