package dev.mkwheels.pip;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32;

/**
 * Writes a git dependency's archive from its commit's tree alone: the paths, modes and blobs that
 * {@code git ls-tree -r} lists, never a file on disk. Each member is {@code TOP/path}, sorted,
 * stored at the epoch with mode 0755 or 0644 ({@link StoredZipWriter}), and a {@code PKG-INFO}
 * naming the project and version is added at the root when the tree has none.
 *
 * <p>A symbolic link is resolved inside the tree, through other links, as the filesystem would: one
 * to a file is stored as that file (its blob and mode), which is what pip's clone zip held; one to
 * a directory is left out, as pip's zip left it out. A link that leaves the tree (an absolute
 * target, or {@code ..} above the root), points at nothing, or loops is refused; so are a
 * submodule, a path git would not check out ({@code ..}, {@code .git}, an empty part), a name with
 * a control character or a backslash, and a tree that lists a path twice. Not thread-safe.
 */
final class GitZip {
  static final int REGULAR = 0100000;
  static final int LINK = 0120000;
  static final int SUBMODULE = 0160000;
  static final int MAX_PATH = 4095;
  static final int MAX_NAME = 255;
  static final int MAX_LINK = 4096;

  /** As the kernel's {@code ELOOP}: more links than this on one path is a loop. */
  static final int MAX_HOPS = 40;

  /**
   * One entry of a commit's tree, as {@code git ls-tree -r} lists it.
   *
   * @param mode git's mode: 0100644 or 0100755 a file, 0120000 a link, 0160000 a submodule
   * @param path relative to the root, {@code /}-separated
   * @param object the blob (or the submodule's commit) id
   */
  record Entry(int mode, String path, String object) {
    Entry {
      Objects.requireNonNull(path, "path is null");
      Objects.requireNonNull(object, "object is null");
    }
  }

  /** The blobs of a repository. */
  interface Blobs {
    /**
     * The blob's bytes; close the stream before opening the next.
     *
     * @throws IOException when the repository does not hold the blob
     */
    InputStream open(String object) throws IOException;
  }

  /** What a member is made from. */
  private record Member(boolean executable, String object) {}

  // Sorted, so that of several refused paths the same one is named on every run.
  private final Map<String, Entry> entries = new TreeMap<>();
  private final Set<String> directories = new TreeSet<>();
  private final Blobs blobs;

  private GitZip(Blobs blobs) {
    this.blobs = blobs;
  }

  /**
   * Writes {@code tree} as {@code target}, every member under {@code top/}.
   *
   * @throws GitTreeException when the tree holds what is refused above, naming the path
   * @throws IOException when a blob cannot be read or the archive written
   */
  static void write(
      Path target,
      String top,
      List<Entry> tree,
      Blobs blobs,
      String name,
      String version,
      long epoch)
      throws IOException, GitTreeException {
    GitZip zip = new GitZip(blobs);
    TreeMap<String, Member> members = zip.members(top, tree);
    byte[] pkgInfo =
        ("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n")
            .getBytes(StandardCharsets.UTF_8);
    String pkgInfoName = top + "/PKG-INFO";
    members.putIfAbsent(pkgInfoName, null);
    try (StoredZipWriter out = new StoredZipWriter(target, epoch)) {
      for (Map.Entry<String, Member> member : members.entrySet()) {
        if (member.getValue() == null) {
          out.add(
              member.getKey(),
              false,
              pkgInfo.length,
              crc(pkgInfo),
              new ByteArrayInputStream(pkgInfo));
          continue;
        }
        String object = member.getValue().object();
        CRC32 crc = new CRC32();
        long size = 0;
        try (InputStream in = blobs.open(object)) {
          byte[] buffer = new byte[1 << 16];
          for (int read; (read = in.read(buffer)) > 0; ) {
            crc.update(buffer, 0, read);
            size += read;
          }
        }
        try (InputStream in = blobs.open(object)) {
          out.add(member.getKey(), member.getValue().executable(), size, crc.getValue(), in);
        }
      }
      out.finish();
    }
  }

  private TreeMap<String, Member> members(String top, List<Entry> tree)
      throws IOException, GitTreeException {
    for (Entry entry : tree) {
      checkPath(entry.path());
      int type = entry.mode() & 0170000;
      if (entry.mode() == SUBMODULE) {
        throw new GitTreeException(
            GitTreeException.quote(entry.path())
                + " is a git submodule (commit "
                + entry.object()
                + "), which mkwheels does not vendor: vendor the submodule as its own dependency");
      }
      if (entry.mode() != LINK && type != REGULAR) {
        throw new GitTreeException(
            GitTreeException.quote(entry.path())
                + " has git mode "
                + Integer.toOctalString(entry.mode())
                + ", neither a file, a symbolic link nor a submodule");
      }
      if (entries.putIfAbsent(entry.path(), entry) != null) {
        throw new GitTreeException(
            GitTreeException.quote(entry.path()) + " is listed twice in the commit's tree");
      }
      for (int slash = entry.path().indexOf('/');
          slash >= 0;
          slash = entry.path().indexOf('/', slash + 1)) {
        directories.add(entry.path().substring(0, slash));
      }
    }
    for (String directory : directories) {
      if (entries.containsKey(directory)) {
        throw new GitTreeException(
            GitTreeException.quote(directory)
                + " is both a file and a directory in the"
                + " commit's tree");
      }
    }
    TreeMap<String, Member> members = new TreeMap<>();
    for (Entry entry : entries.values()) {
      Entry file = entry.mode() == LINK ? resolve(entry) : entry;
      if (file != null) {
        members.put(top + "/" + entry.path(), new Member((file.mode() & 0100) != 0, file.object()));
      }
    }
    return members;
  }

  /** The file {@code link} ends at, or null for a directory; as the kernel resolves a path. */
  private Entry resolve(Entry link) throws IOException, GitTreeException {
    Deque<String> resolved = new ArrayDeque<>(List.of(link.path().split("/")));
    resolved.removeLast();
    Deque<String> pending = new ArrayDeque<>();
    String target = target(link, link);
    pending.addAll(List.of(target.split("/", -1)));
    int hops = 1;
    while (!pending.isEmpty()) {
      String part = pending.removeFirst();
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (resolved.isEmpty()) {
          throw outside(link, target);
        }
        resolved.removeLast();
        continue;
      }
      String candidate = resolved.isEmpty() ? part : String.join("/", resolved) + "/" + part;
      Entry entry = entries.get(candidate);
      if (entry != null && entry.mode() == LINK) {
        if (++hops > MAX_HOPS) {
          throw new GitTreeException(
              GitTreeException.quote(link.path()) + " is a symbolic link in a loop of links");
        }
        String next = target(link, entry);
        List<String> parts = List.of(next.split("/", -1));
        for (int i = parts.size() - 1; i >= 0; i--) {
          pending.addFirst(parts.get(i));
        }
        continue;
      }
      if (entry != null && pending.isEmpty()) {
        return entry;
      }
      if (entry != null || !directories.contains(candidate)) {
        throw new GitTreeException(
            GitTreeException.quote(link.path())
                + " is a symbolic link to "
                + GitTreeException.quote(target)
                + ", which the commit does not hold");
      }
      resolved.addLast(part);
    }
    return null;
  }

  /**
   * The target {@code hop} (a link met while resolving {@code link}) names, refused when absolute.
   */
  private String target(Entry link, Entry hop) throws IOException, GitTreeException {
    byte[] bytes;
    try (InputStream in = blobs.open(hop.object())) {
      bytes = in.readNBytes(MAX_LINK + 1);
    }
    String target;
    try {
      target = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new GitTreeException(
          GitTreeException.quote(link.path())
              + " is a symbolic link to a target that is not"
              + " UTF-8");
    }
    if (bytes.length > MAX_LINK || target.isEmpty() || target.indexOf('\0') >= 0) {
      throw new GitTreeException(
          GitTreeException.quote(link.path())
              + " is a symbolic link to "
              + GitTreeException.quote(target.substring(0, Math.min(target.length(), 200)))
              + ", which no filesystem can hold");
    }
    if (target.startsWith("/")) {
      throw outside(link, target);
    }
    return target;
  }

  private static GitTreeException outside(Entry link, String target) {
    return new GitTreeException(
        GitTreeException.quote(link.path())
            + " is a symbolic link to "
            + GitTreeException.quote(target)
            + ", outside the repository; mkwheels vendors nothing from outside it");
  }

  /** Refuses a path that would be unsafe, or impossible, to unpack. */
  static void checkPath(String path) throws GitTreeException {
    String quoted = GitTreeException.quote(path);
    if (!StandardCharsets.UTF_8.newEncoder().canEncode(path)) {
      throw new GitTreeException(quoted + " is not a valid Unicode name");
    }
    if (path.getBytes(StandardCharsets.UTF_8).length > MAX_PATH) {
      throw new GitTreeException(quoted + " is longer than a path can be (" + MAX_PATH + " bytes)");
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\\' || Character.getType(c) == Character.CONTROL) {
        throw new GitTreeException(quoted + " has a control character or a backslash in its name");
      }
    }
    for (String part : path.split("/", -1)) {
      String trimmed = part.replaceAll("[. ]+$", "").toLowerCase(Locale.ROOT);
      if (part.isEmpty() || part.equals(".") || part.equals("..") || trimmed.equals(".git")) {
        throw new GitTreeException(
            quoted + " is a path git does not check out (an empty, '.', '..' or '.git' part)");
      }
      if (part.getBytes(StandardCharsets.UTF_8).length > MAX_NAME) {
        throw new GitTreeException(
            quoted + " has a part longer than a file name can be (" + MAX_NAME + " bytes)");
      }
    }
  }

  private static long crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return crc.getValue();
  }
}
