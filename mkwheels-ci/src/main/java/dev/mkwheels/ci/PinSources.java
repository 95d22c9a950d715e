package dev.mkwheels.ci;

import dev.mkwheels.api.Console;
import dev.mkwheels.host.internal.StrictTar;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

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

  /**
   * Every pin of an mkwheels tarball, read from its {@code <top>/requirements.txt} (and {@code
   * <top>/pylock.toml} when it holds one; the union of both) straight from the gzip stream: nothing
   * is extracted. Entry count and manifest sizes are capped, and a member name that is absolute or
   * climbs with {@code ..} refuses the tarball.
   */
  public static List<Pin> fromTarball(Path tarball, Console console) throws CiException {
    return fromTarball(tarball, console, TarballLimits.DEFAULT);
  }

  /** Bounds on a tarball read for its manifests. */
  record TarballLimits(int entries, int manifestBytes) {
    static final TarballLimits DEFAULT = new TarballLimits(1_000_000, 16 << 20);
  }

  static List<Pin> fromTarball(Path tarball, Console console, TarballLimits limits)
      throws CiException {
    String requirements = null;
    String pylock = null;
    String requirementsName = null;
    int entries = 0;
    // Read to its last byte: a bad CRC, a second gzip member or trailing garbage refuses it.
    try (StrictTar in = StrictTar.open(tarball, StrictTar.Compression.GZIP)) {
      InputStream tar = in.content();
      for (TarArchiveEntry entry; (entry = in.next()) != null; ) {
        String name = entry.getName();
        if (++entries > limits.entries()) {
          throw new CiException(tarball + " has more than " + limits.entries() + " entries");
        }
        if (OsvArchiveDatabase.unsafe(name)) {
          throw new CiException(tarball + " has an unsafe member name; refused");
        }
        String[] parts = name.split("/");
        if (!entry.isFile() || parts.length != 2) {
          continue;
        }
        if (parts[1].equals("requirements.txt")) {
          requirements = text(tar, entry, tarball, limits);
          requirementsName = name;
        } else if (parts[1].equals("pylock.toml")) {
          pylock = text(tar, entry, tarball, limits);
        }
      }
      Optional<String> wrong = in.finish();
      if (wrong.isPresent()) {
        throw new CiException(tarball + " " + wrong.get() + "; refused");
      }
    } catch (NoSuchFileException e) {
      throw new CiException("no such tarball: " + tarball);
    } catch (ZipException e) {
      throw new CiException(tarball + " is not a gzip tarball: " + e.getMessage());
    } catch (IOException | IllegalArgumentException e) {
      throw new CiException("cannot read " + tarball + ": " + e.getMessage(), e);
    }
    if (requirements == null) {
      throw new CiException(
          tarball + " holds no <name>-wheels-<version>/requirements.txt: not an mkwheels tarball");
    }
    TreeSet<Pin> pins = new TreeSet<>();
    pins.addAll(
        new LockFileParser()
            .parse(requirements.lines().toList(), Path.of(tarball + ":" + requirementsName))
            .pins());
    if (pylock != null) {
      PylockReader.parse(pylock, Path.of(tarball + ":pylock.toml")).entries().stream()
          .map(LockEntry::pin)
          .forEach(pins::add);
    }
    if (pins.isEmpty()) {
      throw new CiException(tarball + " pins no distributions");
    }
    return List.copyOf(pins);
  }

  private static String text(
      InputStream tar, TarArchiveEntry entry, Path tarball, TarballLimits limits)
      throws IOException, CiException {
    if (entry.getSize() > limits.manifestBytes()) {
      throw new CiException(
          tarball
              + ": "
              + entry.getName()
              + " is larger than "
              + limits.manifestBytes()
              + " bytes");
    }
    byte[] bytes = tar.readNBytes(limits.manifestBytes() + 1);
    if (bytes.length > limits.manifestBytes()) {
      throw new CiException(
          tarball
              + ": "
              + entry.getName()
              + " is larger than "
              + limits.manifestBytes()
              + " bytes");
    }
    try {
      return java.nio.charset.StandardCharsets.UTF_8
          .newDecoder()
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new CiException(tarball + ": " + entry.getName() + " is not UTF-8 text");
    }
  }
}
