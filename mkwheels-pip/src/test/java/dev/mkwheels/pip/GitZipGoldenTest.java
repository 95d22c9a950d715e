package dev.mkwheels.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mkwheels.testkit.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the bytes of a git dependency's archive made from a fixed repository (fixed contents, dates
 * and author, so a fixed commit): a change to the archive's format must change this constant on
 * purpose (issue 14). The constant is what the rewrite of pip's clone zip gave before archives were
 * written from git objects: an in-tree link stored as its target's file, an executable, an empty
 * file and a Unicode name all come out as they did.
 */
class GitZipGoldenTest {
  static final long EPOCH = 1_717_000_000L;

  @TempDir Path temp;

  @Test
  void aFixedRepositoryGivesAFixedArchive() throws Exception {
    GitRepo repo =
        GitRepo.init(temp.resolve("gold"))
            .write("pyproject.toml", "[project]\nname = \"gold\"\nversion = \"1.0\"\n")
            .write("gold/__init__.py", "VERSION = '1.0'\n")
            .write("gold/data/ünïcode.txt", "ü\n")
            .write("empty.txt", "")
            .writeExecutable("bin/tool", "#!/bin/sh\necho tool\n")
            .write("README.md", "# gold\n");
    PipLikeClone.link(repo, "docs/README.md", "../README.md");
    String commit = repo.commit("gold 1.0", Instant.parse("2024-03-01T10:00:00Z"));
    assertEquals("62823d9e05487bc8b41c9b6efdbff072bd70172c", commit);
    Path zip = PipLikeClone.zip(repo, "gold", temp.resolve("gold-1.0.zip"));
    Path target = temp.resolve("out.zip");
    try (CloneArchive clone = CloneArchive.open(zip).orElseThrow()) {
      clone.rewrite(target, Files.createDirectory(temp.resolve("scratch")), "gold", "1.0", EPOCH);
    }
    assertEquals(
        "4c54e065b678d01adbee01856c220ec0b5b1db48ffee427b5a14d5351cf6ce05",
        HashVerifier.sha256(target));
  }
}
