package dev.mkwheels.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.api.internal.ProcessTree;
import dev.mkwheels.testkit.IsolatedPip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
    assertEquals(List.of(), console.progress, "no pip run: the interpreter's probe answers");
    assertEquals(
        1,
        console.debug.stream().filter(l -> l.startsWith(InterpreterProbe.LABEL)).count(),
        "one start of the interpreter: " + console.debug);
  }

  @Test
  void aMissingInterpreterIsOneLineNamingIt() {
    PipRunner missing =
        new PipRunner(
            temp.resolve("no-such-python").toString(), IsolatedPip.environment(), console);
    PipException e = assertThrows(PipException.class, missing::version);
    assertTrue(
        e.getMessage()
            .startsWith("cannot run the Python interpreter '" + temp.resolve("no-such-python")),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("(--python): no such file or command"), e.getMessage());
  }

  @Test
  void anInterpreterWithoutPipIsToldApartFromAFailingPip() throws Exception {
    Process venv =
        new ProcessBuilder(
                "python3", "-m", "venv", "--without-pip", temp.resolve("bare").toString())
            .redirectErrorStream(true)
            .start();
    assertTrue(venv.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, venv.exitValue(), new String(venv.getInputStream().readAllBytes()));
    String python = temp.resolve("bare/bin/python").toString();
    PipRunner bare = new PipRunner(python, IsolatedPip.environment(), console);
    PipException version = assertThrows(PipException.class, bare::version);
    assertEquals(
        "the Python interpreter '"
            + python
            + "' (--python) has no pip; install it with '"
            + python
            + " -m ensurepip' or choose another --python",
        version.getMessage());
    PipException check =
        assertThrows(PipException.class, () -> bare.check(PipCommand.of("download", "six")));
    assertEquals(version.getMessage(), check.getMessage());
  }

  @Test
  void aFailureIsSummarizedAsPipsLastErrorLine() {
    PipCommand download =
        PipCommand.of(
            "download", "--no-index", "-d", temp.toString(), "no-such-project-mkwheels==1.0");
    PipException e = assertThrows(PipException.class, () -> runner.check(download));
    assertEquals(
        "pip download failed: No matching distribution found for no-such-project-mkwheels==1.0 (from versions: none)",
        e.getMessage());
  }

  @Test
  void runReturnsAFailureInsteadOfThrowing() throws Exception {
    PipResult result =
        runner.run(PipCommand.of("download", "--no-index", "-d", temp.toString(), "nope-mkwheels"));
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
  void aRunThatHangsIsKilledAndRetriedABoundedNumberOfTimes() throws Exception {
    // An interpreter that never answers: the one edge real pip cannot be made to show on demand.
    Path hanging = markerScript("hanging-python");
    PipRunner slow = new PipRunner(hanging.toString(), IsolatedPip.environment(), console);
    PipCommand command =
        PipCommand.of("download", "six").withTimeout(Duration.ofSeconds(1)).withAttempts(2);
    PipTimeoutException e = assertThrows(PipTimeoutException.class, () -> slow.run(command));
    assertEquals("pip download timed out after 1s (tried 2 times)", e.getMessage());
    assertEquals(
        List.of("pip download timed out after 1s; trying again (2 of 2)"), console.warnings);
    List<Long> markers = markerPids();
    assertEquals(2, markers.size(), "one marker per attempt: " + markers);
    for (long pid : markers) {
      assertFalse(running(pid), "the grandchild " + pid + " of the hanging interpreter was killed");
    }
  }

  @Test
  void anInterruptedRunKillsPipAndEverythingItStarted() throws Exception {
    Path hanging = markerScript("hanging-python");
    PipRunner slow = new PipRunner(hanging.toString(), IsolatedPip.environment(), console);
    Thread caller = Thread.currentThread();
    Thread interrupter =
        new Thread(
            () -> {
              try {
                while (markerPids().isEmpty()) {
                  Thread.sleep(20);
                }
                caller.interrupt();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    interrupter.start();
    PipException e =
        assertThrows(PipException.class, () -> slow.run(PipCommand.of("download", "six")));
    assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
    interrupter.join();
    assertEquals("pip download was interrupted", e.getMessage());
    List<Long> markers = markerPids();
    assertEquals(1, markers.size(), markers.toString());
    assertFalse(running(markers.get(0)), "the grandchild " + markers.get(0) + " was killed");
  }

  @Test
  void credentialsNeverReachPipUnlessPassedOnPurpose() throws Exception {
    Path recording = temp.resolve("recording-python");
    Files.writeString(recording, "#!/bin/sh\nenv > '" + temp.resolve("env.txt") + "'\n");
    Files.setPosixFilePermissions(recording, PosixFilePermissions.fromString("rwx------"));
    Map<String, String> env = new TreeMap<>(IsolatedPip.environment());
    env.putAll(
        Map.of(
            "GITHUB_TOKEN",
            "secret",
            "gitlab_token",
            "secret",
            "AWS_SECRET_ACCESS_KEY",
            "secret",
            "TWINE_PASSWORD",
            "secret",
            "FOO_TOKEN",
            "x",
            "SSH_AUTH_SOCK",
            "/agent",
            "MKWHEELS_PASS_ENV",
            "FOO_TOKEN"));
    new PipRunner(recording.toString(), env, console)
        .run(
            PipCommand.of("download", "six")
                .withEnvironment(
                    Map.of("GH_TOKEN", "from-a-provider", "SOURCE_DATE_EPOCH", "1700000000")));
    List<String> lines = Files.readAllLines(temp.resolve("env.txt"));
    assertTrue(
        lines.stream().noneMatch(l -> l.contains("secret") || l.contains("from-a-provider")),
        lines.toString());
    assertTrue(lines.contains("FOO_TOKEN=x"), "passed on purpose: " + lines);
    assertTrue(lines.contains("SSH_AUTH_SOCK=/agent"), lines.toString());
    assertTrue(lines.contains("SOURCE_DATE_EPOCH=1700000000"), lines.toString());
    assertTrue(lines.contains("PATH=" + System.getenv("PATH")), lines.toString());
    assertTrue(
        console.debug.stream()
            .anyMatch(
                l ->
                    l.contains("credentials")
                        && l.contains("GITHUB_TOKEN")
                        && !l.contains("secret")),
        "--verbose names what was dropped, never a value: " + console.debug);
  }

  /**
   * An interpreter that starts a marker grandchild (a subshell's {@code sleep}), records its pid,
   * and waits: once the script dies, the marker is no longer a descendant of this JVM, so only its
   * pid can tell whether it was killed.
   */
  private Path markerScript(String name) throws IOException {
    Path script = temp.resolve(name);
    Files.createDirectories(temp.resolve("markers"));
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + "( sleep 300 & echo $! > '"
            + temp.resolve("markers")
            + "/'$$.tmp; "
            + "mv '"
            + temp.resolve("markers")
            + "/'$$.tmp '"
            + temp.resolve("markers")
            + "/'$$.pid; wait ) &\n"
            + "wait\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  private List<Long> markerPids() throws IOException {
    try (Stream<Path> files = Files.list(temp.resolve("markers"))) {
      List<Long> pids = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".pid")).sorted().toList()) {
        pids.add(Long.parseLong(Files.readString(file).strip()));
      }
      return pids;
    }
  }

  /** Alive and not a zombie: a killed orphan may wait for an init that never reaps it. */
  static boolean running(long pid) throws InterruptedException {
    // SIGKILL is asynchronous: give the kernel a moment to deliver it.
    for (int i = 0; i < 50; i++) {
      if (!ProcessHandle.of(pid).map(ProcessTree::running).orElse(false)) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  @Test
  void pipsOutputIsEchoedAsDebugLines() throws Exception {
    runner.run(PipCommand.of("--version"));
    assertTrue(
        console.debug.stream().anyMatch(l -> l.startsWith("pip: pip ")), console.debug.toString());
  }
}
