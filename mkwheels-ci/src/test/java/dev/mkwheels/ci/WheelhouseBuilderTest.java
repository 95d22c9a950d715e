package dev.mkwheels.ci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.pip.PipOptions;
import dev.mkwheels.pip.PipRunner;
import dev.mkwheels.pip.TargetOptions;
import dev.mkwheels.resolver.Targets;
import dev.mkwheels.testkit.BuildBackend;
import dev.mkwheels.testkit.Dist;
import dev.mkwheels.testkit.IsolatedPip;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.SdistBuilder;
import dev.mkwheels.testkit.WheelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mkwheels wheelhouse} with the machine's real pip against a loopback index. */
class WheelhouseBuilderTest {
  private static final Instant UPLOADED = Instant.parse("2024-01-01T00:00:00Z");
  static final Dist ALPHA = WheelBuilder.wheel("alpha", "1.0").requires("beta").build();
  static final Dist ALPHA_LINUX =
      WheelBuilder.wheel("alpha", "1.0").tag("cp312-cp312-manylinux_2_17_x86_64").build();
  static final Dist BETA_SDIST = SdistBuilder.sdist("beta", "1.0").build();
  static final Dist DELTA = WheelBuilder.wheel("delta", "1.0").build();
  static final Dist DELTA_LINUX =
      WheelBuilder.wheel("delta", "1.0").tag("cp312-cp312-manylinux_2_17_x86_64").build();
  static final Dist DELTA_WINDOWS =
      WheelBuilder.wheel("delta", "1.0").tag("cp312-cp312-win_amd64").build();
  static final Dist DELTA2_WINDOWS =
      WheelBuilder.wheel("delta", "2.0").tag("cp312-cp312-win_amd64").build();
  static final Dist ZETA = WheelBuilder.wheel("zeta", "1.0").build();
  static final Dist EPSILON_SDIST = SdistBuilder.sdist("epsilon", "2.0").build();
  static final Dist STAMPED_SDIST =
      SdistBuilder.sdist("stamped", "1.0").stamped().file("stamped/run.sh", "#!/bin/sh\n").build();

  private static PackageIndex index;
  @TempDir Path dir;
  private final RecordingConsole console = new RecordingConsole();
  private final PipRunner pip = new PipRunner("python3", IsolatedPip.environment(), console);

  @BeforeAll
  static void start() throws Exception {
    index = PackageIndex.start();
    for (Dist dist :
        List.of(
            ALPHA,
            ALPHA_LINUX,
            BETA_SDIST,
            EPSILON_SDIST,
            STAMPED_SDIST,
            BuildBackend.wheel(),
            DELTA,
            DELTA_LINUX,
            DELTA_WINDOWS,
            DELTA2_WINDOWS,
            ZETA)) {
      index.add(dist, UPLOADED);
    }
  }

  @AfterAll
  static void stop() {
    index.close();
  }

  private Path lock(String... lines) throws Exception {
    Path lock = dir.resolve("requirements.lock");
    Files.writeString(lock, String.join("\n", lines) + "\n");
    return lock;
  }

  private static String pinned(String pin, Dist... dists) {
    StringBuilder line = new StringBuilder(pin);
    for (Dist dist : dists) {
      line.append(" \\\n    --hash=sha256:").append(dist.sha256());
    }
    return line.toString();
  }

  private WheelhouseResult build(Path lock, Path wheelDir, TargetOptions target, boolean onlyBinary)
      throws Exception {
    PipOptions options =
        new PipOptions(Optional.of(index.simpleUrl()), List.of(), List.of(), false);
    return new WheelhouseBuilder(pip, console)
        .build(new WheelhouseRequest(lock, wheelDir, options, target, onlyBinary));
  }

  private static List<String> names(Path directory) throws Exception {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void theHostWheelhouseHoldsTheLockedFilesAndAWheelBuiltFromEachSdist() throws Exception {
    Path lock = lock(pinned("alpha==1.0", ALPHA, ALPHA_LINUX), pinned("beta==1.0", BETA_SDIST));
    Path wheelDir = dir.resolve("wheelhouse/3.11");
    WheelhouseResult result = build(lock, wheelDir, TargetOptions.HOST, false);
    assertEquals(
        List.of(ALPHA.filename(), "beta-1.0-py3-none-any.whl", BETA_SDIST.filename()),
        names(wheelDir));
    assertEquals(
        List.of(
            new WheelhouseResult.File(ALPHA.filename(), ALPHA.sha256(), ""),
            new WheelhouseResult.File(
                "beta-1.0-py3-none-any.whl",
                Sha256.of(wheelDir.resolve("beta-1.0-py3-none-any.whl")),
                BETA_SDIST.filename()),
            new WheelhouseResult.File(BETA_SDIST.filename(), BETA_SDIST.sha256(), "")),
        result.files());
    try (Stream<Path> siblings = Files.list(dir.resolve("wheelhouse"))) {
      assertEquals(List.of(wheelDir), siblings.toList(), "no staging directory left behind");
    }
  }

  @Test
  void aPylockTomlGivesTheSameWheelhouseAsTheRequirementsLock() throws Exception {
    Path lock = dir.resolve("pylock.toml");
    Files.writeString(
        lock,
        String.join(
            "\n",
            "lock-version = \"1.0\"",
            "created-by = \"test\"",
            "[[packages]]",
            "name = \"alpha\"",
            "version = \"1.0\"",
            "[[packages.wheels]]",
            "name = \"" + ALPHA.filename() + "\"",
            "path = \"./" + ALPHA.filename() + "\"",
            "hashes = {sha256 = \"" + ALPHA.sha256() + "\"}",
            "[[packages]]",
            "name = \"beta\"",
            "version = \"1.0\"",
            "[packages.sdist]",
            "name = \"" + BETA_SDIST.filename() + "\"",
            "path = \"./" + BETA_SDIST.filename() + "\"",
            "hashes = {sha256 = \"" + BETA_SDIST.sha256() + "\"}",
            ""));
    Path wheelDir = dir.resolve("wheelhouse/pylock");
    WheelhouseResult result = build(lock, wheelDir, TargetOptions.HOST, false);
    assertEquals(
        List.of(ALPHA.filename(), "beta-1.0-py3-none-any.whl", BETA_SDIST.filename()),
        names(wheelDir));
    assertEquals(ALPHA.sha256(), Sha256.of(wheelDir.resolve(ALPHA.filename())));
    assertEquals(3, result.files().size());
  }

  @Test
  void aWheelBuiltAtAnotherTimeWithAnotherUmaskIsTheSameBytes() throws Exception {
    Path lock = lock(pinned("stamped==1.0", STAMPED_SDIST));
    byte[] first = buildStamped(lock, "a", "022", "1600000000");
    byte[] second = buildStamped(lock, "b", "077", "1800000007");
    assertArrayEquals(first, second);
    try (ZipFile wheel = new ZipFile(dir.resolve("a/stamped-1.0-py3-none-any.whl").toFile())) {
      assertEquals(
          "SOURCE_DATE_EPOCH=1700000000\n",
          new String(
              wheel.getInputStream(wheel.getEntry("stamped-1.0.dist-info/BUILT")).readAllBytes()));
    }
  }

  /** The wheel built from the stamped sdist, pip started under {@code umask} at {@code clock}. */
  private byte[] buildStamped(Path lock, String name, String umask, String clock) throws Exception {
    Path python = dir.resolve("python-" + name);
    Files.writeString(python, "#!/bin/sh\numask " + umask + "\nexec python3 \"$@\"\n");
    Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwx------"));
    Map<String, String> environment = new TreeMap<>(IsolatedPip.environment());
    environment.put("MKW_CLOCK", clock);
    PipOptions options =
        new PipOptions(Optional.of(index.simpleUrl()), List.of(), List.of(), false);
    Path wheelDir = dir.resolve(name);
    new WheelhouseBuilder(new PipRunner(python.toString(), environment, console), console)
        .build(
            new WheelhouseRequest(
                lock, wheelDir, options, TargetOptions.HOST, false, 1_700_000_000L));
    return Files.readAllBytes(wheelDir.resolve("stamped-1.0-py3-none-any.whl"));
  }

  @Test
  void aForeignTargetFailsListingEveryPinWithoutAWheelForIt() throws Exception {
    Path lock =
        lock(
            pinned("alpha==1.0", ALPHA, ALPHA_LINUX),
            pinned("beta==1.0", BETA_SDIST),
            pinned("epsilon==2.0", EPSILON_SDIST));
    Path wheelDir = dir.resolve("wheelhouse");
    TargetOptions linux =
        new TargetOptions(
            List.of("manylinux_2_28_x86_64"),
            Optional.of("3.12"),
            Optional.of("cp"),
            Optional.of("cp312"));
    CiException e = assertThrows(CiException.class, () -> build(lock, wheelDir, linux, true));
    assertTrue(
        e.getMessage()
            .startsWith(
                "no file for --download-platform manylinux_2_28_x86_64 --download-python-version 3.12"
                    + " --download-implementation cp --download-abi cp312 --download-only-binary satisfies 2 of the lock's pins:"
                    + " beta==1.0, epsilon==2.0 (pip: "),
        e.getMessage());
    assertFalse(Files.exists(wheelDir), "nothing half-written");
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(lock), left.toList());
    }
  }

  @Test
  void aForeignTargetWithWheelsForEveryPinGetsThem() throws Exception {
    Path lock = lock(pinned("alpha==1.0", ALPHA, ALPHA_LINUX));
    Path wheelDir = dir.resolve("linux");
    TargetOptions linux =
        new TargetOptions(
            List.of("manylinux_2_28_x86_64"),
            Optional.of("3.12"),
            Optional.of("cp"),
            Optional.of("cp312"));
    build(lock, wheelDir, linux, false);
    // The manylinux_2_17 wheel fits manylinux_2_28 (mkwheels-pip widens the tag) and beats
    // py3-none-any.
    assertEquals(List.of(ALPHA_LINUX.filename()), names(wheelDir));
  }

  private WheelhouseResult buildFor(Path lock, Path wheelDir, String... targets) throws Exception {
    PipOptions options =
        new PipOptions(Optional.of(index.simpleUrl()), List.of(), List.of(), false);
    // No interpreter at all: the targets' files are picked without pip.
    PipRunner none = new PipRunner(dir.resolve("no-python").toString(), Map.of(), console);
    return new WheelhouseBuilder(none, new LoopbackHttp(), console)
        .build(
            new WheelhouseRequest(
                lock,
                wheelDir,
                options,
                TargetOptions.HOST,
                false,
                WheelhouseRequest.DEFAULT_EPOCH,
                Stream.of(targets).map(Targets::parse).toList()));
  }

  @Test
  void eachTargetGetsItsMostPreferredLockedWheelWhereItsMarkerHoldsWithoutPip() throws Exception {
    Path lock =
        lock(
            pinned("delta==1.0", DELTA, DELTA_LINUX, DELTA_WINDOWS),
            pinned("zeta==1.0 ; sys_platform == 'win32'", ZETA));
    Path wheelDir = dir.resolve("multi");
    WheelhouseResult result =
        buildFor(lock, wheelDir, "cp312-manylinux_2_28_x86_64", "cp312-win_amd64");
    // Each platform wheel beats py3-none-any on its target; zeta is for Windows only.
    assertEquals(
        List.of(DELTA_LINUX.filename(), DELTA_WINDOWS.filename(), ZETA.filename()),
        names(wheelDir));
    assertEquals(
        List.of(
            new WheelhouseResult.File(DELTA_LINUX.filename(), DELTA_LINUX.sha256(), ""),
            new WheelhouseResult.File(DELTA_WINDOWS.filename(), DELTA_WINDOWS.sha256(), ""),
            new WheelhouseResult.File(ZETA.filename(), ZETA.sha256(), "")),
        result.files());
    // A target whose tags take none of the platform wheels gets the pure one.
    buildFor(lock, wheelDir, "cp312-macosx_11_0_arm64");
    assertEquals(List.of(DELTA.filename()), names(wheelDir));
  }

  @Test
  void aPylockOfTargetsThatNeedTwoVersionsGivesEachTargetItsOwn() throws Exception {
    // As mkwheels pack writes it for two targets: one marked [[packages]] entry per version.
    Path lock = dir.resolve("pylock.toml");
    Files.writeString(
        lock,
        String.join(
            "\n",
            "lock-version = \"1.0\"",
            "created-by = \"mkwheels\"",
            "[[packages]]",
            "name = \"delta\"",
            "version = \"1.0\"",
            "marker = \"sys_platform == 'linux'\"",
            "[[packages.wheels]]",
            "name = \"" + DELTA_LINUX.filename() + "\"",
            "path = \"./" + DELTA_LINUX.filename() + "\"",
            "hashes = {sha256 = \"" + DELTA_LINUX.sha256() + "\"}",
            "[[packages]]",
            "name = \"delta\"",
            "version = \"2.0\"",
            "marker = \"sys_platform == 'win32'\"",
            "[[packages.wheels]]",
            "name = \"" + DELTA2_WINDOWS.filename() + "\"",
            "path = \"./" + DELTA2_WINDOWS.filename() + "\"",
            "hashes = {sha256 = \"" + DELTA2_WINDOWS.sha256() + "\"}",
            ""));
    Path wheelDir = dir.resolve("two-versions");
    buildFor(lock, wheelDir, "cp312-manylinux_2_28_x86_64", "cp312-win_amd64");
    assertEquals(List.of(DELTA_LINUX.filename(), DELTA2_WINDOWS.filename()), names(wheelDir));
  }

  @Test
  void aTargetWithNoLockedWheelForSomePinsFailsNamingItAndThemAndWritesNothing() throws Exception {
    Path lock =
        lock(
            pinned("alpha==1.0", ALPHA, ALPHA_LINUX),
            pinned("beta==1.0", BETA_SDIST),
            pinned("delta==1.0", DELTA_LINUX),
            pinned("epsilon==2.0", EPSILON_SDIST));
    Path wheelDir = dir.resolve("wheelhouse");
    CiException e =
        assertThrows(
            CiException.class,
            () -> buildFor(lock, wheelDir, "cp312-manylinux_2_28_x86_64", "cp312-win_amd64"));
    assertEquals(
        "no wheel the lock hashes is for cp312-manylinux_2_28_x86_64 (2 of the lock's pins:"
            + " beta==1.0, epsilon==2.0); nor for cp312-win_amd64 (3 of the lock's pins:"
            + " beta==1.0, delta==1.0, epsilon==2.0): nothing is built for a --target",
        e.getMessage());
    assertFalse(Files.exists(wheelDir), "nothing half-written");
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(lock), left.toList(), "no staging directory left");
    }
  }

  @Test
  void aFileWhoseHashTheLockDoesNotListFailsAndLeavesTheOldWheelhouse() throws Exception {
    Path wheelDir = Files.createDirectories(dir.resolve("wheelhouse"));
    Files.writeString(wheelDir.resolve("old-0.1-py3-none-any.whl"), "from an earlier run");
    Path lock = lock("alpha==1.0 \\\n    --hash=sha256:" + "0".repeat(64));
    MkwheelsException e =
        assertThrows(
            MkwheelsException.class, () -> build(lock, wheelDir, TargetOptions.HOST, false));
    assertTrue(
        e.getMessage().startsWith("pip download failed: hash mismatch for http://127.0.0.1:"),
        e.getMessage());
    // The expected hash is the lock's, not the index's.
    assertTrue(
        e.getMessage()
            .endsWith(
                ": "
                    + lock
                    + " (line 1) says sha256 "
                    + "0".repeat(64)
                    + ", the file has "
                    + ALPHA.sha256()),
        e.getMessage());
    assertEquals(List.of("old-0.1-py3-none-any.whl"), names(wheelDir));
  }

  @Test
  void aRunReplacesAWheelhouseOfDistributionsButRefusesADirectoryWithOtherFiles() throws Exception {
    Path wheelDir = Files.createDirectories(dir.resolve("wheelhouse"));
    Files.writeString(wheelDir.resolve("old-0.1-py3-none-any.whl"), "from an earlier run");
    Path lock = lock(pinned("alpha==1.0", ALPHA, ALPHA_LINUX));
    build(lock, wheelDir, TargetOptions.HOST, true);
    assertEquals(List.of(ALPHA.filename()), names(wheelDir));

    Files.writeString(wheelDir.resolve("notes.txt"), "mine");
    CiException e =
        assertThrows(CiException.class, () -> build(lock, wheelDir, TargetOptions.HOST, true));
    assertEquals(
        "--wheel-dir "
            + wheelDir
            + " holds notes.txt, which is not a wheel or an sdist; choose an empty or"
            + " new directory (the wheelhouse replaces its whole content)",
        e.getMessage());
  }

  @Test
  void anUnhashedLockIsRefused() throws Exception {
    Path lock = lock("alpha==1.0");
    CiException e =
        assertThrows(
            CiException.class, () -> build(lock, dir.resolve("w"), TargetOptions.HOST, false));
    assertEquals(
        lock
            + ":1: alpha==1.0 has no --hash; a wheelhouse is built from a hashed lock (mkwheels lock writes one)",
        e.getMessage());
  }
}
