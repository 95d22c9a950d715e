package dev.mkwheels.pip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mkwheels.testkit.GitRepo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated trees of files and links, made into commits by {@code git fast-import} in one run and
 * read back through {@link GitObjects} (real {@code ls-tree} and {@code cat-file}), with the
 * filesystem as the judge: each commit is also unpacked by {@code git archive | tar -x} beside a
 * file holding a secret, and where the kernel says each link ends decides what the zip must hold. A
 * link the kernel resolves outside the tree, or not at all, must have been refused; every other
 * link is its target's bytes and mode, or absent for a directory; the secret is never in a zip.
 */
class GitZipRealGitFuzzTest {
  static final int CASES = 80;
  static final String SECRET = GitZipFuzzTest.SECRET;
  static final String[] NAMES = {
    "a", "b", "A", "pkg", "setup.py", "ü", "日本語", "sp ace", "...", ".hidden"
  };

  @TempDir Path temp;

  record Case(
      Map<String, byte[]> files, Map<String, String> links, Map<String, Boolean> executable) {}

  @Test
  void commitsOfHostileLinksGiveTheFilesTheKernelReachesInsideOrARefusal() throws Exception {
    GitRepo repo = GitRepo.init(temp.resolve("repo"));
    List<Case> cases = new ArrayList<>();
    StringBuilder stream = new StringBuilder();
    for (int seed = 0; seed < CASES; seed++) {
      Case generated = generate(new Random(seed));
      cases.add(generated);
      stream.append(fastImport(seed, generated));
    }
    Path input = Files.writeString(temp.resolve("stream"), stream);
    run(repo.directory(), "sh", "-c", "git fast-import --quiet < " + input);
    Path gitDir = repo.directory().resolve(".git");
    int refused = 0;
    int reachedTheSecret = 0;
    for (int seed = 0; seed < CASES; seed++) {
      String commit = repo.rev("refs/heads/case-" + seed);
      Path root = Files.createDirectories(temp.resolve("unpacked/" + seed + "/root"));
      Files.writeString(root.resolveSibling("secret.txt"), SECRET);
      Path tar = temp.resolve("unpacked/" + seed + ".tar");
      repo.git(Map.of(), "archive", "--format=tar", "-o", tar.toString(), commit);
      run(root, "tar", "-xf", tar.toString());
      Path target = temp.resolve("out-" + seed + ".zip");
      Path scratch = Files.createDirectories(temp.resolve("scratch-" + seed));
      try (GitObjects objects = new GitObjects(gitDir, scratch)) {
        GitZip.write(target, "dep", objects.tree(commit), objects, "dep", "1.0", 0);
        assertFalse(
            new String(Files.readAllBytes(target), StandardCharsets.ISO_8859_1).contains(SECRET),
            "case " + seed);
      } catch (GitTreeException e) {
        refused++;
        assertFalse(Files.exists(target));
        reachedTheSecret += judgeRefusal(root, cases.get(seed), e.getMessage(), seed);
        continue;
      } catch (IOException | RuntimeException e) {
        fail("case " + seed + " threw " + e, e);
      }
      judgeZip(root, cases.get(seed), target, seed);
    }
    assertTrue(
        refused > CASES / 10 && refused < CASES * 9 / 10, refused + " of " + CASES + " refused");
    assertTrue(reachedTheSecret > 0, "some links reach the secret through the filesystem");
  }

  static Case generate(Random random) {
    Map<String, byte[]> files = new TreeMap<>();
    Map<String, String> links = new TreeMap<>();
    Map<String, Boolean> executable = new TreeMap<>();
    List<String> paths = new ArrayList<>();
    int size = 1 + random.nextInt(8);
    for (int i = 0; i < size; i++) {
      List<String> parts = new ArrayList<>();
      for (int d = random.nextInt(3); d >= 0; d--) {
        parts.add(NAMES[random.nextInt(NAMES.length)]);
      }
      String path = String.join("/", parts);
      if (conflicts(path, paths)) {
        continue;
      }
      paths.add(path);
      if (random.nextInt(10) < 6 || paths.size() == 1) {
        files.put(
            path,
            random.nextInt(4) == 0
                ? new byte[0]
                : ("content of " + path).getBytes(StandardCharsets.UTF_8));
        executable.put(path, random.nextBoolean());
        continue;
      }
      int depth = parts.size() - 1;
      String other = paths.get(random.nextInt(paths.size()));
      String[] targets = {
        "../".repeat(depth) + other,
        "../".repeat(depth)
            + (other.contains("/") ? other.substring(0, other.lastIndexOf('/')) : "."),
        "../".repeat(depth + 1) + "secret.txt",
        "../".repeat(depth + 1) + "root/" + other,
        "/etc/passwd",
        "missing",
        "./" + "../".repeat(depth) + other + "/../" + other
      };
      links.put(path, targets[random.nextInt(targets.length)]);
    }
    return new Case(files, links, executable);
  }

  static boolean conflicts(String path, List<String> paths) {
    for (String other : paths) {
      if (other.equals(path) || other.startsWith(path + "/") || path.startsWith(other + "/")) {
        return true;
      }
    }
    return false;
  }

  static String fastImport(int seed, Case generated) {
    StringBuilder commit =
        new StringBuilder(
            "commit refs/heads/case-"
                + seed
                + "\n"
                + "committer t <t@example.invalid> 0 +0000\ndata 0\ndeleteall\n");
    generated
        .files()
        .forEach(
            (path, content) ->
                commit
                    .append("M ")
                    .append(generated.executable().get(path) ? "100755" : "100644")
                    .append(" inline ")
                    .append(quote(path))
                    .append("\ndata ")
                    .append(content.length)
                    .append('\n')
                    .append(new String(content, StandardCharsets.UTF_8))
                    .append('\n'));
    generated
        .links()
        .forEach(
            (path, target) ->
                commit
                    .append("M 120000 inline ")
                    .append(quote(path))
                    .append("\ndata ")
                    .append(target.getBytes(StandardCharsets.UTF_8).length)
                    .append('\n')
                    .append(target)
                    .append('\n'));
    return commit.append('\n').toString();
  }

  static String quote(String path) {
    return "\"" + path.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** Returns 1 when a refused link reaches the secret through the filesystem. */
  static int judgeRefusal(Path root, Case generated, String message, int seed) throws IOException {
    int secret = 0;
    boolean kernelRefuses = false;
    for (String link : generated.links().keySet()) {
      Path real;
      try {
        real = root.resolve(link).toRealPath();
      } catch (IOException e) {
        kernelRefuses = true;
        continue;
      }
      if (!real.startsWith(root.toRealPath())) {
        kernelRefuses = true;
        secret += real.getFileName().toString().equals("secret.txt") ? 1 : 0;
      }
    }
    boolean climbs =
        message.contains(", outside the repository;")
            && generated.links().values().stream().anyMatch(t -> t.contains(".."));
    assertTrue(kernelRefuses || climbs, "case " + seed + " refused without cause: " + message);
    return Math.min(secret, 1);
  }

  static void judgeZip(Path root, Case generated, Path zip, int seed) throws IOException {
    Map<String, byte[]> members = new TreeMap<>();
    Map<String, Integer> modes = new TreeMap<>();
    try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
      for (ZipArchiveEntry entry : Collections.list(file.getEntries())) {
        members.put(entry.getName(), file.getInputStream(entry).readAllBytes());
        modes.put(entry.getName(), entry.getUnixMode());
      }
    }
    members.remove("dep/PKG-INFO");
    Map<String, byte[]> expected = new TreeMap<>();
    for (String path : generated.files().keySet()) {
      expected.put("dep/" + path, generated.files().get(path));
      assertEquals(
          generated.executable().get(path) ? 0100755 : 0100644,
          modes.get("dep/" + path),
          "case " + seed);
    }
    for (String link : generated.links().keySet()) {
      Path real = root.resolve(link).toRealPath();
      assertTrue(
          real.startsWith(root.toRealPath()), "case " + seed + ": " + link + " leaves the tree");
      if (!Files.isDirectory(real)) {
        expected.put("dep/" + link, Files.readAllBytes(real));
        boolean exec =
            Files.getPosixFilePermissions(real).contains(PosixFilePermission.OWNER_EXECUTE);
        assertEquals(
            exec ? 0100755 : 0100644, modes.get("dep/" + link), "case " + seed + ": " + link);
      }
    }
    assertEquals(expected.keySet(), members.keySet(), "case " + seed);
    for (String name : expected.keySet()) {
      assertArrayEquals(expected.get(name), members.get(name), "case " + seed + ": " + name);
    }
  }

  static void run(Path directory, String... command) throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
    Process process = builder.start();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    process.getInputStream().transferTo(output);
    assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
  }
}
