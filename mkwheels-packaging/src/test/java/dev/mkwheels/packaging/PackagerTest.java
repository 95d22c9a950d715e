package dev.mkwheels.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The artifact as tar, gzip, Python and pip read it. */
class PackagerTest {
  static final long EPOCH = 1_700_000_000L; // 2023-11-14T22:13:20Z
  static final String TOP = "fixture-wheels-1.0";

  @TempDir static Path temp;
  static Path wheelhouse;
  static PackResult result;

  @BeforeAll
  static void pack() throws Exception {
    wheelhouse = Wheelhouses.create(temp.resolve("wheelhouse"));
    result =
        new Packager()
            .pack(
                new PackRequest(
                    wheelhouse,
                    "fixture",
                    "1.0",
                    EPOCH,
                    temp.resolve("out"),
                    List.of("built from abc123")));
  }

  static List<String> sortedInputNames() throws IOException {
    try (Stream<Path> files = Files.list(wheelhouse)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** The entry names in the order the tarball must hold them. */
  static List<String> expectedEntries() throws IOException {
    List<String> names = new ArrayList<>(sortedInputNames());
    names.add("requirements.txt");
    names.add(SbomFile.NAME);
    names.add("pylock.toml");
    names.sort(null);
    List<String> entries = new ArrayList<>();
    entries.add(TOP + "/");
    names.forEach(n -> entries.add(TOP + "/" + n));
    return entries;
  }

  @Test
  void theResultNamesTheTarballAndItsDigestsOfTheBytesOnDisk() throws Exception {
    Path expected = temp.resolve("out").resolve(TOP + ".tar.gz").toAbsolutePath();
    assertEquals(expected, result.tarball());
    byte[] bytes = Files.readAllBytes(expected);
    assertEquals(bytes.length, result.size());
    assertEquals(hex("MD5", bytes), result.md5());
    assertEquals(hex("SHA-256", bytes), result.sha256());
    assertEquals(EPOCH, result.epoch());
    assertEquals(8, result.distributions());
    try (Stream<Path> out = Files.list(temp.resolve("out"))) {
      assertEquals(List.of(expected), out.toList(), "no temporary file is left");
    }
  }

  @Test
  void gnuTarListsEveryEntrySortedWithFixedModesOwnersAndTheEpoch() throws Exception {
    Command tar =
        Command.run(
                temp,
                java.util.Map.of("TZ", "UTC", "LC_ALL", "C"),
                List.of("tar", "-tvzf", result.tarball().toString()))
            .succeeded();
    List<String> lines = tar.out().lines().toList();
    List<String> entries = expectedEntries();
    assertEquals(entries.size(), lines.size(), tar.out());
    for (int i = 0; i < lines.size(); i++) {
      String entry = entries.get(i);
      String mode = entry.endsWith("/") ? "drwxr-xr-x" : "-rw-r--r--";
      String pattern =
          java.util.regex.Pattern.quote(mode)
              + " 0/0 +[0-9]+ 2023-11-14 22:13 "
              + java.util.regex.Pattern.quote(entry);
      assertTrue(lines.get(i).matches(pattern), lines.get(i) + " is not " + pattern);
    }
    assertTrue(
        entries.stream().anyMatch(e -> e.length() > 100), "a name over 100 bytes is covered");
  }

  @Test
  void pythonTarfileReadsTheSameFieldsAndNoPaxRecords() throws Exception {
    String script =
        String.join(
            "\n",
            "import sys, tarfile",
            "with tarfile.open(sys.argv[1], 'r:gz') as t:",
            "    for m in t.getmembers():",
            "        print(m.name, oct(m.mode), m.uid, m.gid, repr(m.uname), repr(m.gname), m.mtime,",
            "              'dir' if m.isdir() else 'file' if m.isfile() else 'other', len(m.pax_headers), m.size)");
    Command python =
        Command.run(temp, List.of("python3", "-c", script, result.tarball().toString()))
            .succeeded();
    List<String> lines = python.out().lines().toList();
    List<String> entries = expectedEntries();
    assertEquals(entries.size(), lines.size(), python.out());
    for (int i = 0; i < lines.size(); i++) {
      String entry =
          entries.get(i).endsWith("/")
              ? entries.get(i).substring(0, entries.get(i).length() - 1)
              : entries.get(i);
      String fields =
          entries.get(i).endsWith("/")
              ? "0o755 0 0 '' '' " + EPOCH + " dir 0 0"
              : "0o644 0 0 '' '' " + EPOCH + " file 0 ";
      assertTrue(
          lines.get(i).startsWith(entry + " " + fields),
          lines.get(i) + " vs " + entry + " " + fields);
    }
  }

  @Test
  void gzipTestPassesAndTheGzipHeaderHasNoNameNoTimeAndAFixedOs() throws Exception {
    Command.run(temp, List.of("gzip", "-t", result.tarball().toString())).succeeded();
    byte[] head = Arrays.copyOf(Files.readAllBytes(result.tarball()), 10);
    assertArrayEquals(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 255}, head);
  }

  @Test
  void extractingGivesTheExactInputBytes() throws Exception {
    Path into = Files.createDirectories(temp.resolve("extracted-" + System.nanoTime()));
    Command.run(into, List.of("tar", "-xzf", result.tarball().toString())).succeeded();
    for (String name : sortedInputNames()) {
      assertArrayEquals(
          Files.readAllBytes(wheelhouse.resolve(name)),
          Files.readAllBytes(into.resolve(TOP).resolve(name)),
          name);
    }
    try (Stream<Path> files = Files.list(into.resolve(TOP))) {
      assertEquals(
          sortedInputNames().size() + 3,
          files.count(),
          "the files, pylock.toml, requirements.txt, sbom.cdx.json");
    }
  }

  @Test
  void requirementsPinsEachProjectOnceWithAHashForEveryFileOfIt() throws Exception {
    Path into = Files.createDirectories(temp.resolve("requirements-" + System.nanoTime()));
    Command.run(
            into, List.of("tar", "-xzf", result.tarball().toString(), TOP + "/requirements.txt"))
        .succeeded();
    String requirements =
        Files.readString(into.resolve(TOP).resolve("requirements.txt"), StandardCharsets.UTF_8);
    String expected =
        String.join(
            "\n",
            "# fixture-wheels-1.0: pinned and hashed by mkwheels",
            "# SOURCE_DATE_EPOCH=1700000000 (2023-11-14T22:13:20Z)",
            "# built from abc123",
            "# pip install --no-index --find-links . --require-hashes -r requirements.txt",
            "a-project-name-long-enough-that-the-path-in-the-tarball-passes-one-hundred-bytes==1.0.0 \\",
            "    --hash=sha256:" + sha256(Wheelhouses.LONG_NAME + "-1.0.0-py3-none-any.whl"),
            "alpha==1.0 \\",
            "    --hash=sha256:" + sha256("alpha-1.0-py3-none-any.whl"),
            "beta-pkg==2.0"
                + hashes(
                    "Beta_Pkg-2.0-py3-none-any.whl",
                    "Beta_Pkg-2.0-py2.py3-none-any.whl",
                    "beta_pkg-2.0.tar.gz"),
            "gamma==0.1 \\",
            "    --hash=sha256:" + sha256("gamma-0.1-py3-none-any.whl"),
            "requests-mock==1.12.1 \\",
            "    --hash=sha256:" + sha256("requests_mock-1.12.1-py3-none-any.whl"),
            "zeta==3.0.post1 \\",
            "    --hash=sha256:" + sha256("zeta-3.0.post1-py3-none-any.whl"),
            "");
    assertEquals(expected, requirements);
  }

  @Test
  void pipInstallsTheExtractedWheelhouseWithRequireHashesIntoAFreshVenv() throws Exception {
    Path work = Files.createDirectories(temp.resolve("pip-" + System.nanoTime()));
    Command.run(work, List.of("tar", "-xzf", result.tarball().toString())).succeeded();
    Path wheels = work.resolve(TOP);
    // A venv without pip is made in milliseconds; the machine's pip installs into it.
    Command.run(work, List.of("python3", "-m", "venv", "--without-pip", "venv")).succeeded();
    Path python = work.resolve("venv/bin/python");
    Command.run(
            work,
            Command.ISOLATED_PIP,
            List.of(
                "python3",
                "-m",
                "pip",
                "--python",
                python.toString(),
                "install",
                "--no-index",
                "--find-links",
                wheels.toString(),
                "--require-hashes",
                "-r",
                wheels.resolve("requirements.txt").toString()))
        .succeeded();
    Command imported =
        Command.run(
                work,
                List.of(
                    python.toString(),
                    "-c",
                    "import alpha, beta_pkg, gamma, zeta; print(alpha.VERSION, beta_pkg.VERSION, zeta.VERSION)"))
            .succeeded();
    assertEquals("1.0 2.0 3.0.post1", imported.out().strip());
  }

  private static String hashes(String... files) throws Exception {
    List<String> sorted = new ArrayList<>();
    for (String file : files) {
      sorted.add(sha256(file));
    }
    sorted.sort(null);
    StringBuilder text = new StringBuilder();
    sorted.forEach(h -> text.append(" \\\n    --hash=sha256:").append(h));
    return text.toString();
  }

  private static String sha256(String file) throws Exception {
    return hex("SHA-256", Files.readAllBytes(wheelhouse.resolve(file)));
  }

  static String hex(String algorithm, byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
  }
}
