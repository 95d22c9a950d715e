package dev.mkwheels.ci;

import dev.mkwheels.pip.PipException;
import dev.mkwheels.pip.RequirementLines;
import dev.mkwheels.python.requirement.InvalidRequirementException;
import dev.mkwheels.python.requirement.Requirement;
import java.nio.file.Path;
import java.util.ArrayList;
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
  private RequirementSources() {}

  /**
   * @param files the requirement files as given on the command line
   * @return project name to {@code -r FILE} / {@code -c FILE} labels, sorted
   * @throws PipException when a file does not exist or cannot be read
   */
  static Map<String, Set<String>> scan(List<Path> files) throws PipException {
    Map<String, Set<String>> sources = new TreeMap<>();
    RequirementLines.walk(
        files,
        false,
        (file, number, full, constraint) -> {
          // Options, and what pip takes for a path or a URL, name no project here.
          if (full.startsWith("-")
              || full.startsWith(".")
              || full.startsWith("/")
              || full.contains("://") && !full.contains("@")) {
            return;
          }
          String label = (constraint ? "-c " : "-r ") + file;
          name(full).ifPresent(n -> sources.computeIfAbsent(n, k -> new TreeSet<>()).add(label));
        });
    return sources;
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
