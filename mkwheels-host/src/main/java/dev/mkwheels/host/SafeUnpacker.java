package dev.mkwheels.host;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.SourceException;
import dev.mkwheels.host.internal.StrictTar;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Unpacks a source archive without trusting it: a tar ({@code .tar.gz}, {@code .tar.bz2}, {@code
 * .tar.xz}) holding one top-level directory, or a {@code .zip} holding one top-level directory or
 * none, the format told from its first bytes ({@link ArchiveFormat}). No entry may land outside the
 * tree, by its name or by a link; device files, FIFOs, sparse files and unknown types are refused;
 * sizes and the entry count are capped; a name may appear once. It unpacks into a staging directory
 * beside the target and moves the tree into place only when every entry passed, so a refused
 * archive leaves nothing behind. A tar is read to its last byte ({@link StrictTar}): a compressed
 * stream whose check fails, or bytes after the tar's end, refuse it even though every entry was
 * fine; a zip entry must match its CRC-32 and its stated size.
 */
final class SafeUnpacker {
  /** The directory a zip with no top-level directory of its own is unpacked into. */
  static final String NO_TOP = "source";

  /** Caps that keep a hostile or broken archive from filling the disk. */
  record Limits(int maxEntries, long maxEntryBytes, long maxTotalBytes) {
    /** Far above any Python project's source, far below a full disk. */
    static final Limits DEFAULT = new Limits(100_000, 512L << 20, 2L << 30);
  }

  private final Limits limits;

  SafeUnpacker(Limits limits) {
    this.limits = requireNonNull(limits, "limits is null");
  }

  /**
   * Unpacks {@code archive} and moves its top-level directory to {@code destination}/TOP (a zip
   * with no top-level directory to {@code destination}/{@value #NO_TOP}).
   *
   * @param label how messages name the archive, for example {@code the archive of o/r v1.0}
   * @return the unpacked top-level directory
   */
  Path unpack(Path archive, Path destination, String label) throws SourceException {
    Path staging;
    try {
      Files.createDirectories(destination);
      staging = Files.createTempDirectory(destination, ".unpack-");
    } catch (IOException e) {
      throw new SourceException(
          "cannot create a directory to unpack " + label + " in: " + e.getMessage(), e);
    }
    try {
      String top = extract(archive, staging, label);
      Path target = destination.resolve(top);
      try {
        Files.move(staging.resolve(top), target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new SourceException(
            "cannot move the unpacked " + label + " into place: " + e.getMessage(), e);
      }
      return target;
    } finally {
      Trees.deleteQuietly(staging);
    }
  }

  private String extract(Path archive, Path root, String label) throws SourceException {
    ArchiveFormat format;
    try {
      format =
          ArchiveFormat.detect(archive)
              .orElseThrow(
                  () ->
                      new SourceException(
                          label + " is not a .tar.gz, .tar.bz2, .tar.xz or .zip archive"));
    } catch (IOException e) {
      throw new SourceException("cannot read " + label + ": " + e.getMessage(), e);
    }
    Run run = new Run(root, label);
    try {
      if (format == ArchiveFormat.ZIP) {
        new ZipEntries(run).extract(archive);
      } else {
        tar(archive, format, run);
      }
    } catch (EOFException e) {
      String detail = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
      throw new SourceException(label + " is truncated" + detail, e);
    } catch (ZipException e) {
      throw new SourceException(
          label + " is not a valid " + format.compression() + " file (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new SourceException(
          label + " is not a valid " + format.suffix() + " archive (" + e.getMessage() + ")", e);
    }
    if (run.top == null) {
      throw new SourceException(label + " holds no files");
    }
    if (!Files.isDirectory(root.resolve(run.top), LinkOption.NOFOLLOW_LINKS)) {
      throw new SourceException(
          label + " should hold one top-level directory, but '" + run.top + "' is not one");
    }
    return run.top;
  }

  private void tar(Path archive, ArchiveFormat format, Run run)
      throws SourceException, IOException {
    try (StrictTar in = StrictTar.open(archive, format.tar())) {
      try {
        for (TarArchiveEntry entry; (entry = in.next()) != null; ) {
          run.entry(entry, in.content());
        }
      } catch (SourceException refused) {
        // A garbled header from a corrupt stream is not the archive's layout: say it is corrupt.
        Optional<IOException> fault = in.streamFault(limits.maxTotalBytes());
        if (fault.isPresent()) {
          throw fault.get();
        }
        throw refused;
      }
      Optional<String> wrong = in.finish();
      if (wrong.isPresent()) {
        throw run.refuse(wrong.get());
      }
    }
  }

  /** The state of one extraction: what was written so far. */
  final class Run {
    final Path root;
    final String label;
    private final Set<String> seen = new HashSet<>();
    private final Set<String> files = new HashSet<>();
    private final Set<String> links = new HashSet<>();
    private final byte[] buffer = new byte[64 * 1024];
    String top;

    /** Set for a zip with no top-level directory: the one its entries are unpacked under. */
    String wrap;

    private int count;
    private long total;

    Run(Path root, String label) {
      this.root = root;
      this.label = label;
    }

    void entry(TarArchiveEntry entry, InputStream tar) throws SourceException, IOException {
      if (entry.isGlobalPaxHeader()) {
        return; // git's pax_global_header: the commit id, nothing to unpack
      }
      String name = entry.getName();
      EntryPath path = check(name, entry.isDirectory());
      Path target = path.under(root);
      if (entry.isDirectory()) {
        write(name, () -> Files.createDirectories(target));
      } else if (entry.isSymbolicLink()) {
        symlink(name, entry.getLinkName(), path, target);
      } else if (entry.isLink()) {
        hardLink(entry, path, target);
      } else if (entry.isCharacterDevice() || entry.isBlockDevice()) {
        throw refuse(name, "is a device file");
      } else if (entry.isFIFO()) {
        throw refuse(name, "is a FIFO");
      } else if (entry.isSparse()) {
        throw refuse(name, "is a sparse file");
      } else if (isRegular(entry)) {
        file(name, entry.getSize(), entry.getMode(), entry.getLastModifiedTime(), path, tar);
      } else {
        throw refuse(
            name,
            "has an unsupported type '"
                + printable(String.valueOf((char) entry.getLinkFlag()))
                + "'");
      }
    }

    /**
     * The checked path of the entry {@code name}: counted, inside the tree, under the one top-level
     * directory, seen once, beneath no link.
     */
    EntryPath check(String name, boolean directory) throws SourceException {
      if (++count > limits.maxEntries()) {
        throw refuse("holds more than " + limits.maxEntries() + " entries");
      }
      EntryPath path =
          EntryPath.parse(name)
              .map(p -> wrap == null ? p : p.under(wrap))
              .orElseThrow(() -> refuse(name, "leaves the source directory"));
      if (top == null) {
        top = path.top();
      } else if (!top.equals(path.top())) {
        throw refuse(
            "has more than one top-level entry: '"
                + printable(top)
                + "' and '"
                + printable(path.top())
                + "'");
      }
      if (!seen.add(path.toString())) {
        throw refuse(name, "appears twice");
      }
      for (String ancestor : path.ancestors()) {
        if (links.contains(ancestor)) {
          throw refuse(name, "lies beneath the link '" + printable(ancestor) + "'");
        }
      }
      if (path.isTop() && !directory) {
        throw refuse(
            "should hold one top-level directory, but '" + printable(name) + "' is not one");
      }
      if (!path.under(root).normalize().startsWith(root)) {
        // EntryPath.parse already refused this; a second, independent check costs nothing.
        throw refuse(name, "leaves the source directory");
      }
      return path;
    }

    /**
     * Writes a regular file of {@code size} bytes from {@code in}, which must hold exactly that
     * many (a zip's inflated data may hold more: that is refused, not cut).
     */
    void file(String name, long size, int mode, FileTime modified, EntryPath path, InputStream in)
        throws SourceException, IOException {
      Path target = path.under(root);
      count(name, size);
      write(name, () -> Files.createDirectories(target.getParent()));
      // A read that fails is the archive's fault and propagates as an IOException; a write that
      // fails is this machine's and becomes a SourceException on the spot.
      try (OutputStream out = open(name, target)) {
        long left = size;
        while (left > 0) {
          int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
          if (n < 0) {
            throw new EOFException("entry '" + printable(name) + "' ends early");
          }
          left -= n;
          write(name, () -> out.write(buffer, 0, n));
        }
      }
      boolean executable = (mode & 0111) != 0;
      write(
          name,
          () -> {
            Files.setPosixFilePermissions(
                target, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
            Files.setLastModifiedTime(target, modified);
          });
      files.add(path.toString());
    }

    /** Creates a directory. */
    void directory(String name, EntryPath path) throws SourceException {
      write(name, () -> Files.createDirectories(path.under(root)));
    }

    /** Creates a symbolic link whose text must resolve inside the top-level directory. */
    void symlink(String name, String linkText, EntryPath path, Path target) throws SourceException {
      if (path.resolveLink(linkText).isEmpty()) {
        throw refuse(
            name,
            "is a symbolic link to '" + printable(linkText) + "', outside the source directory");
      }
      write(
          name,
          () -> {
            Files.createDirectories(target.getParent());
            Files.createSymbolicLink(target, Path.of(linkText));
          });
      links.add(path.toString());
    }

    private void hardLink(TarArchiveEntry entry, EntryPath path, Path target)
        throws SourceException {
      String name = entry.getName();
      // A hard link names an earlier member by its path in the archive, not relative to itself.
      String linkText = entry.getLinkName();
      EntryPath source =
          EntryPath.parse(linkText)
              .filter(p -> p.top().equals(top))
              .orElseThrow(
                  () ->
                      refuse(
                          name,
                          "is a hard link to '"
                              + printable(linkText)
                              + "', outside the source directory"));
      if (!files.contains(source.toString())) {
        throw refuse(
            name,
            "is a hard link to '"
                + printable(linkText)
                + "', which is not a file earlier in the archive");
      }
      Path from = source.under(root);
      long size = write(name, () -> Files.size(from));
      count(name, size);
      // A copy, not a link: the tree must not share inodes with anything pip may modify.
      write(
          name,
          () -> {
            Files.createDirectories(target.getParent());
            Files.copy(from, target, StandardCopyOption.COPY_ATTRIBUTES);
          });
      files.add(path.toString());
    }

    private void count(String name, long size) throws SourceException {
      if (size > limits.maxEntryBytes()) {
        throw refuse(
            name,
            "is "
                + size
                + " bytes, over the "
                + limits.maxEntryBytes()
                + "-byte limit for one file");
      }
      total += size;
      if (total > limits.maxTotalBytes()) {
        throw refuse("unpacks to more than " + limits.maxTotalBytes() + " bytes");
      }
    }

    private OutputStream open(String name, Path target) throws SourceException {
      return write(
          name,
          () ->
              Files.newOutputStream(
                  target,
                  StandardOpenOption.CREATE_NEW,
                  StandardOpenOption.WRITE,
                  LinkOption.NOFOLLOW_LINKS));
    }

    private <T> T write(String name, IoSupplier<T> action) throws SourceException {
      try {
        return action.get();
      } catch (FileAlreadyExistsException e) {
        throw refuse(name, "conflicts with an earlier entry");
      } catch (IOException e) {
        // The reason alone: the path is the staging directory's, and holds the entry's raw name.
        String reason =
            e instanceof FileSystemException system && system.getReason() != null
                ? system.getReason()
                : String.valueOf(e.getMessage());
        throw new SourceException(
            "cannot write '" + printable(name) + "' from " + label + ": " + printable(reason), e);
      }
    }

    private void write(String name, IoAction action) throws SourceException {
      write(
          name,
          () -> {
            action.run();
            return null;
          });
    }

    SourceException refuse(String name, String why) {
      return refuse("entry '" + printable(name) + "' " + why);
    }

    SourceException refuse(String why) {
      return new SourceException("refusing " + label + ": " + why);
    }
  }

  private static boolean isRegular(TarArchiveEntry entry) {
    byte flag = entry.getLinkFlag();
    return flag == TarArchiveEntry.LF_NORMAL
        || flag == TarArchiveEntry.LF_OLDNORM
        || flag == TarArchiveEntry.LF_CONTIG;
  }

  /** A name as a message may show it: control characters escaped, at most 200 characters. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .limit(200)
        .forEach(
            c -> {
              if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return text.codePointCount(0, text.length()) > 200 ? out + "..." : out.toString();
  }

  @FunctionalInterface
  private interface IoSupplier<T> {
    T get() throws IOException;
  }

  @FunctionalInterface
  private interface IoAction {
    void run() throws IOException;
  }
}
