package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.testkit.BuildBackend;
import dev.mkwheels.testkit.Dist;
import dev.mkwheels.testkit.IsolatedPip;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.SdistBuilder;
import dev.mkwheels.testkit.WheelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mkwheels lock} and {@code mkwheels wheelhouse} in-process, with real pip and a loopback
 * index.
 */
class LockWheelhouseCommandTest {
  private static final Instant UPLOADED = Instant.parse("2024-01-01T00:00:00Z");
  private static final Dist ALPHA = WheelBuilder.wheel("alpha", "1.0").requires("beta").build();
  private static final Dist BETA = SdistBuilder.sdist("beta", "1.0").build();
  private static final Map<String, String> ENV = IsolatedPip.environment();

  private static PackageIndex index;
  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    index =
        PackageIndex.start()
            .add(ALPHA, UPLOADED)
            .add(BETA, UPLOADED)
            .add(BuildBackend.wheel(), UPLOADED);
  }

  @AfterAll
  static void stop() {
    index.close();
  }

  @Test
  void lockWritesTheFileWithTheCommandThatRegeneratesItThenLeavesItUnchanged() throws Exception {
    Path requirements = dir.resolve("requirements.txt");
    Files.writeString(requirements, "alpha\n");
    Path out = dir.resolve("lockfiles/requirements.lock");
    String[] args = {
      "lock",
      "--req",
      requirements.toString(),
      "--out",
      out.toString(),
      "--index-url",
      index.simpleUrl()
    };
    MainTest.Result first = MainTest.run(ENV, args);
    assertEquals(0, first.code(), first.err());
    assertEquals(
        "+ alpha==1.0\n+ beta==1.0\n" + out + ": 2 distributions pinned, written\n", first.out());
    String lock = Files.readString(out);
    assertTrue(
        lock.contains(
            "\n#    mkwheels lock --python python3 --req "
                + requirements
                + " --out "
                + out
                + " --index-url "
                + index.simpleUrl()
                + "\n"),
        lock);
    assertTrue(
        lock.contains("\nbeta==1.0 \\\n    --hash=sha256:" + BETA.sha256() + "\n    # via alpha\n"),
        lock);

    MainTest.Result second = MainTest.run(ENV, args);
    assertEquals(0, second.code(), second.err());
    assertEquals(out + ": 2 distributions pinned, unchanged\n", second.out());

    // The lock feeds the wheelhouse: beta's sdist is downloaded and built.
    Path wheelDir = dir.resolve("wheelhouse");
    MainTest.Result wheelhouse =
        MainTest.run(
            ENV,
            "wheelhouse",
            "--lock",
            out.toString(),
            "--wheel-dir",
            wheelDir.toString(),
            "--index-url",
            index.simpleUrl());
    assertEquals(0, wheelhouse.code(), wheelhouse.err());
    List<String> lines = wheelhouse.out().lines().toList();
    assertEquals(3, lines.size(), wheelhouse.out());
    assertEquals(ALPHA.sha256() + "  " + ALPHA.filename(), lines.get(0));
    assertTrue(lines.get(1).endsWith("  beta-1.0-py3-none-any.whl"), wheelhouse.out());
    assertEquals(BETA.sha256() + "  " + BETA.filename(), lines.get(2));
    assertTrue(
        wheelhouse
            .err()
            .contains(
                "mkwheels: warning: built here from sdists, so not in "
                    + out
                    + "'s hashes: beta-1.0-py3-none-any.whl;"),
        wheelhouse.err());
  }

  @Test
  void aForeignWheelhouseNamesThePinsWithoutAWheelInOneLine() throws Exception {
    Path lock = dir.resolve("requirements.lock");
    Files.writeString(
        lock,
        "alpha==1.0 --hash=sha256:"
            + ALPHA.sha256()
            + "\nbeta==1.0 --hash=sha256:"
            + BETA.sha256()
            + "\n");
    MainTest.Result result =
        MainTest.run(
            ENV,
            "wheelhouse",
            "-q",
            "--lock",
            lock.toString(),
            "--wheel-dir",
            dir.resolve("w").toString(),
            "--index-url",
            index.simpleUrl(),
            "--download-platform",
            "manylinux_2_28_x86_64",
            "--download-python-version",
            "3.12",
            "--download-implementation",
            "cp",
            "--download-abi",
            "cp312",
            "--download-only-binary");
    assertEquals(1, result.code());
    assertEquals("", result.out());
    assertEquals(1, result.err().lines().count(), result.err());
    assertTrue(
        result
            .err()
            .startsWith(
                "mkwheels: no file for --download-platform manylinux_2_28_x86_64"
                    + " --download-python-version 3.12 --download-implementation cp --download-abi cp312 --download-only-binary"
                    + " satisfies 1 of the lock's pins: beta==1.0 (pip: "),
        result.err());
    assertTrue(Files.notExists(dir.resolve("w")));
  }

  @Test
  void aWheelBuiltByWheelhouseTakesSourceDateEpochAsTheTimeOfEveryMember() throws Exception {
    Path lock = dir.resolve("requirements.lock");
    Files.writeString(lock, "beta==1.0 --hash=sha256:" + BETA.sha256() + "\n");
    Map<String, String> env = new TreeMap<>(ENV);
    env.put("SOURCE_DATE_EPOCH", "1700000000");
    MainTest.Result result =
        MainTest.run(
            env,
            "wheelhouse",
            "-q",
            "--lock",
            lock.toString(),
            "--wheel-dir",
            dir.resolve("w").toString(),
            "--index-url",
            index.simpleUrl());
    assertEquals(0, result.code(), result.err());
    try (ZipFile wheel = new ZipFile(dir.resolve("w/beta-1.0-py3-none-any.whl").toFile())) {
      for (ZipEntry entry : wheel.stream().toList()) {
        assertEquals(
            LocalDateTime.of(2023, 11, 14, 22, 13, 20), entry.getTimeLocal(), entry.getName());
      }
    }

    env.put("SOURCE_DATE_EPOCH", "yesterday");
    MainTest.Result bad =
        MainTest.run(
            env,
            "wheelhouse",
            "-q",
            "--lock",
            lock.toString(),
            "--wheel-dir",
            dir.resolve("w2").toString(),
            "--index-url",
            index.simpleUrl());
    assertEquals(2, bad.code(), bad.err());
    assertTrue(
        bad.err().contains("SOURCE_DATE_EPOCH must be a whole number of seconds"), bad.err());
    assertTrue(Files.notExists(dir.resolve("w2")));
  }

  @Test
  void aMissingRequirementsFileOrInterpreterIsOneLine() throws Exception {
    MainTest.Result missing =
        MainTest.run(
            ENV,
            "lock",
            "--req",
            dir.resolve("nope.txt").toString(),
            "--out",
            dir.resolve("o").toString());
    assertEquals(1, missing.code());
    assertEquals(
        "mkwheels: no such requirements file: " + dir.resolve("nope.txt") + "\n", missing.err());

    Path requirements = Files.writeString(dir.resolve("r.txt"), "alpha\n");
    MainTest.Result python =
        MainTest.run(
            ENV,
            "lock",
            "-q",
            "--python",
            "/nonexistent/python3",
            "--req",
            requirements.toString(),
            "--out",
            dir.resolve("o").toString());
    assertEquals(1, python.code());
    assertEquals(
        "mkwheels: cannot run the Python interpreter '/nonexistent/python3' (--python): no such file or command\n",
        python.err());
    assertTrue(Files.notExists(dir.resolve("o")));
  }

  @Test
  void usageErrorsNameTheProblem() {
    AuditCommandTest.assertSubcommandUsageError(MainTest.run("lock", "--out", "x"), "--req");
    AuditCommandTest.assertSubcommandUsageError(
        MainTest.run("lock", "--req", "r.txt", "--out", "r.txt"),
        "--out r.txt is also a --req file");
    AuditCommandTest.assertSubcommandUsageError(
        MainTest.run("lock", "--req", "r.txt", "--out", "o", "--upgrade-package", "no spaces"),
        "--upgrade-package takes a project name");
    AuditCommandTest.assertSubcommandUsageError(
        MainTest.run("wheelhouse", "--lock", "x"), "--wheel-dir");
    AuditCommandTest.assertSubcommandUsageError(
        MainTest.run(
            "wheelhouse",
            "--lock",
            "x",
            "--wheel-dir",
            "w",
            "--target",
            "cp312-win_amd64",
            "--download-platform",
            "win_amd64"),
        "give the machines as --target, or one as --download-platform");
    AuditCommandTest.assertSubcommandUsageError(
        MainTest.run("wheelhouse", "--lock", "x", "--wheel-dir", "w", "--target", "py3-any"),
        "expected IMPL+VERSION-PLATFORM");
    AuditCommandTest.assertSubcommandUsageError(
        MainTest.run(
            "wheelhouse",
            "--lock",
            "x",
            "--wheel-dir",
            "w",
            "--target",
            "cp312-win_amd64",
            "--target",
            "cp312-win_amd64"),
        "a --target is given twice");
    AuditCommandTest.assertSubcommandUsageError(
        MainTest.run("lock", "--req", "r.txt", "--out", "o", "--format", "poetry"),
        "--format takes requirements or pylock, not 'poetry'");
    AuditCommandTest.assertSubcommandUsageError(
        MainTest.run("lock", "--req", "r.txt", "--out", "lock.toml", "--format", "pylock"),
        "--format pylock writes pylock.toml or pylock.NAME.toml (PEP 751), not lock.toml");
  }

  @Test
  void helpListsTheCommands() {
    MainTest.Result help = MainTest.run("--help");
    for (String command : List.of("audit", "lock", "wheelhouse")) {
      assertTrue(help.out().contains("\n  " + command + " "), help.out());
    }
    MainTest.Result wheelhouse = MainTest.run("wheelhouse", "--help");
    assertEquals(0, wheelhouse.code());
    assertTrue(wheelhouse.out().startsWith("Usage: mkwheels wheelhouse "), wheelhouse.out());
    for (String option :
        List.of(
            "--download-platform",
            "--download-python-version",
            "--download-implementation",
            "--download-abi",
            "--download-only-binary",
            "--target",
            "--index-url",
            "--find-links")) {
      assertTrue(wheelhouse.out().contains(option), option);
    }
  }
}
