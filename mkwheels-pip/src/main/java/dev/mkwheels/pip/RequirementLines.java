package dev.mkwheels.pip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The logical lines of requirement files as pip reads them: comments removed, lines ending in a
 * backslash joined to the next, empty lines skipped, and {@code -r}/{@code --requirement} and
 * {@code -c}/{@code --constraint} includes followed (the file named relative to the including file;
 * every line of a constraints file, and of what it includes, is a constraint). Each file is read
 * once however often it is included. Every other line goes to a {@link Visitor}.
 */
public final class RequirementLines {
  /** What is told of each line that is not an include. */
  @FunctionalInterface
  public interface Visitor {
    /**
     * @param file the file as shown to the user (the includer's directory joined to the name)
     * @param number the line's number in it (its first, for a continued line)
     * @param text the logical line, stripped
     * @param constraint whether it is in a constraints file
     * @throws PipException to stop the walk with that one line
     */
    void line(Path file, int number, String text, boolean constraint) throws PipException;
  }

  private final Visitor visitor;
  private final Set<Path> seen = new HashSet<>();

  private RequirementLines(Visitor visitor) {
    this.visitor = visitor;
  }

  /**
   * Walks {@code files}, as requirements files or, with {@code constraints}, as constraints files.
   *
   * @throws PipException one line naming the file: missing or unreadable, or an include that names
   *     no file (with the line), or what the visitor throws
   */
  public static void walk(List<Path> files, boolean constraints, Visitor visitor)
      throws PipException {
    RequirementLines walk = new RequirementLines(visitor);
    for (Path file : files) {
      walk.read(file, constraints);
    }
  }

  private void read(Path shown, boolean constraint) throws PipException {
    Path absolute = shown.toAbsolutePath().normalize();
    if (!seen.add(absolute)) {
      return;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(absolute, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new PipException(
          "no such " + (constraint ? "constraints" : "requirements") + " file: " + shown);
    } catch (IOException e) {
      throw new PipException("cannot read " + shown + ": " + e.getMessage(), e);
    }
    StringBuilder logical = new StringBuilder();
    int start = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (logical.length() == 0) {
        start = i + 1;
      }
      String text = lines.get(i).replaceFirst("(^|\\s+)#.*$", "");
      if (text.endsWith("\\")) {
        logical.append(text, 0, text.length() - 1).append(' ');
        continue;
      }
      logical.append(text);
      String full = logical.toString().strip();
      logical.setLength(0);
      if (!full.isEmpty()) {
        line(shown, start, full, constraint);
      }
    }
  }

  private void line(Path shown, int number, String full, boolean constraint) throws PipException {
    String[] words = full.split("\\s+|=", 2);
    switch (words[0]) {
      case "-r", "--requirement", "-c", "--constraint" -> {
        if (words.length < 2 || words[1].isBlank()) {
          throw new PipException(shown + ":" + number + ": " + words[0] + " names no file");
        }
        Path parent = shown.getParent();
        Path include = Path.of(words[1].strip());
        read(
            parent == null ? include : parent.resolve(include),
            constraint || words[0].equals("-c") || words[0].equals("--constraint"));
      }
      default -> visitor.line(shown, number, full, constraint);
    }
  }
}
