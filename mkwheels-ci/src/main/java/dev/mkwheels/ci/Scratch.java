package dev.mkwheels.ci;

import dev.mkwheels.api.internal.Cleanup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.concurrent.CancellationException;

/**
 * A private temporary directory, deleted whatever happened when closed; and the atomic write that
 * leaves a file either as it was or complete.
 */
final class Scratch implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Path path;
  private final Cleanup.Registration registration;

  private Scratch(Path path, Cleanup.Registration registration) {
    this.path = path;
    this.registration = registration;
  }

  /** A new directory in the system's temporary directory. */
  static Scratch create(String prefix) throws CiException {
    Path parent = Path.of(System.getProperty("java.io.tmpdir"));
    try {
      return in(parent, prefix);
    } catch (IOException e) {
      throw new CiException("cannot create a temporary directory: " + e.getMessage(), e);
    }
  }

  /** A new directory beside {@code target}, so that moving out of it is a rename. */
  static Scratch beside(Path target, String prefix) throws CiException {
    Path parent = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
      return in(parent, prefix);
    } catch (IOException e) {
      throw new CiException("cannot create a directory in " + parent + ": " + e.getMessage(), e);
    }
  }

  /**
   * A new private directory in {@code parent}, registered with {@link Cleanup} before it exists so
   * that SIGINT or SIGTERM at any moment leave nothing.
   */
  private static Scratch in(Path parent, String prefix) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path path = parent.resolve(prefix + Long.toUnsignedString(RANDOM.nextLong(), 36));
      Cleanup.Registration registration = cleanup(path);
      try {
        Files.createDirectory(
            path,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return new Scratch(path, registration);
      } catch (FileAlreadyExistsException e) {
        registration.close();
        if (attempt > 100) {
          throw e;
        }
      } catch (IOException | RuntimeException e) {
        registration.close();
        throw e;
      }
    }
  }

  private static Cleanup.Registration cleanup(Path path) throws IOException {
    try {
      return Cleanup.delete(path);
    } catch (CancellationException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  Path path() {
    return path;
  }

  /** Writes {@code content} to a temporary file beside {@code target}, then moves it into place. */
  static void writeAtomically(Path target, byte[] content) throws CiException {
    Path parent = target.toAbsolutePath().getParent();
    Path temp = null;
    try {
      Files.createDirectories(parent);
      String random = Long.toUnsignedString(RANDOM.nextLong(), 36);
      temp = parent.resolve("." + target.getFileName() + "." + random + ".part");
      try (Cleanup.Registration registration = cleanup(temp)) {
        Files.write(temp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        Files.move(
            temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new CiException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // Left behind only if the disk failed under us; the target is untouched either way.
        }
      }
    }
  }

  @Override
  public void close() {
    try {
      Cleanup.deleteTree(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    } finally {
      registration.close();
    }
  }
}
