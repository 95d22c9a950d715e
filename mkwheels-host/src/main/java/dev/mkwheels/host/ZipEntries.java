package dev.mkwheels.host;

import dev.mkwheels.api.SourceException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * The entries of a zip, fed to a {@link SafeUnpacker.Run} in the order of the central directory.
 * Beyond what the run checks for every format: an encrypted entry, or one compressed by a method
 * that cannot be read, is refused; a Unix mode that says device or FIFO is refused; a symbolic link
 * (a Unix mode zip tools write) must stay in the tree; an entry's data must be exactly its stated
 * size and match its CRC-32. A zip may hold one top-level directory or none; with none, its entries
 * go under {@value SafeUnpacker#NO_TOP}.
 */
final class ZipEntries {
  private static final int TYPE_MASK = 0170000;
  private static final int REGULAR = 0100000;
  private static final int DIRECTORY = 0040000;
  private static final int LINK = 0120000;

  /** A link's text is a path: anything longer is not one. */
  private static final int MAX_LINK_BYTES = 4096;

  private final SafeUnpacker.Run run;

  ZipEntries(SafeUnpacker.Run run) {
    this.run = run;
  }

  void extract(Path archive) throws SourceException, IOException {
    try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
      List<ZipArchiveEntry> entries = new ArrayList<>();
      for (Enumeration<ZipArchiveEntry> e = zip.getEntries(); e.hasMoreElements(); ) {
        entries.add(e.nextElement());
      }
      if (!entries.isEmpty() && commonTop(entries).isEmpty()) {
        run.wrap = SafeUnpacker.NO_TOP;
        Files.createDirectories(run.root.resolve(SafeUnpacker.NO_TOP));
      }
      for (ZipArchiveEntry entry : entries) {
        entry(zip, entry);
      }
    }
  }

  private void entry(ZipFile zip, ZipArchiveEntry entry) throws SourceException, IOException {
    String name = entry.getName();
    int type =
        entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? entry.getUnixMode() & TYPE_MASK : 0;
    boolean directory = entry.isDirectory() || type == DIRECTORY;
    EntryPath path = run.check(name, directory);
    if (entry.getGeneralPurposeBit().usesEncryption()) {
      throw run.refuse(name, "is encrypted");
    }
    if (!directory && !zip.canReadEntryData(entry)) {
      throw run.refuse(name, "is compressed by a method mkwheels cannot read");
    }
    if (directory) {
      run.directory(name, path);
    } else if (type == LINK) {
      run.symlink(name, linkText(zip, entry, name), path, path.under(run.root));
    } else if (type == 0 || type == REGULAR) {
      file(zip, entry, name, path);
    } else {
      throw run.refuse(
          name, "has an unsupported type (Unix mode " + Integer.toOctalString(type) + ")");
    }
  }

  private void file(ZipFile zip, ZipArchiveEntry entry, String name, EntryPath path)
      throws SourceException, IOException {
    long size = entry.getSize();
    if (size < 0) {
      throw run.refuse(name, "does not state its size");
    }
    int mode = entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? entry.getUnixMode() : 0644;
    FileTime modified = FileTime.fromMillis(entry.getTime());
    try (CheckedInputStream in = new CheckedInputStream(zip.getInputStream(entry), new CRC32())) {
      run.file(name, size, mode, modified, path, in);
      if (in.read() >= 0) {
        throw run.refuse(name, "holds more data than its stated " + size + " bytes");
      }
      if (entry.getCrc() >= 0 && in.getChecksum().getValue() != entry.getCrc()) {
        throw run.refuse(name, "does not match its CRC-32");
      }
    }
  }

  private String linkText(ZipFile zip, ZipArchiveEntry entry, String name)
      throws SourceException, IOException {
    if (entry.getSize() > MAX_LINK_BYTES) {
      throw run.refuse(name, "is a symbolic link over " + MAX_LINK_BYTES + " bytes long");
    }
    try (InputStream in = zip.getInputStream(entry)) {
      byte[] text = in.readNBytes(MAX_LINK_BYTES + 1);
      if (text.length > MAX_LINK_BYTES) {
        throw run.refuse(name, "is a symbolic link over " + MAX_LINK_BYTES + " bytes long");
      }
      return new String(text, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /**
   * The one top-level directory every entry lies beneath, or empty when there is none: two
   * different first segments, or a file at the top.
   */
  private static Optional<String> commonTop(List<ZipArchiveEntry> entries) {
    Set<String> tops = new HashSet<>();
    for (ZipArchiveEntry entry : entries) {
      Optional<EntryPath> path = EntryPath.parse(entry.getName());
      if (path.isEmpty()) {
        return Optional.of(""); // refused by the run, with its name
      }
      if (path.get().isTop() && !entry.isDirectory()) {
        return Optional.empty();
      }
      tops.add(path.get().top());
    }
    return tops.size() == 1 ? Optional.of(tops.iterator().next()) : Optional.empty();
  }
}
