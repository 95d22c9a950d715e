package dev.mkwheels.pip;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns pip's output into the one line a user reads. pip ends a failure with {@code ERROR: ...}
 * lines, or for a failed build with a {@code × ...} box, followed by notes and hints that say
 * nothing about this failure.
 */
public final class PipFailure {
  private static final int MAX_LENGTH = 400;
  private static final Pattern NOISE =
      Pattern.compile(
          "(\\[notice].*|note: .*|hint: .*|╰─> See above for output\\.|│ exit code: \\d+"
              + "|error: subprocess-exited-with-error|error: metadata-generation-failed"
              + "|WARNING: .*|DEPRECATION: .*|\\s*)",
          Pattern.DOTALL);

  private PipFailure() {}

  /**
   * One line: a hash mismatch as {@code hash mismatch for URL: expected sha256 X, got Y}; else the
   * last {@code ERROR:} line; else the last {@code ×} line; else the last line that is not a note;
   * {@code pip gave no output} when there is none.
   */
  public static String summarize(List<String> lines) {
    List<String> meaningful = tail(lines, Integer.MAX_VALUE);
    for (int i = meaningful.size() - 1; i >= 0; i--) {
      String line = meaningful.get(i);
      if (line.startsWith("ERROR: THESE PACKAGES DO NOT MATCH THE HASHES")) {
        return clip(hashMismatch(meaningful.subList(i + 1, meaningful.size())));
      }
      if (line.startsWith("ERROR: ")) {
        return clip(line.substring("ERROR: ".length()));
      }
    }
    for (int i = meaningful.size() - 1; i >= 0; i--) {
      String line = meaningful.get(i);
      if (line.startsWith("× ")) {
        return clip(line.substring(2));
      }
    }
    return meaningful.isEmpty() ? "pip gave no output" : clip(meaningful.get(meaningful.size() - 1));
  }

  /**
   * The last {@code count} meaningful lines, for {@code --verbose} and for callers that look for a
   * particular error.
   */
  public static List<String> tail(List<String> lines, int count) {
    List<String> meaningful = new ArrayList<>();
    for (String line : lines) {
      if (!NOISE.matcher(line.strip()).matches()) {
        meaningful.add(line.strip());
      }
    }
    return List.copyOf(meaningful.subList(Math.max(0, meaningful.size() - count), meaningful.size()));
  }

  /** pip lists "NAME from URL:", "Expected sha256 X", "Got Y" after its hash error. */
  private static String hashMismatch(List<String> details) {
    String from = "";
    String expected = "";
    String got = "";
    for (String line : details) {
      if (from.isEmpty() && line.contains(" from ") && line.endsWith(":")) {
        // "beta from URL[#sha256=...] (from alpha==1.0):"
        from = line.substring(line.indexOf(" from ") + 6, line.length() - 1).split(" ")[0];
        int fragment = from.indexOf('#');
        from = Redaction.url(fragment < 0 ? from : from.substring(0, fragment));
      } else if (expected.isEmpty() && line.startsWith("Expected ")) {
        expected = line.substring("Expected ".length()).strip();
      } else if (got.isEmpty() && line.startsWith("Got ")) {
        got = line.substring("Got ".length()).strip();
      }
    }
    return "hash mismatch" + (from.isEmpty() ? "" : " for " + from)
        + (expected.isEmpty() ? "" : ": the index says " + expected.replaceAll("\\s+", " "))
        + (got.isEmpty() ? "" : ", the file has " + got);
  }

  private static String clip(String line) {
    return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH - 3) + "...";
  }
}
