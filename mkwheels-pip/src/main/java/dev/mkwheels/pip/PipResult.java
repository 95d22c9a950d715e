package dev.mkwheels.pip;

import java.util.List;

/**
 * A finished pip run.
 *
 * @param exitCode pip's exit code
 * @param stdout what pip wrote on stdout (for example a {@code --report -} JSON document)
 * @param stderr what pip wrote on stderr: its log, warnings and errors
 */
public record PipResult(int exitCode, String stdout, String stderr) {

  /** Whether pip exited 0. */
  public boolean succeeded() {
    return exitCode == 0;
  }

  /** stdout then stderr, as lines: pip logs on stdout and reports errors on stderr. */
  public List<String> lines() {
    return (stdout + "\n" + stderr).lines().toList();
  }

  /** pip's failure in one line, from its last meaningful lines ({@link PipFailure}). */
  public String failure() {
    return PipFailure.summarize(lines());
  }
}
