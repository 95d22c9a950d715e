package dev.mkwheels.pip;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * The zip pip's {@code download} saves for a git requirement: the whole clone under one directory
 * named after the requirement, {@code .git} included, in the order and with the times the disk
 * gave. Reads which commit was checked out and where it was cloned from, and writes the tree again
 * without {@code .git} as a {@link StoredZipWriter} archive. Not thread-safe; close it.
 */
final class CloneArchive implements AutoCloseable {
  private static final long MAX_GIT_FILE = 1 << 20;
  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
  private static final Pattern SECTION = Pattern.compile("\\s*\\[\\s*([^\\s\\]\"]+)(?:\\s+\"([^\"]*)\")?\\s*]\\s*");
  private static final Pattern URL = Pattern.compile("\\s*url\\s*=\\s*(.*?)\\s*");

  private final Path file;
  private final ZipFile zip;
  private final String top;

  private CloneArchive(Path file, ZipFile zip, String top) {
    this.file = file;
    this.zip = zip;
    this.top = top;
  }

  /**
   * The archive, when {@code file} is a zip of a git clone: every member under one directory that
   * holds {@code .git/HEAD}. Empty for any other archive (an sdist from an index).
   *
   * @throws IOException when the file is not a readable zip
   */
  static Optional<CloneArchive> open(Path file) throws IOException {
    ZipFile zip = ZipFile.builder().setPath(file).get();
    try {
      String top = null;
      for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
        int slash = entry.getName().indexOf('/');
        String first = slash < 0 ? entry.getName() : entry.getName().substring(0, slash);
        if (slash <= 0 || (top != null && !top.equals(first))) {
          zip.close();
          return Optional.empty();
        }
        top = first;
      }
      if (top == null || zip.getEntry(top + "/.git/HEAD") == null) {
        zip.close();
        return Optional.empty();
      }
      return Optional.of(new CloneArchive(file, zip, top));
    } catch (IOException | RuntimeException e) {
      zip.close();
      throw e;
    }
  }

  /**
   * The full SHA of the commit checked out: {@code .git/HEAD} itself after a checkout of a tag or a
   * commit (a detached HEAD), else the branch it names, loose or packed.
   *
   * @throws IOException when the clone does not say
   */
  String commit() throws IOException {
    String head = text(".git/HEAD").orElseThrow().strip();
    if (SHA.matcher(head).matches()) {
      return head;
    }
    if (!head.startsWith("ref: ")) {
      throw new IOException(".git/HEAD holds neither a commit nor a ref");
    }
    String ref = head.substring("ref: ".length()).strip();
    Optional<String> loose = ref.contains("..") ? Optional.empty() : text(".git/" + ref).map(String::strip);
    if (loose.isPresent() && SHA.matcher(loose.get()).matches()) {
      return loose.get();
    }
    for (String line : text(".git/packed-refs").orElse("").split("\n")) {
      String[] fields = line.strip().split(" ");
      if (fields.length == 2 && fields[1].equals(ref) && SHA.matcher(fields[0]).matches()) {
        return fields[0];
      }
    }
    throw new IOException("the branch " + ref + " that .git/HEAD names has no commit");
  }

  /** The URL in {@code .git/config}'s {@code [remote "origin"]}, as pip gave it to git. */
  Optional<String> originUrl() throws IOException {
    boolean origin = false;
    for (String line : text(".git/config").orElse("").split("\n")) {
      Matcher section = SECTION.matcher(line);
      if (section.matches()) {
        origin = section.group(1).equals("remote") && "origin".equals(section.group(2));
        continue;
      }
      Matcher url = URL.matcher(line);
      if (origin && url.matches()) {
        return Optional.of(url.group(1));
      }
    }
    return Optional.empty();
  }

  /**
   * Writes the tree without any {@code .git} (the clone's, a submodule's pointer) and without
   * directory members, sorted by name, every file at {@code epoch}, mode 0755 when its owner could
   * execute it and 0644 otherwise. A {@code PKG-INFO} naming {@code name} and {@code version} is
   * added at the root when the tree has none: version plugins (setuptools-scm, hatch-vcs, pbr)
   * read the version there when there is no {@code .git} to ask.
   */
  void rewrite(Path target, String name, String version, long epoch) throws IOException {
    TreeMap<String, ZipArchiveEntry> files = new TreeMap<>();
    for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
      List<String> parts = List.of(entry.getName().split("/"));
      if (!entry.isDirectory() && !parts.contains(".git")) {
        files.put(entry.getName(), entry);
      }
    }
    String pkgInfoName = top + "/PKG-INFO";
    byte[] pkgInfo = ("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n")
        .getBytes(StandardCharsets.UTF_8);
    List<String> names = new ArrayList<>(files.keySet());
    if (!files.containsKey(pkgInfoName)) {
      names.add(pkgInfoName);
      Collections.sort(names);
    }
    try (StoredZipWriter out = new StoredZipWriter(target, epoch)) {
      for (String member : names) {
        ZipArchiveEntry entry = files.get(member);
        if (entry == null) {
          CRC32 crc = new CRC32();
          crc.update(pkgInfo);
          out.add(member, false, pkgInfo.length, crc.getValue(), new ByteArrayInputStream(pkgInfo));
          continue;
        }
        if (entry.getSize() < 0 || entry.getCrc() < 0) {
          throw new IOException(member + " has no recorded size or CRC");
        }
        boolean executable = (entry.getUnixMode() & UnixStat.PERM_MASK & 0100) != 0;
        try (InputStream data = zip.getInputStream(entry)) {
          out.add(member, executable, entry.getSize(), entry.getCrc(), data);
        }
      }
      out.finish();
    }
  }

  Path file() {
    return file;
  }

  private Optional<String> text(String path) throws IOException {
    ZipArchiveEntry entry = zip.getEntry(top + "/" + path);
    if (entry == null || entry.isDirectory()) {
      return Optional.empty();
    }
    if (entry.getSize() > MAX_GIT_FILE) {
      throw new IOException(path + " is larger than " + MAX_GIT_FILE + " bytes");
    }
    try (InputStream in = zip.getInputStream(entry)) {
      return Optional.of(new String(in.readNBytes((int) MAX_GIT_FILE), StandardCharsets.UTF_8));
    }
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }
}
