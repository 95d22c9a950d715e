package dev.mkwheels.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** pip's output as pip 23 and pip 26 print it, reduced to one line. */
class PipFailureTest {

  @Test
  void theLastErrorLineWinsOverNoticesAfterIt() {
    List<String> lines = List.of(
        "Looking in indexes: http://127.0.0.1:1/simple",
        "ERROR: Could not find a version that satisfies the requirement nope==1 (from versions: none)",
        "ERROR: No matching distribution found for nope==1",
        "",
        "[notice] A new release of pip is available: 23.2.1 -> 26.2.1",
        "[notice] To update, run: pip install --upgrade pip");
    assertEquals("No matching distribution found for nope==1", PipFailure.summarize(lines));
  }

  @Test
  void aHashMismatchNamesTheFileAndBothHashes() {
    List<String> lines = List.of(
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
    List<String> lines = List.of(
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
    assertEquals("Getting requirements to build wheel did not run successfully.", PipFailure.summarize(lines));
  }

  @Test
  void withoutAnErrorLineTheLastMeaningfulLineIsUsed() {
    assertEquals("Traceback: boom", PipFailure.summarize(List.of("something", "Traceback: boom", "", "note: x")));
    assertEquals("pip gave no output", PipFailure.summarize(List.of("", "  ")));
  }

  @Test
  void aVeryLongLineIsClipped() {
    String summary = PipFailure.summarize(List.of("ERROR: " + "x".repeat(1000)));
    assertEquals(400, summary.length());
  }
}
