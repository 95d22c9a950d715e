package dev.mkwheels.pip;

import dev.mkwheels.python.index.Redaction;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
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

  private static final Pattern FROM_FILE =
      Pattern.compile("\\(from -r (.+) \\(line (\\d+)\\)\\):$");

  private PipFailure() {}

  /**
   * One line: a hash mismatch as {@code hash mismatch for URL: WHERE says sha256 X, the file has
   * Y}, WHERE being the requirements file (a lock) when the requirement came from one, else the
   * index; a crash as {@code pip crashed: } and the exception's own line; else the last {@code
   * ERROR:} line, with the context pip gave on the line before it ({@code (from celery) (from
   * versions: ...)}); else the last {@code ×} line; else the last line that is not a note; {@code
   * pip gave no output} when there is none.
   */
  public static String summarize(List<String> lines) {
    List<String> meaningful = tail(lines, Integer.MAX_VALUE);
    for (int i = meaningful.size() - 1; i >= 0; i--) {
      String line = meaningful.get(i);
      if (line.startsWith("ERROR: THESE PACKAGES DO NOT MATCH THE HASHES")) {
        return clip(hashMismatch(meaningful.subList(i + 1, meaningful.size())));
      }
      if (line.equals("ERROR: Exception:")) {
        return clip(crash(meaningful.subList(i + 1, meaningful.size())));
      }
      if (line.startsWith("ERROR: ")) {
        String before = i > 0 ? meaningful.get(i - 1) : "";
        return clip(withContext(line.substring("ERROR: ".length()), before));
      }
    }
    for (int i = meaningful.size() - 1; i >= 0; i--) {
      String line = meaningful.get(i);
      if (line.startsWith("× ")) {
        return clip(line.substring(2));
      }
    }
    return meaningful.isEmpty()
        ? "pip gave no output"
        : clip(meaningful.get(meaningful.size() - 1));
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
    return List.copyOf(
        meaningful.subList(Math.max(0, meaningful.size() - count), meaningful.size()));
  }

  /**
   * pip says "No matching distribution found for X" last, and what the user needs (who asked for X,
   * which versions exist) on the line before: "Could not find a version that satisfies the
   * requirement X (from celery) (from versions: 1.0, 2.0)". That context goes on the one line.
   */
  private static String withContext(String last, String before) {
    String prefix = "No matching distribution found for ";
    String asked = "ERROR: Could not find a version that satisfies the requirement ";
    if (!last.startsWith(prefix) || !before.startsWith(asked)) {
      return last;
    }
    String requirement = last.substring(prefix.length());
    String said = before.substring(asked.length());
    if (!said.startsWith(requirement + " (")) {
      return last;
    }
    return last + said.substring(requirement.length());
  }

  /**
   * pip logs "ERROR: Exception:" and a traceback when it crashes; the traceback's last line that is
   * not indented is the exception itself ("OSError: [Errno 28] No space left on device").
   */
  private static String crash(List<String> traceback) {
    for (int i = traceback.size() - 1; i >= 0; i--) {
      String line = traceback.get(i);
      if (line.matches("[A-Za-z_][\\w.]*(Error|Exception|Exit|Interrupt|Warning)\\b.*")) {
        return "pip crashed: " + line;
      }
    }
    return "pip crashed" + (traceback.isEmpty() ? "" : ": " + traceback.get(traceback.size() - 1));
  }

  /**
   * pip lists "NAME from URL:", "Expected sha256 X", "Got Y" after its hash error. The expected
   * hash is the requirement's own {@code --hash} when the requirement came from a file ("(from -r
   * FILE (line N))": a lock), else the hash the index gave with the link.
   */
  private static String hashMismatch(List<String> details) {
    String from = "";
    String says = "the index";
    String expected = "";
    String got = "";
    for (String line : details) {
      if (from.isEmpty() && line.contains(" from ") && line.endsWith(":")) {
        // "beta from URL[#sha256=...] (from alpha==1.0):" or "... (from -r LOCK (line 3)):"
        from = line.substring(line.indexOf(" from ") + 6, line.length() - 1).split(" ")[0];
        int fragment = from.indexOf('#');
        from = Redaction.mask(fragment < 0 ? from : from.substring(0, fragment));
        Matcher file = FROM_FILE.matcher(line);
        if (file.find()) {
          says = file.group(1) + " (line " + file.group(2) + ")";
        }
      } else if (expected.isEmpty() && line.startsWith("Expected ")) {
        expected = line.substring("Expected ".length()).strip();
      } else if (got.isEmpty() && line.startsWith("Got ")) {
        got = line.substring("Got ".length()).strip();
      }
    }
    return "hash mismatch"
        + (from.isEmpty() ? "" : " for " + from)
        + (expected.isEmpty() ? "" : ": " + says + " says " + expected.replaceAll("\\s+", " "))
        + (got.isEmpty() ? "" : ", the file has " + got);
  }

  private static String clip(String line) {
    return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH - 3) + "...";
  }
}
