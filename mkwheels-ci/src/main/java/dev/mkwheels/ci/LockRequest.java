package dev.mkwheels.ci;

import dev.mkwheels.pip.PipOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code mkwheels lock} was asked.
 *
 * @param requirements the requirement files ({@code --req}), as given
 * @param output the lock to write ({@code --out}); its pins are kept while still valid
 * @param index pip's index options
 * @param upgrade {@code --upgrade}: keep no existing pin
 * @param upgradePackages {@code --upgrade-package}: keep no existing pin of these (normalized)
 * @param command the command line for the header, credentials removed
 * @param format what to write: requirements-style or pylock.toml
 */
public record LockRequest(
    List<Path> requirements,
    Path output,
    PipOptions index,
    boolean upgrade,
    Set<String> upgradePackages,
    String command,
    LockFormat format) {

  /** A requirements-style lock. */
  public LockRequest(
      List<Path> requirements,
      Path output,
      PipOptions index,
      boolean upgrade,
      Set<String> upgradePackages,
      String command) {
    this(requirements, output, index, upgrade, upgradePackages, command, LockFormat.REQUIREMENTS);
  }

  public LockRequest {
    requirements = List.copyOf(requirements);
    Objects.requireNonNull(output, "output is null");
    Objects.requireNonNull(index, "index is null");
    TreeSet<String> normalized = new TreeSet<>();
    upgradePackages.forEach(p -> normalized.add(Pin.normalize(p)));
    upgradePackages = Set.copyOf(normalized);
    Objects.requireNonNull(command, "command is null");
    Objects.requireNonNull(format, "format is null");
    if (requirements.isEmpty()) {
      throw new IllegalArgumentException("no requirement files");
    }
  }
}
