package dev.mkwheels.packaging;

import dev.mkwheels.api.MkwheelsException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The distributions in a directory, sorted by file name, checked before anything is written. */
final class Wheelhouse {
  private Wheelhouse() {}

  /** One file to pack. */
  record Member(DistributionFile file, Path path, long size) {
    String name() {
      return file.fileName();
    }

    /**
     * The file, for reading; never through a symbolic link (one put there after {@link #scan} fails
     * to open), so nothing from outside the directory is read.
     */
    FileChannel open() throws IOException {
      return FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }
  }

  /** The distributions in {@code directory}, each project at one version. */
  static List<Member> scan(Path directory) throws MkwheelsException {
    return scan(directory, Map.of());
  }

  /**
   * The distributions in {@code directory}; a project may have several versions when each of their
   * files has a marker in {@code markers} (by file name): a tree packed for several targets, where
   * each version is pinned under the markers of the targets that use it.
   */
  static List<Member> scan(Path directory, Map<String, String> markers) throws MkwheelsException {
    if (!Files.isDirectory(directory)) {
      throw new PackRequestException(directory + " is not a directory");
    }
    List<Member> members = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path path : entries) {
        String fileName = path.getFileName().toString();
        BasicFileAttributes attributes =
            Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
          // Only the directory's own files: a link could bring in any file of the machine.
          throw new MkwheelsException(
              "cannot pack "
                  + directory
                  + ": '"
                  + fileName
                  + "' is a symbolic link; only files that are in the directory itself are packed"
                  + " (copy the file in)");
        }
        if (!attributes.isRegularFile()) {
          throw new MkwheelsException(
              "cannot pack "
                  + directory
                  + ": '"
                  + fileName
                  + "' is not a regular file; only wheels and"
                  + " sdists belong there");
        }
        DistributionFile file =
            DistributionFile.parse(fileName)
                .orElseThrow(
                    () ->
                        new MkwheelsException(
                            "cannot pack "
                                + directory
                                + ": '"
                                + fileName
                                + "' is neither a wheel nor an sdist"
                                + " (name-version.tar.gz or .zip)"));
        members.add(new Member(file, path, attributes.size()));
      }
    } catch (IOException e) {
      throw new MkwheelsException("cannot read " + directory + ": " + IoMessages.describe(e), e);
    }
    if (members.isEmpty()) {
      throw new MkwheelsException("cannot pack " + directory + ": it holds no wheels or sdists");
    }
    // File names are ASCII (the patterns allow nothing else), so String order is byte order.
    members.sort(Comparator.comparing(Member::name));
    checkOneVersionEach(directory, members, markers);
    return List.copyOf(members);
  }

  // pip refuses two pins of one name that both apply: requirements.txt pins one version per
  // project, or several under markers (one per target set) when every file of it has one.
  private static void checkOneVersionEach(
      Path directory, List<Member> members, Map<String, String> markers) throws MkwheelsException {
    TreeMap<String, TreeSet<String>> versions = new TreeMap<>();
    Set<String> unmarked = new TreeSet<>();
    for (Member member : members) {
      versions
          .computeIfAbsent(member.file().project(), p -> new TreeSet<>())
          .add(member.file().version());
      if (!markers.containsKey(member.name())) {
        unmarked.add(member.file().project());
      }
    }
    for (var project : versions.entrySet()) {
      if (project.getValue().size() > 1 && unmarked.contains(project.getKey())) {
        throw new MkwheelsException(
            "cannot pack "
                + directory
                + ": it holds "
                + project.getValue().size()
                + " versions of "
                + project.getKey()
                + " ("
                + String.join(", ", project.getValue())
                + "), and requirements.txt pins one unless each file has its targets' marker");
      }
    }
  }
}
