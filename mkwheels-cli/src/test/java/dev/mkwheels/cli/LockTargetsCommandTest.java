package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mkwheels lock --target}, {@code --python-version} and {@code --resolver}, in-process. */
class LockTargetsCommandTest {
  private static final Instant UPLOADED = Instant.parse("2024-01-01T00:00:00Z");
  private static final Dist APP =
      WheelBuilder.wheel("app", "1.0")
          .requires("win; sys_platform == 'win32'", "posix; sys_platform != 'win32'")
          .build();
  private static final Dist WIN = WheelBuilder.wheel("win", "1.0").build();
  private static final Dist POSIX = WheelBuilder.wheel("posix", "1.0").build();

  @TempDir Path dir;

  @Test
  void severalTargetsWriteOneLockEachNamedByTheOutPatternWithNoInterpreterAtAll() throws Exception {
    try (PackageIndex index =
        PackageIndex.start().add(APP, UPLOADED).add(WIN, UPLOADED).add(POSIX, UPLOADED)) {
      Path requirements = Files.writeString(dir.resolve("requirements.txt"), "app\n");
      MainTest.Result result =
          MainTest.run(
              IsolatedPip.environment(),
              "lock",
              "--python",
              "/nonexistent/python3",
              "--req",
              requirements.toString(),
              "--out",
              dir.resolve("req-{target}.lock").toString(),
              "--target",
              "cp313-win_amd64",
              "--target",
              "cp312-macosx_11_0_arm64",
              "--index-url",
              index.simpleUrl());
      assertEquals(0, result.code(), result.err());
      Path windows = dir.resolve("req-cp313-win_amd64.lock");
      Path mac = dir.resolve("req-cp312-macosx_11_0_arm64.lock");
      assertEquals(
          "+ app==1.0\n+ win==1.0\n"
              + windows
              + ": 2 distributions pinned, written\n"
              + "+ app==1.0\n+ posix==1.0\n"
              + mac
              + ": 2 distributions pinned, written\n",
          result.out());
      assertTrue(
          Files.readString(windows)
              .contains("--target cp313-win_amd64 --target cp312-macosx_11_0_arm64 --index-url"),
          Files.readString(windows));
    }
  }

  /** pip's isolated environment for the tests, with {@code variable} set to {@code value}. */
  private static Map<String, String> pipWith(String variable, String value) {
    Map<String, String> env = new HashMap<>(IsolatedPip.environment());
    env.put(variable, value);
    return env;
  }

  /** {@code mkwheels lock} of {@code requirements} into {@code lock} from {@code index}. */
  private static MainTest.Result lock(
      Map<String, String> env, String resolver, Path requirements, Path lock, PackageIndex index) {
    return MainTest.run(
        env,
        "lock",
        "--resolver",
        resolver,
        "--req",
        requirements.toString(),
        "--out",
        lock.toString(),
        "--index-url",
        index.simpleUrl());
  }

  @Test
  void pipsConfiguredConstraintsHoldForANativeLockAsForPip() throws Exception {
    try (PackageIndex index =
        PackageIndex.start()
            .add(APP, UPLOADED)
            .add(WIN, UPLOADED)
            .add(POSIX, UPLOADED)
            .add(WheelBuilder.wheel("posix", "2.0").build(), UPLOADED)) {
      Path requirements = Files.writeString(dir.resolve("requirements.txt"), "app\n");
      Path constraints = Files.writeString(dir.resolve("constraints.txt"), "posix<2\n");
      Map<String, String> capped = pipWith("PIP_CONSTRAINT", constraints.toString());
      for (String resolver : List.of("native", "pip")) {
        Path lock = dir.resolve(resolver + ".lock");
        MainTest.Result result = lock(capped, resolver, requirements, lock, index);
        assertEquals(0, result.code(), result.err());
        assertTrue(Files.readString(lock).contains("posix==1.0 "), Files.readString(lock));
      }
      // Without the setting, the newest.
      Path free = dir.resolve("free.lock");
      MainTest.Result result = lock(IsolatedPip.environment(), "native", requirements, free, index);
      assertEquals(0, result.code(), result.err());
      assertTrue(Files.readString(free).contains("posix==2.0 "), Files.readString(free));
    }
  }

  @Test
  void pipsConfiguredPreReleasesHoldForANativeLockAsForPip() throws Exception {
    try (PackageIndex index =
        PackageIndex.start()
            .add(APP, UPLOADED)
            .add(WIN, UPLOADED)
            .add(POSIX, UPLOADED)
            .add(WheelBuilder.wheel("posix", "2.0rc1").build(), UPLOADED)) {
      Path requirements = Files.writeString(dir.resolve("requirements.txt"), "app\n");
      Map<String, String> pre = pipWith("PIP_PRE", "1");
      for (Map<String, String> env : List.of(pre, IsolatedPip.environment())) {
        for (String resolver : List.of("native", "pip")) {
          Path lock = dir.resolve(resolver + env.size() + ".lock");
          MainTest.Result result = lock(env, resolver, requirements, lock, index);
          assertEquals(0, result.code(), result.err());
          String pinned = env == pre ? "posix==2.0rc1 " : "posix==1.0 ";
          assertTrue(
              Files.readString(lock).contains(pinned), resolver + ": " + Files.readString(lock));
        }
      }
    }
  }

  @Test
  void pipsConfiguredNoBinaryHoldsForANativeLock() throws Exception {
    // posix 1.0 is an sdist, 2.0 a wheel: no-binary takes the sdist
    assertNativeLockPins(
        SdistBuilder.sdist("posix", "1.0").build(),
        WheelBuilder.wheel("posix", "2.0").build(),
        "PIP_NO_BINARY",
        "posix",
        "posix==1.0 ",
        "posix==2.0 ");
  }

  @Test
  void pipsConfiguredPreferBinaryHoldsForANativeLock() throws Exception {
    // posix 1.0 is a wheel, 2.0 an sdist: prefer-binary takes the wheel
    assertNativeLockPins(
        POSIX,
        SdistBuilder.sdist("posix", "2.0").build(),
        "PIP_PREFER_BINARY",
        "1",
        "posix==1.0 ",
        "posix==2.0 ");
  }

  /**
   * A native lock of {@code app} from an index with {@code first} and {@code second} (and the build
   * backend an sdist's metadata is built with) pins {@code with} when pip's environment has {@code
   * variable}, and {@code without} when it does not.
   */
  private void assertNativeLockPins(
      Dist first, Dist second, String variable, String value, String with, String without)
      throws Exception {
    try (PackageIndex index =
        PackageIndex.start()
            .add(APP, UPLOADED)
            .add(WIN, UPLOADED)
            .add(first, UPLOADED)
            .add(second, UPLOADED)
            .add(BuildBackend.wheel(), UPLOADED)) {
      Path requirements = Files.writeString(dir.resolve("requirements.txt"), "app\n");
      Map<String, String> set = pipWith(variable, value);
      for (Map<String, String> env : List.of(set, IsolatedPip.environment())) {
        Path lock = dir.resolve("n" + env.size() + ".lock");
        MainTest.Result result = lock(env, "native", requirements, lock, index);
        assertEquals(0, result.code(), result.err());
        String pinned = env == set ? with : without;
        assertTrue(Files.readString(lock).contains(pinned), Files.readString(lock));
      }
    }
  }

  @Test
  void aTargetThatNeedsABuildFailsNamingTheTarget() throws Exception {
    try (PackageIndex index =
        PackageIndex.start().add(SdistBuilder.sdist("onlysource", "1.0").build(), UPLOADED)) {
      Path requirements = Files.writeString(dir.resolve("requirements.txt"), "onlysource\n");
      MainTest.Result result =
          MainTest.run(
              IsolatedPip.environment(),
              "lock",
              "-q",
              "--req",
              requirements.toString(),
              "--out",
              dir.resolve("o.lock").toString(),
              "--target",
              "cp313-win_amd64",
              "--index-url",
              index.simpleUrl());
      assertEquals(1, result.code(), result.err());
      assertEquals(1, result.err().lines().count(), result.err());
      assertTrue(result.err().startsWith("mkwheels: cp313-win_amd64: "), result.err());
      assertTrue(result.err().contains("onlysource"), result.err());
      // and why: the one file there is cannot be taken for another machine
      assertTrue(
          result.err().contains("its file is an sdist (only wheels are taken)"), result.err());
      assertFalse(Files.exists(dir.resolve("o.lock")));
    }
  }

  @Test
  void badTargetsAndResolversAreUsageErrors() {
    AuditCommandTest.assertSubcommandUsageError(
        MainTest.run("lock", "--req", "r.txt", "--out", "o", "--target", "cp312-amiga"),
        "not a target: 'cp312-amiga'; expected IMPL+VERSION-PLATFORM");
    AuditCommandTest.assertSubcommandUsageError(
        MainTest.run(
            "lock",
            "--req",
            "r.txt",
            "--out",
            "o",
            "--target",
            "cp312-win32",
            "--target",
            "cp311-win32"),
        "--out must hold {target}");
    AuditCommandTest.assertSubcommandUsageError(
        MainTest.run(
            "lock",
            "--req",
            "r.txt",
            "--out",
            "o",
            "--resolver",
            "pip",
            "--python-version",
            "3.12"),
        "need --resolver native");
    AuditCommandTest.assertSubcommandUsageError(
        MainTest.run("lock", "--req", "r.txt", "--out", "o", "--resolver", "uv"),
        "--resolver takes native or pip, not 'uv'");
    AuditCommandTest.assertSubcommandUsageError(
        MainTest.run("lock", "--req", "r.txt", "--out", "o", "--python-version", "three"),
        "--python-version takes X.Y");
  }
}
