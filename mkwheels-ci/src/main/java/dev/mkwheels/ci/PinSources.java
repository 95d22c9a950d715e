package dev.mkwheels.ci;

import dev.mkwheels.api.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Where the pins of an audit come from: a lock, or the files of a wheelhouse or tarball. */
public final class PinSources {
  private PinSources() {}

  /** Every pin of a lock (and its {@code -r} includes). */
  public static List<Pin> fromLock(Path lock) throws CiException {
    return new LockFileParser().parse(lock).pins();
  }

  /**
   * Every distribution under {@code directory}, at any depth (an extracted tarball keeps its wheels
   * in a subdirectory), by the project and version its file name carries.
   */
  public static List<Pin> fromDirectory(Path directory, Console console) throws CiException {
    TreeSet<Pin> pins = new TreeSet<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(directory)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    } catch (NoSuchFileException | NotDirectoryException e) {
      throw new CiException("no such directory: " + directory);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new CiException("cannot list " + directory + ": " + e.getMessage(), e);
    }
    if (!Files.isDirectory(directory)) {
      throw new CiException("not a directory: " + directory);
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (!DistributionFileName.isDistribution(name)) {
        continue;
      }
      Optional<Pin> pin = DistributionFileName.parse(name);
      if (pin.isPresent()) {
        pins.add(pin.get());
      } else {
        console.warn(
            "cannot tell the project and version of "
                + directory.relativize(file)
                + "; not audited");
      }
    }
    if (pins.isEmpty()) {
      throw new CiException("no wheels or sdists under " + directory);
    }
    return List.copyOf(pins);
  }
}
