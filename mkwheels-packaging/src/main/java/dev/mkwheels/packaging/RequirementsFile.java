package dev.mkwheels.packaging;

import dev.mkwheels.python.version.Version;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes requirements.txt: one {@code name==version} line per project, PEP 503 names sorted, with a
 * {@code --hash=sha256:} for every file of that name and version, in the form pip's {@code
 * --require-hashes} accepts. In a tree packed for several targets, a version only some of them use
 * is pinned under their markers: {@code name==version ; marker}, and a project whose targets need
 * different versions has one such pin per version.
 */
final class RequirementsFile {
  static final String NAME = "requirements.txt";

  /**
   * The versions of one project, in PEP 440 order ({@code 9.0} before {@code 10.0}); two spellings
   * of one version ({@code 1.0}, {@code 1.0.0}) in string order.
   */
  static final Comparator<String> VERSION_ORDER =
      Comparator.comparing(Version::parse).thenComparing(Comparator.naturalOrder());

  private RequirementsFile() {}

  /**
   * One packed file, the SHA-256 of the bytes that were packed, and the marker of the targets it is
   * for, if it is for only some of them.
   */
  record Hashed(DistributionFile file, String sha256, Optional<String> marker) {}

  /** The hashes and markers of one project's version. */
  private static final class Pinned {
    final SortedSet<String> sha256 = new TreeSet<>();
    final SortedSet<String> markers = new TreeSet<>();
    boolean unmarked;
  }

  /**
   * Renders the file; {@link Wheelhouse} has checked that each project has one version, or several
   * with a marker on every file: then each version is one pin under its own markers, in PEP 440
   * version order.
   */
  static byte[] render(String title, long epoch, List<String> notes, List<Hashed> files) {
    // TreeMaps: the output order is the sorted order, whatever order the files came in.
    Map<String, TreeMap<String, Pinned>> projects = new TreeMap<>();
    for (Hashed hashed : files) {
      Pinned pinned =
          projects
              .computeIfAbsent(hashed.file().project(), p -> new TreeMap<>(VERSION_ORDER))
              .computeIfAbsent(hashed.file().version(), v -> new Pinned());
      pinned.sha256.add(hashed.sha256());
      hashed.marker().ifPresentOrElse(pinned.markers::add, () -> pinned.unmarked = true);
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
    for (Map.Entry<String, TreeMap<String, Pinned>> project : projects.entrySet()) {
      TreeMap<String, Pinned> versions = project.getValue();
      for (Map.Entry<String, Pinned> version : versions.entrySet()) {
        if (versions.size() != 1 && version.getValue().unmarked) {
          throw new IllegalStateException(project.getKey() + " has versions " + versions.keySet());
        }
        text.append(project.getKey()).append("==").append(version.getKey());
        if (!version.getValue().unmarked) {
          text.append(" ; ").append(marker(version.getValue().markers));
        }
        for (String sha256 : version.getValue().sha256) {
          text.append(" \\\n    --hash=sha256:").append(sha256);
        }
        text.append('\n');
      }
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The markers of a version's files, sorted, joined with {@code or}. */
  static String marker(SortedSet<String> markers) {
    if (markers.size() == 1) {
      return markers.first();
    }
    List<String> parts = new ArrayList<>();
    markers.forEach(m -> parts.add("(" + m + ")"));
    return String.join(" or ", parts);
  }

  private static String oneLine(String text) {
    List<String> lines = new ArrayList<>(text.lines().map(String::strip).toList());
    lines.removeIf(String::isEmpty);
    return String.join(" ", lines);
  }
}
