package dev.mkwheels.pip;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pip's version and the Python it runs on, from {@code python -m pip --version}.
 *
 * @param major pip's major version, for example 23
 * @param minor pip's minor version
 * @param text pip's version as it printed it, for example {@code 23.2.1}
 * @param python the interpreter's {@code X.Y}, for example {@code 3.11}
 */
public record PipVersion(int major, int minor, String text, String python) {
  private static final Pattern LINE =
      Pattern.compile("pip (\\d+)(?:\\.(\\d+))?(\\S*) from .* \\(python (\\d+\\.\\d+)\\)\\s*");

  /** The first pip that has {@code --uploaded-prior-to}. */
  public static final int UPLOADED_PRIOR_TO_SINCE = 26;

  /**
   * Parses {@code pip 23.2.1 from /usr/lib/python3/site-packages/pip (python 3.11)}.
   *
   * @throws IllegalArgumentException when the line is not pip's version line
   */
  public static PipVersion parse(String line) {
    Matcher m = LINE.matcher(line.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a pip version line: " + line);
    }
    int minor = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    String text = m.group(1) + (m.group(2) == null ? "" : "." + m.group(2)) + m.group(3);
    return new PipVersion(Integer.parseInt(m.group(1)), minor, text, m.group(4));
  }

  /** Whether this pip can restrict resolution to files uploaded before a time. */
  public boolean supportsUploadedPriorTo() {
    return major >= UPLOADED_PRIOR_TO_SINCE;
  }

  /** Whether this pip is at least {@code wantedMajor.wantedMinor}. */
  public boolean atLeast(int wantedMajor, int wantedMinor) {
    return major > wantedMajor || (major == wantedMajor && minor >= wantedMinor);
  }

  @Override
  public String toString() {
    return "pip " + text + " (python " + python + ")";
  }
}
