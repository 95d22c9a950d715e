package dev.mkwheels.pip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GitZip} driven with generated hostile trees, handed to it directly (a few thousand, in
 * seconds): links in and out of the tree, chains and loops, {@code ..}, {@code .git} and empty
 * parts, duplicates exact and by case, a path both file and directory, long, deep, Unicode and
 * control-character names, empty files, submodules and odd modes. Every case either writes a zip
 * whose members are safe and are exactly the tree's files, or is refused with one clean line;
 * nothing else is thrown, and no byte that is not a file of the tree (a link's text, a blob the
 * tree does not list) reaches the zip. {@link GitZipRealGitFuzzTest} does the same through real git
 * with the filesystem as the judge of where each link ends.
 */
class GitZipFuzzTest {
  static final int CASES = 3000;
  static final String TOP = "dep";
  static final String SECRET = "the-secret-5f3a9c-never-in-a-zip";
  static final String[] NAMES = {
    "a",
    "b",
    "A",
    "B",
    "setup.py",
    "pkg",
    "data.txt",
    "ü",
    "日本語",
    "\uD83D\uDE00",
    "...",
    ".hidden",
    "sp ace",
    "CON",
    "a:b",
    "x".repeat(255),
    "é".repeat(127)
  };
  static final String[] HOSTILE = {
    "..",
    ".",
    "",
    ".git",
    ".GIT",
    ".git.",
    ".git  ",
    "x".repeat(256),
    "a\nb",
    "\u001b[31mred",
    "\u009b",
    "back\\slash",
    "tab\t",
    "del\u007f",
    "\uD800",
    "é".repeat(128)
  };

  @TempDir Path temp;

  /** The blobs of one case, by id, with one the tree never lists holding a secret. */
  static final class MapBlobs implements GitZip.Blobs {
    final Map<String, byte[]> blobs = new HashMap<>();

    String put(byte[] content) {
      String id = sha1(content);
      blobs.put(id, content);
      return id;
    }

    @Override
    public InputStream open(String object) throws IOException {
      byte[] content = blobs.get(object);
      if (content == null) {
        throw new IOException("no blob " + object);
      }
      return new ByteArrayInputStream(content);
    }
  }

  static String sha1(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void generatedHostileTreesGiveASafeZipOfTheTreeOrOneCleanRefusal() throws Exception {
    int written = 0;
    int refused = 0;
    for (int seed = 0; seed < CASES; seed++) {
      Random random = new Random(seed);
      MapBlobs blobs = new MapBlobs();
      blobs.put(SECRET.getBytes(StandardCharsets.UTF_8));
      List<GitZip.Entry> tree = tree(random, blobs);
      Path target = temp.resolve(seed + ".zip");
      try {
        GitZip.write(target, TOP, tree, blobs, "dep", "1.0", 1_717_000_000L);
        written++;
      } catch (GitTreeException e) {
        refused++;
        assertCleanLine(e.getMessage(), seed, tree);
        assertFalse(Files.exists(target), "nothing written on a refusal, case " + seed);
        continue;
      } catch (IOException | RuntimeException e) {
        fail("case " + seed + " threw " + e + " for " + tree, e);
      }
      assertSafeZipOfTheTree(target, tree, blobs, seed);
      Files.delete(target);
    }
    assertTrue(
        written > CASES / 10 && refused > CASES / 10,
        "both outcomes are exercised: " + written + " written, " + refused + " refused");
  }

  static List<GitZip.Entry> tree(Random random, MapBlobs blobs) {
    List<GitZip.Entry> tree = new ArrayList<>();
    int size = random.nextInt(12);
    for (int i = 0; i < size; i++) {
      String path = path(random);
      int kind = random.nextInt(100);
      if (kind < 55) {
        byte[] content =
            random.nextInt(4) == 0
                ? new byte[0]
                : ("file " + path + " " + random.nextInt()).getBytes(StandardCharsets.UTF_8);
        tree.add(
            new GitZip.Entry(random.nextBoolean() ? 0100644 : 0100755, path, blobs.put(content)));
      } else if (kind < 85) {
        tree.add(new GitZip.Entry(GitZip.LINK, path, blobs.put(linkTarget(random, path, tree))));
      } else if (kind < 90 && !tree.isEmpty()) {
        GitZip.Entry other = tree.get(random.nextInt(tree.size()));
        String again = random.nextBoolean() ? other.path() : other.path().toUpperCase(Locale.ROOT);
        tree.add(new GitZip.Entry(0100644, again, blobs.put(new byte[] {1})));
      } else if (kind < 93 && !tree.isEmpty()) {
        GitZip.Entry other = tree.get(random.nextInt(tree.size()));
        tree.add(new GitZip.Entry(0100644, other.path() + "/under", blobs.put(new byte[] {2})));
      } else if (kind < 96) {
        tree.add(
            new GitZip.Entry(GitZip.SUBMODULE, path, sha1(path.getBytes(StandardCharsets.UTF_8))));
      } else {
        int[] odd = {040000, 0100664, 0, 0777, 0100000, 0170000};
        tree.add(
            new GitZip.Entry(odd[random.nextInt(odd.length)], path, blobs.put(new byte[] {3})));
      }
    }
    return tree;
  }

  static String path(Random random) {
    int depth = random.nextInt(50) == 0 ? 40 + random.nextInt(40) : 1 + random.nextInt(4);
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < depth; i++) {
      String[] names = random.nextInt(12) == 0 ? HOSTILE : NAMES;
      parts.add(names[random.nextInt(names.length)]);
    }
    String path = String.join("/", parts);
    return random.nextInt(40) == 0 ? "/" + path : path;
  }

  /** A link's text: mostly relative to an earlier entry, else out of the tree, odd or not UTF-8. */
  static byte[] linkTarget(Random random, String link, List<GitZip.Entry> tree) {
    int depth = link.split("/", -1).length - 1;
    String target;
    int kind = random.nextInt(10);
    if (kind < 5 && !tree.isEmpty()) {
      String to = tree.get(random.nextInt(tree.size())).path();
      if (random.nextInt(3) == 0 && to.contains("/")) {
        to = to.substring(0, to.lastIndexOf('/'));
      }
      target = "../".repeat(depth) + to;
    } else if (kind < 7) {
      target = "../".repeat(depth + 1 + random.nextInt(2)) + "secret.txt";
    } else if (kind < 8) {
      target = random.nextBoolean() ? "/etc/passwd" : "/home/user/.ssh/id_rsa";
    } else if (kind < 9) {
      String[] odd = {
        ".", "", "./", "a/../../x", "a/./b/../../..", "x".repeat(5000), "nul\0byte", "a//b/"
      };
      target = odd[random.nextInt(odd.length)];
    } else {
      return new byte[] {(byte) 0xff, (byte) 0xfe, 'x'};
    }
    return target.getBytes(StandardCharsets.UTF_8);
  }

  static void assertCleanLine(String message, int seed, List<GitZip.Entry> tree) {
    assertTrue(message.startsWith("'"), "names the path first, case " + seed + ": " + message);
    assertTrue(
        message.codePoints().noneMatch(c -> Character.getType(c) == Character.CONTROL),
        "no raw control character, case " + seed + ": " + message);
    assertTrue(message.length() < 1000, "one short line, case " + seed);
    assertFalse(tree.isEmpty(), "an empty tree is written, case " + seed);
  }

  /** Members sorted, unique, safe, and exactly the tree's files and the links that end at one. */
  static void assertSafeZipOfTheTree(Path zip, List<GitZip.Entry> tree, MapBlobs blobs, int seed)
      throws IOException {
    Map<String, GitZip.Entry> byName = new HashMap<>();
    for (GitZip.Entry entry : tree) {
      assertTrue(
          (entry.mode() & 0170000) == GitZip.REGULAR || entry.mode() == GitZip.LINK,
          "only files and links are written, case " + seed);
      assertSafe(entry.path(), seed);
      assertEquals(
          null,
          byName.put(TOP + "/" + entry.path(), entry),
          "a path listed twice is refused, case " + seed);
      if (entry.mode() == GitZip.LINK) {
        String target = new String(blobs.blobs.get(entry.object()), StandardCharsets.UTF_8);
        assertFalse(target.startsWith("/"), "a link to an absolute path is refused, case " + seed);
      }
    }
    for (String name : byName.keySet()) {
      for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
        assertFalse(
            byName.containsKey(name.substring(0, slash)), "a file and a directory, case " + seed);
      }
    }
    List<String> names = new ArrayList<>();
    try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
      for (ZipArchiveEntry member : Collections.list(file.getEntries())) {
        names.add(member.getName());
        byte[] content = file.getInputStream(member).readAllBytes();
        assertFalse(new String(content, StandardCharsets.UTF_8).contains(SECRET), "case " + seed);
        assertEquals(ZipArchiveEntry.STORED, member.getMethod());
        GitZip.Entry entry = byName.get(member.getName());
        if (entry == null) {
          assertEquals(TOP + "/PKG-INFO", member.getName(), "case " + seed);
          continue;
        }
        if (entry.mode() != GitZip.LINK) {
          assertArrayEquals(
              blobs.blobs.get(entry.object()), content, member.getName() + ", case " + seed);
          assertEquals(
              (entry.mode() & 0100) != 0 ? 0100755 : 0100644, member.getUnixMode(), "case " + seed);
        } else {
          int mode = member.getUnixMode();
          assertTrue(
              tree.stream()
                  .anyMatch(
                      t ->
                          t.mode() != GitZip.LINK
                              && Arrays.equals(blobs.blobs.get(t.object()), content)
                              && ((t.mode() & 0100) != 0 ? 0100755 : 0100644) == mode),
              "a link holds a file of the tree, case " + seed + ": " + member.getName());
        }
      }
    }
    List<String> sorted = new ArrayList<>(names);
    Collections.sort(sorted);
    assertEquals(sorted, names, "sorted, case " + seed);
    assertEquals(names.size(), names.stream().distinct().count(), "unique, case " + seed);
    for (GitZip.Entry entry : tree) {
      if (entry.mode() != GitZip.LINK) {
        assertTrue(names.contains(TOP + "/" + entry.path()), "every file is written, case " + seed);
      }
    }
  }

  static void assertSafe(String path, int seed) {
    assertFalse(path.startsWith("/") || path.endsWith("/"), "case " + seed + ": " + path);
    for (String part : path.split("/", -1)) {
      assertFalse(
          part.isEmpty()
              || part.equals(".")
              || part.equals("..")
              || part.replaceAll("[. ]+$", "").equalsIgnoreCase(".git"),
          "case " + seed + ": " + path);
      assertTrue(part.getBytes(StandardCharsets.UTF_8).length <= 255, "case " + seed);
    }
    assertTrue(
        path.chars()
            .noneMatch(
                c ->
                    c == '\\'
                        || Character.getType(c) == Character.CONTROL
                        || Character.isSurrogate((char) c)
                            && !StandardCharsets.UTF_8.newEncoder().canEncode(path)),
        "case " + seed + ": " + path);
  }
}
