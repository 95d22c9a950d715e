package dev.mkwheels.pip;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Console;
import dev.mkwheels.host.internal.StrictTar;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * {@code --verify}: proves a tarball installs with nothing but itself. It is extracted into a
 * temporary directory and installed into a fresh venv of the target interpreter with {@code
 * --no-index --require-hashes}, pip's own configuration switched off (a find-links or an index from
 * pip.conf would prove nothing); a source build then installs the project from its tree with {@code
 * --no-deps}, as the README's recipe does.
 */
public final class OfflineVerifier {
  private final String python;
  private final Map<String, String> environment;
  private final Console console;
  private final Duration timeout;

  public OfflineVerifier(
      String python, Map<String, String> environment, Console console, Duration timeout) {
    this.python = requireNonNull(python, "python is null");
    this.environment = isolated(requireNonNull(environment, "environment is null"));
    this.console = requireNonNull(console, "console is null");
    this.timeout = requireNonNull(timeout, "timeout is null");
  }

  /**
   * @param work an empty directory the caller deletes
   * @return the summary line's verdict: what was installed, or why the check was skipped
   * @throws PipException with pip's reason when the tarball does not install offline
   */
  public String verify(Path tarball, TargetOptions target, Optional<Path> projectSource, Path work)
      throws PipException {
    if (target.foreign()) {
      return "skipped: the target ("
          + target.describe()
          + ") is not this interpreter, which cannot install it";
    }
    console.progress(
        "verifying: installing " + tarball.getFileName() + " offline into a fresh venv");
    try {
      Path wheels = extract(tarball, Files.createDirectories(work.resolve("extract")));
      Path venv = work.resolve("venv");
      createVenv(venv);
      PipRunner pip =
          new PipRunner(venv.resolve("bin/python").toString(), environment, console, timeout);
      pip.check(
          PipCommand.of(
                  "install",
                  "--no-index",
                  "--find-links",
                  wheels.toString(),
                  "--require-hashes",
                  "-r",
                  wheels.resolve("requirements.txt").toString())
              .withLabel("verify: pip install -r requirements.txt"));
      if (projectSource.isPresent()) {
        pip.check(
            PipCommand.of(
                    "install",
                    "--no-index",
                    "--find-links",
                    wheels.toString(),
                    "--no-deps",
                    projectSource.get().toString())
                .withLabel("verify: pip install --no-deps <project source>"));
      }
      pip.check(PipCommand.of("check").withLabel("verify: pip check"));
      return "installed offline into a fresh venv of "
          + python
          + (projectSource.isPresent()
              ? ", the project from its source tree by the README recipe"
              : "")
          + " (--no-index --require-hashes)";
    } catch (IOException e) {
      throw new PipException(
          "--verify: cannot extract " + tarball.getFileName() + ": " + e.getMessage(), e);
    }
  }

  /** Our own tarball: one top directory of regular files; anything else is refused, not trusted. */
  static Path extract(Path tarball, Path into) throws IOException {
    Path top = null;
    // Read to its last byte: a bad CRC, a second gzip member or trailing garbage refuses it.
    try (StrictTar in = StrictTar.open(tarball, StrictTar.Compression.GZIP)) {
      InputStream tar = in.content();
      for (TarArchiveEntry entry; (entry = in.next()) != null; ) {
        Path target = into.resolve(entry.getName()).normalize();
        if (!target.startsWith(into) || target.equals(into)) {
          throw new IOException("entry '" + entry.getName() + "' would land outside the directory");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else if (entry.isFile()) {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target);
        } else {
          throw new IOException(
              "entry '" + entry.getName() + "' is neither a file nor a directory");
        }
        Path first = into.resolve(into.relativize(target).getName(0));
        if (top == null) {
          top = first;
        } else if (!top.equals(first)) {
          throw new IOException("more than one top-level directory");
        }
      }
      in.drainAndFinish();
    }
    if (top == null || !Files.isRegularFile(top.resolve("requirements.txt"))) {
      throw new IOException("no requirements.txt in its top-level directory");
    }
    return top;
  }

  private void createVenv(Path venv) throws PipException {
    ProcessBuilder builder =
        new ProcessBuilder(python, "-m", "venv", venv.toString()).redirectErrorStream(true);
    try (ChildProcess child = ChildProcess.start(builder, ChildEnvironment.of(environment))) {
      Process process = child.process();
      process.getOutputStream().close();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
        List<String> lines = new String(output, StandardCharsets.UTF_8).strip().lines().toList();
        throw new PipException(
            "--verify: '"
                + python
                + " -m venv' failed: "
                + (lines.isEmpty() ? "no output" : lines.get(lines.size() - 1)));
      }
    } catch (IOException e) {
      throw new PipException("--verify: cannot run '" + python + " -m venv': " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PipException("--verify was interrupted", e);
    } catch (CancellationException e) {
      throw new PipException("--verify was interrupted", e);
    }
  }

  private static Map<String, String> isolated(Map<String, String> environment) {
    TreeMap<String, String> env = new TreeMap<>(environment);
    env.keySet().removeIf(name -> name.startsWith("PIP_"));
    env.put("PIP_CONFIG_FILE", "/dev/null");
    env.put("PIP_NO_INPUT", "1");
    env.put("PIP_DISABLE_PIP_VERSION_CHECK", "1");
    return env;
  }
}
