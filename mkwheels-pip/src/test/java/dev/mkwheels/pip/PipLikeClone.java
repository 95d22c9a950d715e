package dev.mkwheels.pip;

import dev.mkwheels.testkit.GitRepo;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Zips a clone as pip's {@code download} does ({@code InstallRequirement.archive}): every file
 * under {@code top/}, {@code .git} included, each symbolic link followed to what it points at (so a
 * link to a secret outside puts the secret in the zip, as pip does), each with its mode.
 */
final class PipLikeClone {
  private PipLikeClone() {}

  static Path zip(GitRepo repo, String top, Path target) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(repo.directory())) {
      files = walk.sorted().toList();
    }
    try (OutputStream out = Files.newOutputStream(target);
        ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
      for (Path file : files) {
        String relative = repo.directory().relativize(file).toString();
        if (relative.isEmpty()) {
          continue;
        }
        if (!Files.exists(file)) {
          continue; // pip fails on a dangling link; what the zip would hold does not matter then
        }
        boolean directory = Files.isDirectory(file);
        if (directory && Files.isSymbolicLink(file)) {
          // os.walk lists a link to a directory as a directory and does not descend into it.
          continue;
        }
        ZipArchiveEntry entry = new ZipArchiveEntry(top + "/" + relative + (directory ? "/" : ""));
        if (directory) {
          entry.setUnixMode(040755);
          zip.putArchiveEntry(entry);
        } else {
          Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
          entry.setUnixMode(
              permissions.contains(PosixFilePermission.OWNER_EXECUTE) ? 0100755 : 0100644);
          zip.putArchiveEntry(entry);
          zip.write(Files.readAllBytes(file));
        }
        zip.closeArchiveEntry();
      }
    }
    return target;
  }

  /** A symbolic link at {@code path} in the repository's working tree, to {@code target}. */
  static void link(GitRepo repo, String path, String target) throws IOException {
    Path link = repo.directory().resolve(path);
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, Path.of(target));
  }
}
