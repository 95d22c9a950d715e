package dev.mkwheels.rebuild;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Console;
import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.packaging.FileOrigin;
import dev.mkwheels.packaging.PackRequest;
import dev.mkwheels.packaging.PackResult;
import dev.mkwheels.packaging.Packager;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

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

  /**
   * mkwheels' own packer, at the lock's name, version, epoch and requirements.txt notes, with each
   * file's index and upload time as the lock records them (pylock.toml writes them again).
   */
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
                lock.notes(),
                origins(lock),
                markers(lock),
                lock.environments()),
            console);
  }

  /** The marker of each file of a package the lock marks (a tarball for several targets). */
  static Map<String, String> markers(Pylock lock) {
    Map<String, String> markers = new TreeMap<>();
    lock.files().forEach(f -> f.marker().ifPresent(m -> markers.put(f.fileName(), m)));
    return markers;
  }

  /**
   * The index and upload time of each file, or the git commit of a git dependency's archive, by
   * file name, where the lock records them.
   */
  static Map<String, FileOrigin> origins(Pylock lock) {
    Map<String, FileOrigin> origins = new TreeMap<>();
    for (Pylock.File file : lock.files()) {
      String index = file.index().isEmpty() ? null : file.index();
      Instant uploaded = null;
      if (!file.uploadTime().isEmpty()) {
        try {
          uploaded = OffsetDateTime.parse(file.uploadTime()).toInstant();
        } catch (DateTimeParseException e) {
          uploaded = null; // not a time this packer wrote: the byte comparison will say so
        }
      }
      if (file.git().isPresent()) {
        origins.put(
            file.fileName(), FileOrigin.git(file.git().get().url(), file.git().get().commit()));
      } else if (index != null || uploaded != null) {
        origins.put(file.fileName(), new FileOrigin(index, uploaded));
      }
    }
    return origins;
  }
}
