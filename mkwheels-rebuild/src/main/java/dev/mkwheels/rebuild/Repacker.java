package dev.mkwheels.rebuild;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Console;
import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.packaging.PackRequest;
import dev.mkwheels.packaging.PackResult;
import dev.mkwheels.packaging.Packager;
import java.nio.file.Path;

/**
 * Packs the fetched files as the lock says the tarball was packed. The seam between fetching and
 * packing: everything the lock recorded is handed over, so that the tarball's own manifests
 * (requirements.txt, pylock.toml) come out of the packer exactly as they did the first time.
 */
@FunctionalInterface
public interface Repacker {

  /**
   * Packs {@code distributions} (exactly the lock's files, checked) into {@code outputDirectory}.
   */
  PackResult repack(Pylock lock, Path distributions, Path outputDirectory, Console console)
      throws MkwheelsException;

  /** mkwheels' own packer, at the lock's name, version, epoch and requirements.txt notes. */
  static Repacker packager(Packager packager) {
    requireNonNull(packager, "packager is null");
    return (lock, distributions, outputDirectory, console) ->
        packager.pack(
            new PackRequest(
                distributions,
                lock.name(),
                lock.version(),
                lock.epoch(),
                outputDirectory,
                lock.notes()),
            console);
  }
}
