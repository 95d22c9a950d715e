package dev.mkwheels.engine;

import dev.mkwheels.api.internal.Cleanup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * A private temporary directory that is deleted, whatever happened, when closed, and by the {@link
 * Cleanup} hook when SIGINT or SIGTERM stop the JVM first.
 */
public final class WorkDirectory implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
  private final Path path;
  private final Cleanup.Registration registration;

  private WorkDirectory(Path path, Cleanup.Registration registration) {
    this.path = path;
    this.registration = registration;
  }

  /**
   * Creates a fresh directory under {@code java.io.tmpdir}, readable by its owner only.
   *
   * @throws IOException when it cannot be created
   */
  public static WorkDirectory create() throws IOException {
    // Registered before it exists, so that no moment has it on disk and unknown to the hook.
    Path parent = Path.of(System.getProperty("java.io.tmpdir"));
    for (int attempt = 0; ; attempt++) {
      Path path = parent.resolve("mkwheels-" + Long.toUnsignedString(RANDOM.nextLong(), 36));
      Cleanup.Registration registration = Cleanup.delete(path);
      try {
        Files.createDirectory(path, OWNER_ONLY);
        return new WorkDirectory(path, registration);
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

  /** The directory. */
  public Path path() {
    return path;
  }

  @Override
  public void close() {
    try {
      Cleanup.deleteTree(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete work directory " + path, e);
    } finally {
      registration.close();
    }
  }
}
