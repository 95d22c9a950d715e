package dev.mkwheels.ci;

import dev.mkwheels.python.requirement.InvalidRequirementException;
import dev.mkwheels.python.requirement.Requirement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which requirement or constraints file names which project, for the lock's {@code # via -r
 * requirements.txt} lines. Follows {@code -r} and {@code -c} includes relative to the including
 * file, as pip does; a file is shown as the user named it (joined to the includer's name).
 */
final class RequirementSources {
  private final Map<String, Set<String>> sources = new TreeMap<>();
  private final Set<Path> seen = new HashSet<>();

  private RequirementSources() {}

  /**
   * @param files the requirement files as given on the command line
   * @return project name to {@code -r FILE} / {@code -c FILE} labels, sorted
   * @throws CiException when a file does not exist or cannot be read
   */
  static Map<String, Set<String>> scan(List<Path> files) throws CiException {
    RequirementSources scanner = new RequirementSources();
    for (Path file : files) {
      scanner.read(file, "-r");
    }
    return scanner.sources;
  }

  private void read(Path shown, String kind) throws CiException {
    Path absolute = shown.toAbsolutePath().normalize();
    if (!seen.add(absolute)) {
      return;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(absolute, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new CiException(
          "no such " + (kind.equals("-r") ? "requirements" : "constraints") + " file: " + shown);
    } catch (IOException e) {
      throw new CiException("cannot read " + shown + ": " + e.getMessage(), e);
    }
    String label = kind + " " + shown;
    StringBuilder logical = new StringBuilder();
    for (String line : lines) {
      String text = line.replaceFirst("(^|\\s+)#.*$", "");
      if (text.endsWith("\\")) {
        logical.append(text, 0, text.length() - 1).append(' ');
        continue;
      }
      logical.append(text);
      String full = logical.toString().strip();
      logical.setLength(0);
      String[] words = full.split("\\s+", 2);
      if (words[0].equals("-r")
          || words[0].equals("--requirement")
          || words[0].equals("-c")
          || words[0].equals("--constraint")) {
        if (words.length > 1) {
          String include =
              kind.equals("-c") || words[0].startsWith("-c") || words[0].equals("--constraint")
                  ? "-c"
                  : "-r";
          Path parent = shown.getParent();
          read(
              parent == null ? Path.of(words[1].strip()) : parent.resolve(words[1].strip()),
              include);
        }
        continue;
      }
      if (full.isEmpty()
          || full.startsWith("-")
          || full.startsWith(".")
          || full.startsWith("/")
          || full.contains("://") && !full.contains("@")) {
        continue;
      }
      name(full).ifPresent(n -> sources.computeIfAbsent(n, k -> new TreeSet<>()).add(label));
    }
  }

  /**
   * The normalized project a requirement line names: the words before its first option ({@code
   * --hash=...}), as pip splits a line, read as a PEP 508 requirement. Empty when they are not one:
   * pip has already refused such a line or taken it as something else (a path, a URL).
   */
  static Optional<String> name(String line) {
    List<String> words = new ArrayList<>();
    for (String word : line.split("\\s+")) {
      if (word.startsWith("-")) {
        break;
      }
      words.add(word);
    }
    try {
      return Optional.of(Requirement.parse(String.join(" ", words)).projectName().normalized());
    } catch (InvalidRequirementException e) {
      return Optional.empty();
    }
  }
}
