package dev.mkwheels.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mkwheels.testkit.IsolatedPip;
import dev.mkwheels.testkit.WheelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pip's output as pip 23 and pip 26 print it, reduced to one line. */
class PipFailureTest {

  @Test
  void theLastErrorLineWinsOverNoticesAfterIt() {
    List<String> lines =
        List.of(
            "Looking in indexes: http://127.0.0.1:1/simple",
            "ERROR: Could not find a version that satisfies the requirement nope==1 (from versions: none)",
            "ERROR: No matching distribution found for nope==1",
            "",
            "[notice] A new release of pip is available: 23.2.1 -> 26.2.1",
            "[notice] To update, run: pip install --upgrade pip");
    assertEquals(
        "No matching distribution found for nope==1 (from versions: none)",
        PipFailure.summarize(lines));
  }

  @Test
  void whoAskedAndWhichVersionsExistStayOnTheLine() {
    List<String> lines =
        List.of(
            "Collecting celery==5.3.0",
            "ERROR: Could not find a version that satisfies the requirement kombu<6.0,>=5.3.0 (from celery)"
                + " (from versions: 4.6.11, 5.2.4)",
            "ERROR: No matching distribution found for kombu<6.0,>=5.3.0");
    assertEquals(
        "No matching distribution found for kombu<6.0,>=5.3.0 (from celery) (from versions: 4.6.11, 5.2.4)",
        PipFailure.summarize(lines));
  }

  @Test
  void aCrashIsTheExceptionItselfNotPipsExceptionLine() {
    List<String> lines =
        List.of(
            "Processing ./torch-2.13.0-cp311-cp311-manylinux_2_28_x86_64.whl",
            "ERROR: Exception:",
            "Traceback (most recent call last):",
            "  File \"/usr/lib/python3/dist-packages/pip/_internal/cli/base_command.py\", line 180, in exc_logging_wrapper",
            "    status = run_func(*args)",
            "  File \"/usr/lib/python3.11/shutil.py\", line 258, in copyfile",
            "    with open(dst, 'wb') as fdst:",
            "         ^^^^^^^^^^^^^^^",
            "OSError: [Errno 28] No space left on device",
            "",
            "[notice] A new release of pip is available: 23.2.1 -> 26.2.1");
    assertEquals(
        "pip crashed: OSError: [Errno 28] No space left on device", PipFailure.summarize(lines));
  }

  @Test
  void aRealPipCrashIsReportedByItsCause(@TempDir Path temp) throws Exception {
    // A real pip whose open() of the wheel it saves fails as a full disk does.
    Path site = Files.createDirectory(temp.resolve("site"));
    Files.writeString(
        site.resolve("sitecustomize.py"),
        String.join(
            "\n",
            "import builtins, errno",
            "_open = builtins.open",
            "def full(file, mode='r', *args, **kwargs):",
            "    if 'w' in mode and str(file).endswith('.whl'):",
            "        raise OSError(errno.ENOSPC, 'No space left on device')",
            "    return _open(file, mode, *args, **kwargs)",
            "builtins.open = full",
            ""));
    Path links = Files.createDirectory(temp.resolve("links"));
    WheelBuilder.wheel("six", "1.0").build().writeTo(links);
    Map<String, String> env = new TreeMap<>(IsolatedPip.environment());
    env.put("PYTHONPATH", site.toString());
    PipResult result =
        new PipRunner("python3", env, new RecordingConsole())
            .run(
                PipCommand.of(
                    "download",
                    "--no-index",
                    "--find-links",
                    links.toString(),
                    "--dest",
                    temp.resolve("dest").toString(),
                    "six==1.0"));
    assertEquals(false, result.succeeded(), result.stderr());
    assertEquals("pip crashed: OSError: [Errno 28] No space left on device", result.failure());
  }

  @Test
  void aHashMismatchAgainstALockSaysTheLockGaveTheHash() {
    List<String> lines =
        List.of(
            "ERROR: THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE. If you have updated"
                + " the package versions, please update the hashes. Otherwise, examine the package contents"
                + " carefully; someone may have tampered with them.",
            "    alpha==1.0 from http://127.0.0.1:8765/files/alpha-1.0-py3-none-any.whl#sha256=4721"
                + " (from -r /ci/requirements.lock-3.12 (line 1)):",
            "        Expected sha256 0000",
            "             Got        4721");
    assertEquals(
        "hash mismatch for http://127.0.0.1:8765/files/alpha-1.0-py3-none-any.whl:"
            + " /ci/requirements.lock-3.12 (line 1) says sha256 0000, the file has 4721",
        PipFailure.summarize(lines));
  }

  @Test
  void aHashMismatchNamesTheFileAndBothHashes() {
    List<String> lines =
        List.of(
            "ERROR: THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE. If you have updated"
                + " the package versions, please update the hashes. Otherwise, examine the package contents"
                + " carefully; someone may have tampered with them.",
            "    six from http://u:secret@127.0.0.1:8765/files/six-1.17.0-py2.py3-none-any.whl#sha256=0000 (from x==1):",
            "        Expected sha256 0000",
            "             Got        4721");
    assertEquals(
        "hash mismatch for http://****@127.0.0.1:8765/files/six-1.17.0-py2.py3-none-any.whl:"
            + " the index says sha256 0000, the file has 4721",
        PipFailure.summarize(lines));
  }

  @Test
  void aFailedBuildIsItsCrossLine() {
    List<String> lines =
        List.of(
            "  error: subprocess-exited-with-error",
            "  ",
            "  × Getting requirements to build wheel did not run successfully.",
            "  │ exit code: 1",
            "  ╰─> [3 lines of output]",
            "      boom",
            "      [end of output]",
            "  ",
            "  note: This error originates from a subprocess, and is likely not a problem with pip.",
            "error: subprocess-exited-with-error",
            "",
            "× Getting requirements to build wheel did not run successfully.",
            "│ exit code: 1",
            "╰─> See above for output.",
            "",
            "note: This error originates from a subprocess, and is likely not a problem with pip.");
    assertEquals(
        "Getting requirements to build wheel did not run successfully.",
        PipFailure.summarize(lines));
  }

  @Test
  void withoutAnErrorLineTheLastMeaningfulLineIsUsed() {
    assertEquals(
        "Traceback: boom",
        PipFailure.summarize(List.of("something", "Traceback: boom", "", "note: x")));
    assertEquals("pip gave no output", PipFailure.summarize(List.of("", "  ")));
  }

  @Test
  void aVeryLongLineIsClipped() {
    String summary = PipFailure.summarize(List.of("ERROR: " + "x".repeat(1000)));
    assertEquals(400, summary.length());
  }
}
