package dev.mkwheels.pip;

import dev.mkwheels.python.requirement.InvalidRequirementException;
import dev.mkwheels.python.requirement.Requirement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The requirements and constraints of requirement files, for the native resolver: PEP 508 lines
 * (direct references {@code name @ URL} included), {@code -r} and {@code -c} includes relative to
 * the including file as pip reads them, per-line {@code --hash} options (ignored: the lock computes
 * its own), {@code --pre}. Anything else pip's files allow (an index option, {@code -e}, a bare
 * path or URL) is refused with the file and line, so a lock never silently differs from pip's.
 *
 * @param roots the requirements, in file order
 * @param constraints the {@code -c} lines, in file order
 * @param pre whether a file says {@code --pre}
 */
public record RequirementFiles(
    List<Requirement> roots, List<Requirement> constraints, boolean pre) {
  public RequirementFiles {
    roots = List.copyOf(roots);
    constraints = List.copyOf(constraints);
  }

  /**
   * Reads {@code files} and what they include.
   *
   * @throws PipException one line naming the file and line: missing, unreadable, or a line the
   *     native resolver cannot take
   */
  public static RequirementFiles read(List<Path> files) throws PipException {
    return read(files, false);
  }

  /**
   * Reads {@code files} as constraints files, as pip reads {@code -c FILE} and its {@code
   * constraint} setting: every requirement in them and what they include is a constraint.
   *
   * @throws PipException as {@link #read(List)} does
   */
  public static RequirementFiles constraints(List<Path> files) throws PipException {
    return read(files, true);
  }

  private static RequirementFiles read(List<Path> files, boolean constraint) throws PipException {
    Reader reader = new Reader();
    RequirementLines.walk(files, constraint, reader::line);
    return new RequirementFiles(reader.roots, reader.constraints, reader.pre);
  }

  private static final class Reader {
    private final List<Requirement> roots = new ArrayList<>();
    private final List<Requirement> constraints = new ArrayList<>();
    private boolean pre;

    private void line(Path shown, int number, String full, boolean constraint) throws PipException {
      String where = shown + ":" + number;
      String first = full.split("\\s+|=", 2)[0];
      if (first.equals("--pre")) {
        pre = true;
        return;
      }
      if (full.startsWith("-")) {
        throw unsupported(where, first);
      }
      List<String> requirement = new ArrayList<>();
      for (String word : full.split("\\s+")) {
        if (word.startsWith("--hash")) {
          break;
        }
        if (word.startsWith("-")) {
          throw unsupported(where, word);
        }
        requirement.add(word);
      }
      Requirement parsed;
      try {
        parsed = Requirement.parse(String.join(" ", requirement));
      } catch (InvalidRequirementException e) {
        throw new PipException(
            where
                + ": '"
                + full
                + "' is not a requirement the native resolver reads (a path or a bare URL?):"
                + " write it as NAME @ URL, or use --resolver pip");
      }
      (constraint ? constraints : roots).add(parsed);
    }

    private static PipException unsupported(String where, String option) {
      return new PipException(
          where
              + ": "
              + option
              + " in a requirements file is not supported by --resolver native: pass index"
              + " options on the command line, or use --resolver pip");
    }
  }
}
