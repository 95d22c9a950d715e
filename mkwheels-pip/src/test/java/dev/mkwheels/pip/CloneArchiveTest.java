package dev.mkwheels.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clone zips pip writes, in the shapes real pip does not always produce on this machine: a
 * branch only in packed-refs, a URL with credentials; and what is not a clone at all.
 */
class CloneArchiveTest {
  static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  @TempDir Path temp;

  Path zip(Map<String, String> members) throws IOException {
    Path file = temp.resolve("dep-1.0.zip");
    try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
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
    Path file = zip(Map.of(
        "dep/.git/HEAD", "ref: refs/heads/dev\n",
        "dep/.git/packed-refs", "# pack-refs with: peeled fully-peeled sorted\n" + COMMIT + " refs/heads/dev\n"
            + "fedcba9876543210fedcba9876543210fedcba98 refs/tags/v1\n^" + "1".repeat(40) + "\n",
        "dep/.git/config", "[core]\n\tbare = false\n[remote \"upstream\"]\n\turl = https://elsewhere/x.git\n"
            + "[remote \"origin\"]\n\turl = https://user:secret@example.invalid/dep.git\n",
        "dep/setup.py", ""));
    try (CloneArchive clone = CloneArchive.open(file).orElseThrow()) {
      assertEquals(COMMIT, clone.commit());
      assertEquals(Optional.of("https://user:secret@example.invalid/dep.git"), clone.originUrl());
      assertEquals("https://example.invalid/dep.git", Redaction.withoutUserInfo(clone.originUrl().orElseThrow()));
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
    assertEquals(Optional.empty(), CloneArchive.open(zip(Map.of("dep-1.0/setup.py", "", "dep-1.0/PKG-INFO", ""))));
    assertEquals(Optional.empty(), CloneArchive.open(zip(Map.of("a/.git/HEAD", COMMIT, "b/setup.py", ""))),
        "two top-level directories");
  }

  @Test
  void theRewriteKeepsATreesOwnPkgInfoAndDropsNestedGitPointers() throws Exception {
    Map<String, String> members = new TreeMap<>(Map.of(
        "dep/.git/HEAD", COMMIT + "\n",
        "dep/PKG-INFO", "Metadata-Version: 2.1\nName: dep\nVersion: 9\n",
        "dep/vendor/sub/.git", "gitdir: ../../.git/modules/sub\n",
        "dep/vendor/sub/x.py", "",
        "dep/b.py", "",
        "dep/a/", ""));
    Path target = temp.resolve("out.zip");
    try (CloneArchive clone = CloneArchive.open(zip(members)).orElseThrow()) {
      assertEquals(COMMIT, clone.commit());
      clone.rewrite(target, "dep", "1.0", 0);
    }
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(target.toFile())) {
      assertEquals(List.of("dep/PKG-INFO", "dep/b.py", "dep/vendor/sub/x.py"),
          zip.stream().map(ZipEntry::getName).toList());
      assertTrue(new String(zip.getInputStream(zip.getEntry("dep/PKG-INFO")).readAllBytes(), StandardCharsets.UTF_8)
          .contains("Version: 9"), "the tree's own PKG-INFO");
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
    Map<String, String> asked = PipClones.requested(List.of(
        "Collecting a@ git+https://github.com/x/a.git@v1",
        "  Cloning https://user:****@github.com/x/a.git (to revision v1) to /tmp/pip-download-1/a_0",
        "  Cloning file://localhost/srv/b to /tmp/pip-download-1/b_1",
        "  Resolved https://github.com/x/a.git to commit " + COMMIT));
    assertEquals(Map.of("https://github.com/x/a.git", "@v1", "file://localhost/srv/b", "the default branch"), asked);
  }
}
