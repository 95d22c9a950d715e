package dev.mkwheels.ci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code --wheel-dir}: refused when it holds anything but distributions (it is replaced as a
 * whole, and a user's other files must not go with it), then swapped for the new one with renames.
 */
final class WheelDirectory {
  private final Path path;

  WheelDirectory(Path path) {
    this.path = path;
  }

  void checkReplaceable() throws CiException {
    if (path.toAbsolutePath().getParent() == null) {
      throw new CiException("--wheel-dir cannot be the root directory");
    }
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new CiException("--wheel-dir " + path + " exists and is not a directory");
    }
    try (Stream<Path> entries = Files.list(path)) {
      for (Path entry : entries.sorted().toList()) {
        String name = entry.getFileName().toString();
        if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)
            || !DistributionFileName.isDistribution(name)) {
          throw new CiException(
              "--wheel-dir "
                  + path
                  + " holds "
                  + name
                  + ", which is not a wheel or an sdist;"
                  + " choose an empty or new directory (the wheelhouse replaces its whole content)");
        }
      }
    } catch (IOException e) {
      throw new CiException("cannot list --wheel-dir " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Makes {@code staging/final} from the files, then renames the old directory away and the new one
   * into place (the old one is put back if the second rename fails).
   */
  void replaceWith(Path staging, Path downloads, Collection<Path> builtWheels) throws CiException {
    Path fresh = staging.resolve("final");
    Path old = staging.resolve("old");
    try {
      Files.createDirectories(fresh);
      for (Path file : List.copyOf(Listing.files(downloads))) {
        Files.move(file, fresh.resolve(file.getFileName()));
      }
      for (Path wheel : builtWheels) {
        Files.move(wheel, fresh.resolve(wheel.getFileName()));
      }
      boolean hadOld = Files.exists(path, LinkOption.NOFOLLOW_LINKS);
      if (hadOld) {
        Files.move(path, old, StandardCopyOption.ATOMIC_MOVE);
      }
      try {
        Files.move(fresh, path, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (hadOld) {
          Files.move(old, path, StandardCopyOption.ATOMIC_MOVE);
        }
        throw e;
      }
    } catch (IOException e) {
      throw new CiException(
          "cannot put the wheelhouse in place at " + path + ": " + e.getMessage(), e);
    }
  }
}
