package dev.mkwheels.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.testkit.IsolatedPip;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The selftest's verdicts, against the real packaged CLI. */
class SelfTestIT {
  static final Path CLI_LIB = Path.of(System.getProperty("mkwheels.lib"));

  @TempDir Path temp;

  @Test
  void aClockDerivedEpochInOneBuildFailsTheCheckNamingTheEntryAndField() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ReproducibilityCheck check =
        new ReproducibilityCheck(
            new CliRunner(CLI_LIB, IsolatedPip.environment()),
            new OfflineInstall("python3", IsolatedPip.environment()),
            new Variation("022", "UTC", "C.UTF-8", java),
            new Variation("077", "Asia/Tokyo", "C.UTF-8", java));
    try (HermeticIndex index = HermeticIndex.start()) {
      List<String> args = new ArrayList<>(index.pypiArguments());
      List<String> clocked = new ArrayList<>(args);
      // The injected nondeterminism: the second build stamps its entries with the clock.
      clocked.addAll(List.of("--epoch", Long.toString(System.currentTimeMillis() / 1000)));
      List<Outcome> outcomes = check.run("pypi", args, clocked, temp, Optional.empty(), m -> {});
      assertEquals(1, outcomes.size(), outcomes.toString());
      Outcome verdict = outcomes.get(0);
      assertFalse(verdict.ok());
      assertTrue(verdict.line().startsWith("FAILED  pypi: two builds"), verdict.line());
      assertTrue(
          verdict.line().contains("differ: entry 'selftest-app-wheels-1.0/': mtime "),
          verdict.line());
    }
  }

  @Test
  void aMalformedPackageIsAUsageError() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        SelfTest.run(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            "--cli-lib",
            CLI_LIB.toString(),
            "--index-url",
            "http://127.0.0.1:9/",
            "--pypi-package",
            "requests");
    assertEquals("", out.toString(StandardCharsets.UTF_8), "no check ran");
    assertEquals(2, code, err.toString(StandardCharsets.UTF_8));
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("--pypi-package must be NAME==VER"),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aMalformedGithubRepoIsAUsageError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        SelfTest.run(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            "--cli-lib",
            CLI_LIB.toString(),
            "--live",
            "--gh-repo",
            "pypa/sampleproject");
    assertEquals(2, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--gh-repo must be OWNER/REPO@TAG"));
  }

  @Test
  void anUnknownOptionExitsTwo() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        SelfTest.run(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            "--cli-lib",
            CLI_LIB.toString(),
            "--bogus");
    assertEquals(2, code);
    assertEquals(1, err.toString(StandardCharsets.UTF_8).lines().count());
  }
}
