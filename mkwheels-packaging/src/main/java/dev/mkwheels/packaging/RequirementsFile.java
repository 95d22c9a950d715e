package dev.mkwheels.packaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes requirements.txt: one {@code name==version} line per project, PEP 503 names sorted, with a
 * {@code --hash=sha256:} for every file of that name and version, in the form pip's {@code
 * --require-hashes} accepts.
 */
final class RequirementsFile {
  static final String NAME = "requirements.txt";

  private RequirementsFile() {}

  /** One packed file and the SHA-256 of the bytes that were packed. */
  record Hashed(DistributionFile file, String sha256) {}

  /** Renders the file; {@link Wheelhouse} has checked that each project has one version. */
  static byte[] render(String title, long epoch, List<String> notes, List<Hashed> files) {
    // TreeMaps: the output order is the sorted order, whatever order the files came in.
    Map<String, TreeMap<String, SortedSet<String>>> projects = new TreeMap<>();
    for (Hashed hashed : files) {
      projects
          .computeIfAbsent(hashed.file().project(), p -> new TreeMap<>())
          .computeIfAbsent(hashed.file().version(), v -> new TreeSet<>())
          .add(hashed.sha256());
    }
    StringBuilder text = new StringBuilder();
    text.append("# ").append(oneLine(title)).append(": pinned and hashed by mkwheels\n");
    text.append("# SOURCE_DATE_EPOCH=")
        .append(epoch)
        .append(" (")
        .append(Instant.ofEpochSecond(epoch))
        .append(")\n");
    for (String note : notes) {
      text.append("# ").append(oneLine(note)).append('\n');
    }
    text.append("# pip install --no-index --find-links . --require-hashes -r ")
        .append(NAME)
        .append('\n');
    for (Map.Entry<String, TreeMap<String, SortedSet<String>>> project : projects.entrySet()) {
      TreeMap<String, SortedSet<String>> versions = project.getValue();
      if (versions.size() != 1) {
        throw new IllegalStateException(project.getKey() + " has versions " + versions.keySet());
      }
      Map.Entry<String, SortedSet<String>> version = versions.firstEntry();
      text.append(project.getKey()).append("==").append(version.getKey());
      for (String sha256 : version.getValue()) {
        text.append(" \\\n    --hash=sha256:").append(sha256);
      }
      text.append('\n');
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String oneLine(String text) {
    List<String> lines = new ArrayList<>(text.lines().map(String::strip).toList());
    lines.removeIf(String::isEmpty);
    return String.join(" ", lines);
  }
}
