package dev.mkwheels.ci;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A parsed lock.
 *
 * @param path the file as the user named it
 * @param entries its requirements in file order ({@code -r} includes in place)
 */
public record LockFile(Path path, List<LockEntry> entries) {
  public LockFile {
    Objects.requireNonNull(path, "path is null");
    entries = List.copyOf(entries);
  }

  /** Every pinned distribution once, sorted. */
  public List<Pin> pins() {
    return List.copyOf(new TreeSet<>(entries.stream().map(LockEntry::pin).toList()));
  }
}
