package dev.mkwheels.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.testkit.IsolatedPip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner with the machine's real python3 and pip. */
class PipRunnerTest {
  @TempDir Path temp;
  final RecordingConsole console = new RecordingConsole();
  final PipRunner runner = new PipRunner("python3", IsolatedPip.environment(), console);

  @Test
  void readsPipsVersionAndThePythonItRunsOn() throws Exception {
    PipVersion version = runner.version();
    assertTrue(version.major() >= 20, version.toString());
    assertTrue(version.python().matches("3\\.\\d+"), version.toString());
    assertEquals(1, console.progress.size(), "one progress line per run: " + console.progress);
  }

  @Test
  void aMissingInterpreterIsOneLineNamingIt() {
    PipRunner missing = new PipRunner(temp.resolve("no-such-python").toString(), IsolatedPip.environment(), console);
    PipException e = assertThrows(PipException.class, missing::version);
    assertTrue(e.getMessage().startsWith("cannot run the Python interpreter '" + temp.resolve("no-such-python")), e.getMessage());
    assertTrue(e.getMessage().endsWith("(--python): no such file or command"), e.getMessage());
  }

  @Test
  void anInterpreterWithoutPipIsToldApartFromAFailingPip() throws Exception {
    Process venv = new ProcessBuilder("python3", "-m", "venv", "--without-pip", temp.resolve("bare").toString())
        .redirectErrorStream(true).start();
    assertTrue(venv.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, venv.exitValue(), new String(venv.getInputStream().readAllBytes()));
    String python = temp.resolve("bare/bin/python").toString();
    PipRunner bare = new PipRunner(python, IsolatedPip.environment(), console);
    PipException version = assertThrows(PipException.class, bare::version);
    assertEquals("the Python interpreter '" + python + "' (--python) has no pip; install it with '"
        + python + " -m ensurepip' or choose another --python", version.getMessage());
    PipException check = assertThrows(PipException.class, () -> bare.check(PipCommand.of("download", "six")));
    assertEquals(version.getMessage(), check.getMessage());
  }

  @Test
  void aFailureIsSummarizedAsPipsLastErrorLine() {
    PipCommand download =
        PipCommand.of("download", "--no-index", "-d", temp.toString(), "no-such-project-mkwheels==1.0");
    PipException e = assertThrows(PipException.class, () -> runner.check(download));
    assertEquals(
        "pip download failed: No matching distribution found for no-such-project-mkwheels==1.0 (from versions: none)",
        e.getMessage());
  }

  @Test
  void runReturnsAFailureInsteadOfThrowing() throws Exception {
    PipResult result = runner.run(PipCommand.of("download", "--no-index", "-d", temp.toString(), "nope-mkwheels"));
    assertFalse(result.succeeded());
    assertTrue(result.stderr().contains("No matching distribution"), result.stderr());
  }

  @Test
  void environmentOverridesAndRemovalsReachPip() throws Exception {
    PipResult result =
        runner.check(
            PipCommand.of("config", "list")
                .withEnvironment(Map.of("PIP_FIND_LINKS", "/from/the/test", "PIP_PRE", "1"))
                .withUnset(List.of("PIP_PRE")));
    assertTrue(result.stdout().contains(":env:.find-links='/from/the/test'"), result.stdout());
    assertFalse(result.stdout().contains("pre"), "PIP_PRE was unset: " + result.stdout());
  }

  @Test
  void runsInTheGivenWorkingDirectory() throws Exception {
    Path project = Files.createDirectory(temp.resolve("project"));
    Files.writeString(project.resolve("reqs.txt"), "# nothing\n");
    PipCommand command = PipCommand.of("download", "--no-index", "-d", "out", "-r", "reqs.txt");
    PipException elsewhere = assertThrows(PipException.class, () -> runner.check(command));
    assertTrue(elsewhere.getMessage().contains("reqs.txt"), elsewhere.getMessage());
    assertTrue(runner.check(command.withWorkingDirectory(project)).succeeded());
  }

  @Test
  void aRunThatHangsIsKilledAndRetriedABoundedNumberOfTimes() throws IOException {
    // An interpreter that never answers: the one edge real pip cannot be made to show on demand.
    Path hanging = temp.resolve("hanging-python");
    Files.writeString(hanging, "#!/bin/sh\nsleep 120\n");
    Files.setPosixFilePermissions(hanging, PosixFilePermissions.fromString("rwx------"));
    PipRunner slow = new PipRunner(hanging.toString(), IsolatedPip.environment(), console);
    PipCommand command = PipCommand.of("download", "six").withTimeout(Duration.ofSeconds(1)).withAttempts(2);
    PipTimeoutException e = assertThrows(PipTimeoutException.class, () -> slow.run(command));
    assertEquals("pip download timed out after 1s (tried 2 times)", e.getMessage());
    assertEquals(List.of("pip download timed out after 1s; trying again (2 of 2)"), console.warnings);
    assertEquals(0, ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").endsWith("sleep")).count(),
        "the hanging children were killed");
  }

  @Test
  void pipsOutputIsEchoedAsDebugLines() throws Exception {
    runner.version();
    assertTrue(console.debug.stream().anyMatch(l -> l.startsWith("pip: pip ")), console.debug.toString());
  }
}
