package dev.mkwheels.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.pip.PipOptions;
import dev.mkwheels.pip.PipRunner;
import dev.mkwheels.resolver.Target;
import dev.mkwheels.resolver.Targets;
import dev.mkwheels.testkit.Dist;
import dev.mkwheels.testkit.IsolatedPip;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.WheelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mkwheels lock --resolver native} against a loopback index, compared with the machine's
 * real pip where both can lock.
 */
class NativeLockerTest {
  private static final Instant UPLOADED = Instant.parse("2024-01-01T00:00:00Z");
  private static final Dist APP =
      WheelBuilder.wheel("app", "1.0")
          .requires(
              "new312; python_version >= '3.12'",
              "old; python_version < '3.12'",
              "winonly; sys_platform == 'win32'")
          .build();
  private static final Dist NEW312 = WheelBuilder.wheel("new312", "1.0").build();
  private static final Dist OLD = WheelBuilder.wheel("old", "1.0").build();
  private static final Dist WINONLY =
      WheelBuilder.wheel("winonly", "1.0").tag("cp311-cp311-win_amd64").build();

  @TempDir Path dir;
  private PackageIndex index;
  private final RecordingConsole console = new RecordingConsole();
  private final PipRunner pip = new PipRunner("python3", IsolatedPip.environment(), console);
  private Path requirements;
  private Path lock;

  @BeforeEach
  void start() throws Exception {
    index = PackageIndex.start();
    for (Dist dist :
        List.of(
            LockerTest.ALPHA_11,
            LockerTest.ALPHA_11_SDIST,
            LockerTest.BETA_1,
            LockerTest.BETA_2,
            LockerTest.GAMMA,
            LockerTest.DELTA,
            APP,
            NEW312,
            OLD,
            WINONLY)) {
      index.add(dist, UPLOADED);
    }
    requirements = dir.resolve("requirements.txt");
    Files.writeString(requirements, "# what we need\nalpha[fast]  # the app\n");
    lock = dir.resolve("lockfiles/requirements.lock");
  }

  @AfterEach
  void stop() {
    index.close();
  }

  private LockRequest request(
      LockResolver resolver,
      Path out,
      List<Target> targets,
      Optional<String> python,
      boolean upgrade,
      String... upgradePackages) {
    PipOptions options =
        new PipOptions(Optional.of(index.simpleUrl()), List.of(), List.of(), false);
    return new LockRequest(
        List.of(requirements),
        out,
        options,
        upgrade,
        Set.of(upgradePackages),
        "mkwheels lock --req r",
        LockFormat.REQUIREMENTS,
        resolver,
        targets,
        python);
  }

  private List<LockResult> lock(LockRequest request) throws Exception {
    return new Locker(pip, new LoopbackHttp(), console).lockAll(request);
  }

  private LockResult nativeLock(boolean upgrade, String... upgradePackages) throws Exception {
    return lock(request(
            LockResolver.NATIVE, lock, List.of(), Optional.empty(), upgrade, upgradePackages))
        .get(0);
  }

  @Test
  void theNativeLockIsByteForByteThePipLockForTheInterpreter() throws Exception {
    Files.writeString(requirements, "# what we need\nalpha[fast]  # the app\napp\nbeta>=1.0\n");
    Path byPip = dir.resolve("pip.lock");
    lock(request(LockResolver.PIP, byPip, List.of(), Optional.empty(), false));
    Path byNative = dir.resolve("native.lock");
    List<LockResult> results =
        lock(request(LockResolver.NATIVE, byNative, List.of(), Optional.empty(), false));
    assertEquals(
        List.of("+ alpha==1.1", "+ app==1.0", "+ beta==2.0", "+ gamma==1.0", "+ old==1.0"),
        results.get(0).changes());
    assertEquals(Files.readString(byPip), Files.readString(byNative));
  }

  @Test
  void aKeptPinThatStillFitsStaysWhileAnotherIsUpgraded() throws Exception {
    nativeLock(false);
    index.add(WheelBuilder.wheel("beta", "3.0").build(), UPLOADED);
    index.add(WheelBuilder.wheel("gamma", "2.0").build(), UPLOADED);
    LockResult kept = nativeLock(false);
    assertFalse(kept.written());
    assertEquals(List.of(), kept.changes());

    LockResult upgraded = nativeLock(false, "Beta");
    assertEquals(List.of("beta 2.0 -> 3.0"), upgraded.changes());
    assertTrue(Files.readString(lock).contains("\ngamma==1.0 \\\n"), Files.readString(lock));

    assertEquals(List.of("gamma 1.0 -> 2.0"), nativeLock(true).changes());
  }

  @Test
  void aConflictingKeptPinIsDroppedAloneAndSaid() throws Exception {
    nativeLock(false);
    // gamma 2.0 is newer, but gamma's pin still fits: it stays; beta's no longer does.
    index.add(WheelBuilder.wheel("gamma", "2.0").build(), UPLOADED);
    Files.writeString(requirements, "alpha[fast]\nbeta<2\n");
    LockResult result = nativeLock(false);
    assertEquals(List.of("beta 2.0 -> 1.0"), result.changes());
    assertTrue(
        console.warnings.contains(
            "kept 2 pins of "
                + lock
                + "; dropped beta 2.0 (now 1.0): conflicts with the requirements ask beta<2"),
        console.warnings.toString());
    assertTrue(Files.readString(lock).contains("\ngamma==1.0 \\\n"), Files.readString(lock));
  }

  @Test
  void aLockForAPythonThisMachineDoesNotHave() throws Exception {
    assertFalse(Files.exists(Path.of("/usr/bin/python3.12")), "the test needs no python3.12");
    Files.writeString(requirements, "app\n");
    LockResult result =
        lock(request(LockResolver.NATIVE, lock, List.of(), Optional.of("3.12"), false)).get(0);
    assertEquals(List.of("+ app==1.0", "+ new312==1.0"), result.changes());
    String text = Files.readString(lock);
    assertTrue(
        text.contains("# This file is autogenerated by mkwheels lock with Python 3.12 for cp312-"),
        text);
    assertTrue(text.contains("new312==1.0 \\\n    --hash=sha256:" + NEW312.sha256()), text);
    assertFalse(text.contains("old=="), text);
  }

  @Test
  void aLockForAForeignPlatformPerTarget() throws Exception {
    Files.writeString(requirements, "app\n");
    Path pattern = dir.resolve("requirements-{target}.lock");
    List<LockResult> results =
        lock(
            request(
                LockResolver.NATIVE,
                pattern,
                List.of(
                    Targets.parse("cp311-win_amd64"), Targets.parse("cp312-manylinux_2_28_x86_64")),
                Optional.empty(),
                false));
    assertEquals(2, results.size());
    Path windows = dir.resolve("requirements-cp311-win_amd64.lock");
    assertEquals(windows, results.get(0).output());
    assertEquals(List.of("+ app==1.0", "+ old==1.0", "+ winonly==1.0"), results.get(0).changes());
    assertTrue(
        Files.readString(windows).contains("with Python 3.11 for cp311-win_amd64\n"),
        Files.readString(windows));
    assertEquals(List.of("+ app==1.0", "+ new312==1.0"), results.get(1).changes());
    assertTrue(Files.exists(dir.resolve("requirements-cp312-manylinux_2_28_x86_64.lock")));
  }

  @Test
  void severalTargetsNeedAPatternAndPipNeedsTheHost() {
    IllegalArgumentException pattern =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                request(
                    LockResolver.NATIVE,
                    lock,
                    List.of(Targets.parse("cp311-win_amd64"), Targets.parse("cp312-win_amd64")),
                    Optional.empty(),
                    false));
    assertTrue(pattern.getMessage().contains("--out must hold {target}"), pattern.getMessage());
    IllegalArgumentException pip =
        assertThrows(
            IllegalArgumentException.class,
            () -> request(LockResolver.PIP, lock, List.of(), Optional.of("3.12"), false));
    assertTrue(pip.getMessage().contains("need --resolver native"), pip.getMessage());
  }
}
