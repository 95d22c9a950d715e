package dev.mkwheels.engine;

import dev.mkwheels.api.Console;
import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.packaging.PackResult;
import dev.mkwheels.pip.OfflineVerifier;
import dev.mkwheels.pip.TargetOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --verify}, for the modes and for {@code pack}: the tarball must install offline into a
 * fresh venv; one that does not is removed, and pip's reason is the error.
 */
public final class TarballVerification {
  /** The variable that bounds each pip run, in seconds. */
  public static final String PIP_TIMEOUT_VARIABLE = "MKWHEELS_PIP_TIMEOUT";

  private TarballVerification() {}

  /**
   * The summary's verdict: what was installed, or why the check was skipped.
   *
   * @throws MkwheelsException when the tarball does not install; it is removed first
   */
  public static String verify(
      PackResult result,
      String python,
      TargetOptions target,
      Optional<Path> projectSource,
      Map<String, String> environment,
      Duration timeout,
      Console console)
      throws MkwheelsException {
    try (WorkDirectory work = WorkDirectory.create()) {
      return new OfflineVerifier(python, environment, console, timeout)
          .verify(
              result.tarball(),
              target,
              projectSource,
              Files.createDirectory(work.path().resolve("verify")));
    } catch (MkwheelsException e) {
      deleteQuietly(result.tarball());
      throw new MkwheelsException(
          e.getMessage() + " (" + result.tarball().getFileName() + " removed)", e);
    } catch (IOException e) {
      throw new MkwheelsException("--verify: cannot use a work directory: " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path tarball) {
    try {
      Files.deleteIfExists(tarball);
    } catch (IOException e) {
      // The verification error is what the user needs; a tarball we could not remove stays.
    }
  }
}
