package dev.mkwheels.ci;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks downloaded files against the lock, independently of pip: each file is a pin of the lock,
 * its sha256 is among that pin's hashes, and every pin has a file. Built wheels are accepted for
 * the pin of the sdist they were built from.
 */
final class LockCheck {
  private final LockFile lock;

  LockCheck(LockFile lock) {
    this.lock = lock;
  }

  /**
   * @param wheels sdist to the wheel built from it
   * @return every file, downloaded and built, sorted by name
   */
  List<WheelhouseResult.File> check(Path downloads, Map<Path, Path> wheels) throws CiException {
    List<WheelhouseResult.File> files = new ArrayList<>();
    Set<Pin> covered = new HashSet<>();
    for (Path file : Listing.files(downloads)) {
      String name = file.getFileName().toString();
      LockEntry entry = entryOf(name, "downloaded");
      String sha = sha256(file);
      if (!entry.hashes().contains("sha256:" + sha)) {
        throw new CiException(
            "the downloaded "
                + name
                + " has sha256 "
                + sha
                + ", which "
                + entry.location()
                + " does not list for "
                + entry.pin());
      }
      covered.add(entry.pin());
      files.add(new WheelhouseResult.File(name, sha, ""));
    }
    for (Map.Entry<Path, Path> built : wheels.entrySet()) {
      String name = built.getValue().getFileName().toString();
      LockEntry entry = entryOf(name, "built");
      LockEntry sdist = entryOf(built.getKey().getFileName().toString(), "downloaded");
      if (!entry.pin().equals(sdist.pin())) {
        throw new CiException(
            "building "
                + built.getKey().getFileName()
                + " made "
                + name
                + ", another distribution");
      }
      files.add(
          new WheelhouseResult.File(
              name, sha256(built.getValue()), built.getKey().getFileName().toString()));
    }
    List<String> missing = new ArrayList<>();
    for (LockEntry entry : lock.entries()) {
      if (!covered.contains(entry.pin())) {
        missing.add(entry.pin().toString());
      }
    }
    if (!missing.isEmpty()) {
      throw new CiException("pip downloaded no file for " + String.join(", ", missing));
    }
    files.sort((a, b) -> a.name().compareTo(b.name()));
    return files;
  }

  private LockEntry entryOf(String fileName, String how) throws CiException {
    for (LockEntry entry : lock.entries()) {
      // Read as a file of each pinned project in turn, as pip's finder reads an index page.
      Optional<Pin> pin = DistributionFileName.parse(fileName, entry.pin().name());
      if (pin.isPresent() && entry.pin().sameVersion(pin.get().version())) {
        return entry;
      }
    }
    throw new CiException("the " + how + " " + fileName + " is not a pin of " + lock.path());
  }

  private static String sha256(Path file) throws CiException {
    try {
      return Sha256.of(file);
    } catch (IOException e) {
      throw new CiException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
