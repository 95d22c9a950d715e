package dev.mkwheels.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.python.index.Redaction;
import dev.mkwheels.testkit.GitRepo;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clone zips pip writes, in the shapes real pip does not always produce on this machine: a
 * branch only in packed-refs, a URL with credentials; and what is not a clone at all. Then the
 * archive written from a real repository's objects, links in and out of its tree included, from a
 * zip made as pip makes it (links followed, so a secret outside is in it).
 */
class CloneArchiveTest {
  static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  static final String SECRET = "the-secret-5f3a9c-never-in-a-zip";
  static final Instant T = Instant.parse("2024-03-01T10:00:00Z");

  @TempDir Path temp;

  Path zip(Map<String, String> members) throws IOException {
    Path file = temp.resolve("dep-1.0.zip");
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, String> member : members.entrySet()) {
        zip.putNextEntry(new ZipEntry(member.getKey()));
        zip.write(member.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return file;
  }

  @Test
  void aBranchFoundOnlyInPackedRefsGivesItsCommit() throws Exception {
    Path file =
        zip(
            Map.of(
                "dep/.git/HEAD",
                "ref: refs/heads/dev\n",
                "dep/.git/packed-refs",
                "# pack-refs with: peeled fully-peeled sorted\n"
                    + COMMIT
                    + " refs/heads/dev\n"
                    + "fedcba9876543210fedcba9876543210fedcba98 refs/tags/v1\n^"
                    + "1".repeat(40)
                    + "\n",
                "dep/.git/config",
                "[core]\n\tbare = false\n[remote \"upstream\"]\n\turl = https://elsewhere/x.git\n"
                    + "[remote \"origin\"]\n\turl = https://user:secret@example.invalid/dep.git\n",
                "dep/setup.py",
                ""));
    try (CloneArchive clone = CloneArchive.open(file).orElseThrow()) {
      assertEquals(COMMIT, clone.commit());
      assertEquals(Optional.of("https://user:secret@example.invalid/dep.git"), clone.originUrl());
      assertEquals(
          "https://example.invalid/dep.git",
          Redaction.withoutUserInfo(clone.originUrl().orElseThrow()));
    }
  }

  @Test
  void aBranchWithNoCommitIsAnError() throws Exception {
    Path file = zip(Map.of("dep/.git/HEAD", "ref: refs/heads/gone\n", "dep/setup.py", ""));
    try (CloneArchive clone = CloneArchive.open(file).orElseThrow()) {
      IOException e = assertThrows(IOException.class, clone::commit);
      assertEquals("the branch refs/heads/gone that .git/HEAD names has no commit", e.getMessage());
    }
  }

  @Test
  void aZipSdistWithoutGitIsNotAClone() throws Exception {
    assertEquals(
        Optional.empty(),
        CloneArchive.open(zip(Map.of("dep-1.0/setup.py", "", "dep-1.0/PKG-INFO", ""))));
    assertEquals(
        Optional.empty(),
        CloneArchive.open(zip(Map.of("a/.git/HEAD", COMMIT, "b/setup.py", ""))),
        "two top-level directories");
  }

  /**
   * Writes {@code repo}'s checked-out commit as pip's clone zip under {@code dep/}, then mkwheels'
   * archive.
   */
  Path rewrite(GitRepo repo) throws IOException, GitTreeException {
    Path zip = PipLikeClone.zip(repo, "dep", temp.resolve("dep-1.0.zip"));
    Path target = temp.resolve("out.zip");
    try (CloneArchive clone = CloneArchive.open(zip).orElseThrow()) {
      assertEquals(repo.rev("HEAD"), clone.commit());
      clone.rewrite(target, Files.createDirectory(temp.resolve("scratch")), "dep", "1.0", 0);
    }
    return target;
  }

  /** A repository with a setup.py and a package, not committed yet. */
  GitRepo repo(String name) {
    return GitRepo.init(temp.resolve(name)).write("setup.py", "").write("dep/__init__.py", "");
  }

  static Map<String, String> members(Path zip) throws IOException {
    Map<String, String> members = new TreeMap<>();
    try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
      for (ZipArchiveEntry entry : Collections.list(file.getEntries())) {
        String content =
            new String(file.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
        members.put(entry.getName() + " " + Integer.toOctalString(entry.getUnixMode()), content);
      }
    }
    return members;
  }

  @Test
  void theRewriteKeepsATreesOwnPkgInfoAndOnlyWhatTheCommitHolds() throws Exception {
    GitRepo repo = repo("own").write("PKG-INFO", "Metadata-Version: 2.1\nName: dep\nVersion: 9\n");
    repo.commit("1", T);
    repo.write("untracked.txt", "not in the commit\n");
    assertEquals(
        Map.of(
            "dep/PKG-INFO 100644",
            "Metadata-Version: 2.1\nName: dep\nVersion: 9\n",
            "dep/dep/__init__.py 100644",
            "",
            "dep/setup.py 100644",
            ""),
        members(rewrite(repo)));
  }

  @Test
  void anInTreeLinkIsStoredAsTheFileItEndsAtAndALinkToADirectoryIsLeftOutAsPipLeftIt()
      throws Exception {
    GitRepo repo =
        repo("links").writeExecutable("bin/tool", "#!/bin/sh\n").write("docs/index.md", "# dep\n");
    PipLikeClone.link(repo, "README.md", "docs/index.md");
    PipLikeClone.link(repo, "tool", "./bin/../bin/tool");
    PipLikeClone.link(repo, "docs/again.md", "../README.md");
    PipLikeClone.link(repo, "alias", "docs");
    PipLikeClone.link(repo, "docs/through-alias.md", "../alias/index.md");
    repo.commit("links", T);
    Map<String, String> expected =
        new TreeMap<>(
            Map.of(
                "dep/PKG-INFO 100644",
                "Metadata-Version: 2.1\nName: dep\nVersion: 1.0\n",
                "dep/README.md 100644",
                "# dep\n",
                "dep/bin/tool 100755",
                "#!/bin/sh\n",
                "dep/dep/__init__.py 100644",
                "",
                "dep/docs/again.md 100644",
                "# dep\n",
                "dep/docs/index.md 100644",
                "# dep\n",
                "dep/docs/through-alias.md 100644",
                "# dep\n",
                "dep/setup.py 100644",
                "",
                "dep/tool 100755",
                "#!/bin/sh\n"));
    assertEquals(expected, members(rewrite(repo)));
  }

  @Test
  void linksOutOfTheTreeAreRefusedNamingThePathAndTheirTargetIsNeverWritten() throws Exception {
    Path secret = Files.writeString(temp.resolve("secret.txt"), SECRET);
    Map<String, String> links =
        new TreeMap<>(
            Map.of(
                "passwd", "/etc/passwd",
                "dep/key", secret.toString(),
                "dep/data/up", "../../../../secret.txt",
                "dep/hop", "../hop2",
                "hop2", "../../secret.txt"));
    Map<String, String> refusals =
        Map.of(
            "passwd",
                "'passwd' is a symbolic link to '/etc/passwd', outside the repository; mkwheels vendors nothing from"
                    + " outside it",
            "dep/key",
                "'dep/key' is a symbolic link to '"
                    + secret
                    + "', outside the repository; mkwheels vendors"
                    + " nothing from outside it",
            "dep/data/up",
                "'dep/data/up' is a symbolic link to '../../../../secret.txt', outside the repository; mkwheels"
                    + " vendors nothing from outside it",
            "dep/hop",
                "'dep/hop' is a symbolic link to '../hop2', outside the repository; mkwheels vendors nothing from"
                    + " outside it");
    for (Map.Entry<String, String> link : links.entrySet()) {
      if (link.getKey().equals("hop2")) {
        continue;
      }
      Files.createDirectories(temp.resolve("case"));
      GitRepo repo = repo("case/" + link.getKey().replace('/', '-'));
      PipLikeClone.link(repo, link.getKey(), link.getValue());
      if (link.getKey().equals("dep/hop")) {
        PipLikeClone.link(repo, "hop2", links.get("hop2"));
      }
      repo.commit("evil", T);
      Path zip = PipLikeClone.zip(repo, "dep", temp.resolve("dep-1.0.zip"));
      if (!link.getKey().equals("passwd")) {
        assertTrue(
            members(zip).values().stream().anyMatch(c -> c.contains(SECRET)),
            "pip's clone zip holds the secret: " + link);
      }
      GitTreeException e =
          assertThrows(
              GitTreeException.class,
              () -> {
                try (CloneArchive clone = CloneArchive.open(zip).orElseThrow()) {
                  clone.rewrite(
                      temp.resolve("out.zip"),
                      Files.createDirectory(temp.resolve("scratch")),
                      "dep",
                      "1.0",
                      0);
                }
              });
      assertEquals(refusals.get(link.getKey()), e.getMessage());
      assertFalse(Files.exists(temp.resolve("out.zip")), "nothing written");
      Files.delete(zip);
      deleteTree(temp.resolve("scratch"));
    }
  }

  @Test
  void aDanglingLinkALoopAndASubmoduleAreRefused() throws Exception {
    GitRepo dangling = repo("dangling");
    PipLikeClone.link(dangling, "gone", "dep/missing.py");
    dangling.commit("dangling", T);
    assertEquals(
        "'gone' is a symbolic link to 'dep/missing.py', which the commit does not hold",
        assertThrows(GitTreeException.class, () -> rewrite(dangling)).getMessage());
    cleanUp();
    GitRepo loop = repo("loop");
    PipLikeClone.link(loop, "a", "b");
    PipLikeClone.link(loop, "b", "a");
    loop.commit("loop", T);
    assertEquals(
        "'a' is a symbolic link in a loop of links",
        assertThrows(GitTreeException.class, () -> rewrite(loop)).getMessage());
    cleanUp();
    GitRepo submodule = repo("submodule");
    submodule.git(Map.of(), "add", "-A");
    // A gitlink, as git submodule add records it, without cloning anything.
    submodule.git(
        Map.of(), "update-index", "--add", "--cacheinfo", "160000," + COMMIT + ",vendor/sub");
    submodule.git(Map.of(), "commit", "-q", "-m", "submodule");
    assertEquals(
        "'vendor/sub' is a git submodule (commit "
            + COMMIT
            + "), which mkwheels does not vendor: vendor"
            + " the submodule as its own dependency",
        assertThrows(GitTreeException.class, () -> rewrite(submodule)).getMessage());
  }

  void cleanUp() throws IOException {
    Files.deleteIfExists(temp.resolve("dep-1.0.zip"));
    deleteTree(temp.resolve("scratch"));
  }

  static void deleteTree(Path tree) throws IOException {
    if (Files.exists(tree)) {
      try (Stream<Path> files = Files.walk(tree)) {
        for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  @Test
  void recordedUrlsLoseTheirSecretsButKeepAnSshUser() {
    assertEquals("https://host/x.git", Redaction.withoutUserInfo("https://ghp_token@host/x.git"));
    assertEquals("https://host/x.git", Redaction.withoutUserInfo("https://user:****@host/x.git"));
    assertEquals("ssh://git@host/x.git", Redaction.withoutUserInfo("ssh://git@host/x.git"));
    assertEquals("ssh://git@host/x.git", Redaction.withoutUserInfo("ssh://git:pw@host/x.git"));
    assertEquals("file://localhost/srv/x", Redaction.withoutUserInfo("file://localhost/srv/x"));
  }

  @Test
  void pipsCloningLinesGiveTheRevisionAskedPerUrlWithoutCredentials() {
    Map<String, String> asked =
        PipClones.requested(
            List.of(
                "Collecting a@ git+https://github.com/x/a.git@v1",
                "  Cloning https://user:****@github.com/x/a.git (to revision v1) to /tmp/pip-download-1/a_0",
                "  Cloning file://localhost/srv/b to /tmp/pip-download-1/b_1",
                "  Resolved https://github.com/x/a.git to commit " + COMMIT));
    assertEquals(
        Map.of("https://github.com/x/a.git", "@v1", "file://localhost/srv/b", "the default branch"),
        asked);
  }
}
