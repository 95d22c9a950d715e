package dev.mkwheels.pip;

import dev.mkwheels.api.internal.Cleanup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * The zip pip's {@code download} saves for a git requirement: the whole clone under one directory
 * named after the requirement, {@code .git} included, in the order and with the times the disk
 * gave. Reads which commit was checked out and where it was cloned from, and writes that commit's
 * tree, from the clone's git objects, as a {@link GitZip} archive. Not thread-safe; close it.
 */
final class CloneArchive implements AutoCloseable {
  private static final long MAX_GIT_FILE = 1 << 20;
  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
  private static final Pattern SECTION =
      Pattern.compile("\\s*\\[\\s*([^\\s\\]\"]+)(?:\\s+\"([^\"]*)\")?\\s*]\\s*");

  /** The files of {@code .git/objects} git needs: loose objects, packs and their indexes. */
  private static final Pattern OBJECT_FILE =
      Pattern.compile(
          "[0-9a-f]{2}/(?:[0-9a-f]{38}|[0-9a-f]{62})"
              + "|pack/pack-(?:[0-9a-f]{40}|[0-9a-f]{64})\\.(?:pack|idx|rev)");

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
    Optional<String> loose =
        ref.contains("..") ? Optional.empty() : text(".git/" + ref).map(String::strip);
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
   * Writes the checked-out commit's tree as {@link GitZip} does, from the clone's git objects
   * alone: the files pip zipped beside {@code .git} (symbolic links followed, build outputs
   * included) are never read. The objects are copied to a bare repository in {@code scratch} (an
   * empty directory), which git reads.
   *
   * @throws GitTreeException when the tree holds what {@link GitZip} refuses
   */
  void rewrite(Path target, Path scratch, String name, String version, long epoch)
      throws IOException, GitTreeException {
    String commit = commit();
    Path gitDir = scratch.resolve("objects.git");
    // Registered before it exists: it goes on every exit, a signal's included.
    try (Cleanup.Registration registration = Cleanup.delete(gitDir)) {
      try (GitObjects objects = new GitObjects(bareRepository(gitDir, commit), scratch)) {
        GitZip.write(target, top, objects.tree(commit), objects, name, version, epoch);
      } finally {
        try {
          Cleanup.deleteTree(gitDir);
        } catch (IOException e) {
          // The scratch directory around it goes next, at the latest at the end of the run.
        }
      }
    }
  }

  /**
   * A bare repository holding the clone's objects (loose and packed; nothing else of its {@code
   * .git}, no alternates, no configuration but the object format), HEAD at {@code commit}.
   */
  private Path bareRepository(Path gitDir, String commit) throws IOException {
    Files.createDirectories(gitDir.resolve("refs"));
    Files.createDirectories(gitDir.resolve("objects"));
    Files.writeString(gitDir.resolve("HEAD"), commit + "\n", StandardCharsets.US_ASCII);
    Files.writeString(
        gitDir.resolve("config"),
        commit.length() == 64
            ? "[core]\n\trepositoryformatversion = 1\n\tbare = true\n[extensions]\n\tobjectformat = sha256\n"
            : "[core]\n\trepositoryformatversion = 0\n\tbare = true\n",
        StandardCharsets.US_ASCII);
    String prefix = top + "/.git/objects/";
    for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
      String name = entry.getName();
      if (entry.isDirectory()
          || !name.startsWith(prefix)
          || !OBJECT_FILE.matcher(name.substring(prefix.length())).matches()) {
        continue;
      }
      Path file = gitDir.resolve("objects").resolve(name.substring(prefix.length()));
      Files.createDirectories(file.getParent());
      try (InputStream in = zip.getInputStream(entry)) {
        Files.copy(in, file);
      }
    }
    return gitDir;
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
