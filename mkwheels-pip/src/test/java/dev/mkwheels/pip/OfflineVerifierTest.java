package dev.mkwheels.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.packaging.PackRequest;
import dev.mkwheels.packaging.PackResult;
import dev.mkwheels.packaging.Packager;
import dev.mkwheels.testkit.Dist;
import dev.mkwheels.testkit.IsolatedPip;
import dev.mkwheels.testkit.TamperedGzip;
import dev.mkwheels.testkit.WheelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --verify with real pip and a real venv. */
class OfflineVerifierTest {
  static final String PYTHON = System.getenv().getOrDefault("MKWHEELS_TEST_PYTHON", "python3");

  @TempDir Path temp;
  final RecordingConsole console = new RecordingConsole();

  PackResult pack(Dist... dists) throws Exception {
    Path dir = Files.createDirectory(temp.resolve("dists"));
    for (Dist dist : dists) {
      dist.writeTo(dir);
    }
    return new Packager()
        .pack(
            new PackRequest(
                dir,
                "demo",
                "1.0",
                1_700_000_000L,
                Files.createDirectory(temp.resolve("out")),
                List.of()),
            console);
  }

  OfflineVerifier verifier(Map<String, String> env) {
    return new OfflineVerifier(PYTHON, env, console, Duration.ofMinutes(5));
  }

  @Test
  void aCompleteTreeInstallsEvenWhenPipsOwnConfigurationPointsElsewhere() throws Exception {
    PackResult result =
        pack(
            WheelBuilder.wheel("demo", "1.0").requires("dep>=1").build(),
            WheelBuilder.wheel("dep", "1.1").build());
    // A user's pip.conf find-links must not help (or hurt) the proof: it is switched off.
    Map<String, String> env = new TreeMap<>(System.getenv());
    env.put("PIP_FIND_LINKS", temp.resolve("nowhere").toString());
    String verdict =
        verifier(env)
            .verify(
                result.tarball(),
                TargetOptions.HOST,
                Optional.empty(),
                Files.createDirectory(temp.resolve("work")));
    assertTrue(verdict.startsWith("installed offline into a fresh venv of " + PYTHON), verdict);
    assertTrue(Files.isDirectory(temp.resolve("work/venv/lib")), "a real venv was made");
  }

  String refusal(Path tarball) throws Exception {
    PipException e =
        assertThrows(
            PipException.class,
            () ->
                verifier(System.getenv())
                    .verify(
                        tarball,
                        TargetOptions.HOST,
                        Optional.empty(),
                        Files.createDirectory(temp.resolve("work"))));
    assertFalse(Files.exists(temp.resolve("work/venv")), "refused before any venv was made");
    return e.getMessage();
  }

  @Test
  void aTarballWithASecondGzipMemberIsRefusedNamingIt() throws Exception {
    PackResult result = pack(WheelBuilder.wheel("demo", "1.0").build());
    Path tarball = TamperedGzip.appendMember(result.tarball(), "hidden");
    assertEquals(
        "--verify: cannot extract "
            + tarball.getFileName()
            + ": has bytes after the end of its gzip stream",
        refusal(tarball));
  }

  @Test
  void aTarballWithABadCrcIsRefusedNamingIt() throws Exception {
    PackResult result = pack(WheelBuilder.wheel("demo", "1.0").build());
    Path tarball = TamperedGzip.breakCrc(result.tarball());
    assertEquals(
        "--verify: cannot extract "
            + tarball.getFileName()
            + ": Gzip-compressed data is corrupt (CRC32 error)",
        refusal(tarball));
  }

  @Test
  void aMissingDependencyFailsWithPipsReason() throws Exception {
    PackResult result =
        pack(WheelBuilder.wheel("demo", "1.0").requires("absent-dependency").build());
    PipException e =
        assertThrows(
            PipException.class,
            () ->
                verifier(IsolatedPip.environment())
                    .verify(
                        result.tarball(),
                        TargetOptions.HOST,
                        Optional.empty(),
                        Files.createDirectory(temp.resolve("work"))));
    assertTrue(e.getMessage().startsWith("verify: pip "), e.getMessage());
    assertTrue(e.getMessage().contains("absent-dependency"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }

  @Test
  void aForeignTargetIsSkippedAndSaysWhy() throws Exception {
    PackResult result = pack(WheelBuilder.wheel("demo", "1.0").build());
    TargetOptions arm =
        new TargetOptions(
            List.of("manylinux_2_28_aarch64"),
            Optional.of("3.12"),
            Optional.empty(),
            Optional.empty());
    Path work = Files.createDirectory(temp.resolve("work"));
    String verdict =
        verifier(IsolatedPip.environment()).verify(result.tarball(), arm, Optional.empty(), work);
    assertTrue(verdict.startsWith("skipped: the target ("), verdict);
    assertTrue(verdict.contains("manylinux_2_28_aarch64"), verdict);
    assertFalse(Files.exists(work.resolve("venv")), "nothing was installed");
  }
}
