package dev.mkwheels.pip;

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
 */
public record HashReport(Map<String, String> sha256, int checked, List<String> unchecked) {
  public HashReport {
    sha256 = Map.copyOf(new TreeMap<>(sha256));
    unchecked = List.copyOf(unchecked);
  }

  /** One line for the summary. */
  public String describe() {
    String head = checked + " of " + sha256.size() + " files match the index's sha256";
    return unchecked.isEmpty() ? head : head + "; " + unchecked.size() + " had no index hash to check";
  }
}
