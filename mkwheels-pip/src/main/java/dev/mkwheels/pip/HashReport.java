package dev.mkwheels.pip;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link HashVerifier} found.
 *
 * @param sha256 every file's SHA-256 (lower-case hex), by file name, sorted
 * @param checked how many files matched a hash the index gave
 * @param unchecked the files no index gave a hash for (found by {@code --find-links}, built
 *     locally, or on an index that gives none), sorted
 * @param madeHere the files mkwheels wrote itself (git dependencies' archives), which no index has,
 *     sorted
 * @param builtHere the wheels pip built here from sdists ({@code --wheels-only}), which no index
 *     has, sorted
 * @param indexes for each file whose hash an index gave, that index's URL with any user name and
 *     password removed, by file name, sorted
 * @param uploadTimes for each checked file whose index page dates it (PEP 700 {@code upload-time},
 *     JSON pages only), that time, by file name, sorted
 */
public record HashReport(
    Map<String, String> sha256,
    int checked,
    List<String> unchecked,
    List<String> madeHere,
    List<String> builtHere,
    Map<String, String> indexes,
    Map<String, Instant> uploadTimes) {
  public HashReport {
    sha256 = Map.copyOf(new TreeMap<>(sha256));
    indexes = Map.copyOf(new TreeMap<>(indexes));
    uploadTimes = Map.copyOf(new TreeMap<>(uploadTimes));
    unchecked = List.copyOf(unchecked);
    madeHere = List.copyOf(madeHere);
    builtHere = List.copyOf(builtHere);
  }

  /** A report with no upload times known. */
  public HashReport(
      Map<String, String> sha256,
      int checked,
      List<String> unchecked,
      List<String> madeHere,
      List<String> builtHere,
      Map<String, String> indexes) {
    this(sha256, checked, unchecked, madeHere, builtHere, indexes, Map.of());
  }

  public HashReport(
      Map<String, String> sha256,
      int checked,
      List<String> unchecked,
      List<String> madeHere,
      List<String> builtHere) {
    this(sha256, checked, unchecked, madeHere, builtHere, Map.of());
  }

  public HashReport(
      Map<String, String> sha256, int checked, List<String> unchecked, List<String> madeHere) {
    this(sha256, checked, unchecked, madeHere, List.of());
  }

  public HashReport(Map<String, String> sha256, int checked, List<String> unchecked) {
    this(sha256, checked, unchecked, List.of());
  }

  /** One line for the summary. */
  public String describe() {
    StringBuilder line =
        new StringBuilder()
            .append(checked)
            .append(" of ")
            .append(sha256.size())
            .append(" files match the index's sha256");
    if (!unchecked.isEmpty()) {
      line.append("; ").append(unchecked.size()).append(" had no index hash to check");
    }
    if (!madeHere.isEmpty()) {
      line.append("; ")
          .append(madeHere.size())
          .append(" written by mkwheels from git clones (on no index)");
    }
    if (!builtHere.isEmpty()) {
      line.append("; ").append(builtHere.size()).append(" built here from sdists (on no index)");
    }
    return line.toString();
  }
}
