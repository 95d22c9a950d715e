package dev.mkwheels.pip;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.internal.Cleanup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A git dependency's archive written again from where it came from, as {@code mkwheels rebuild}
 * needs it: the real {@code git} clones the recorded URL (bare, into a work directory), and the
 * recorded commit's tree is written by {@link GitZip} exactly as the vendoring wrote it from pip's
 * clone, at the same epoch under the same name and version. git runs as a {@link ChildProcess} in a
 * {@link ChildEnvironment} (no credential but what the user passes on purpose, no prompt), with a
 * timeout. Thread-safe: it holds only its environment.
 */
public final class GitSourceZip {
  /** How long one clone may take. */
  public static final Duration CLONE_TIMEOUT = Duration.ofMinutes(30);

  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

  private final ChildEnvironment environment;
  private final Duration timeout;

  /**
   * @param user the user's environment; its credentials are dropped ({@link ChildEnvironment})
   */
  public GitSourceZip(Map<String, String> user) {
    this(user, CLONE_TIMEOUT);
  }

  GitSourceZip(Map<String, String> user, Duration timeout) {
    Map<String, String> fixed = new TreeMap<>();
    fixed.put("GIT_TERMINAL_PROMPT", "0");
    fixed.put("LC_ALL", "C");
    this.environment = ChildEnvironment.of(requireNonNull(user, "user is null")).with(fixed);
    this.timeout = requireNonNull(timeout, "timeout is null");
  }

  /**
   * Clones {@code url}, and writes {@code commit}'s tree as {@code target}: every member under
   * {@code name/}, a {@code PKG-INFO} naming {@code name} and {@code version} when the tree has
   * none, every time {@code epoch}. Written beside {@code target} first, then moved into place.
   *
   * @param name the archive's file name before {@code -<version>.zip}: the requirement's name as
   *     pip wrote it, which is also the archive's top directory
   * @param workDirectory an empty private directory the caller deletes afterwards
   * @throws PipException when git cannot be run, the clone fails or times out, the repository has
   *     no such commit, or its tree holds what {@link GitZip} refuses: one line, which the caller
   *     prefixes with the dependency and its URL
   */
  public void write(
      String url,
      String commit,
      String name,
      String version,
      long epoch,
      Path target,
      Path workDirectory)
      throws PipException {
    requireNonNull(url, "url is null");
    requireNonNull(name, "name is null");
    requireNonNull(version, "version is null");
    requireNonNull(target, "target is null");
    if (!COMMIT.matcher(requireNonNull(commit, "commit is null")).matches()) {
      throw new PipException("'" + commit + "' is not a full commit id");
    }
    Path gitDir = workDirectory.resolve("repository.git");
    Path scratch = workDirectory.resolve("scratch");
    Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
    // The bare clone goes on every exit, a signal's included, whatever the caller does after.
    try (Cleanup.Registration clone = Cleanup.delete(gitDir)) {
      write(url, commit, name, version, epoch, target, gitDir, scratch, temporary);
    } finally {
      try {
        Cleanup.deleteTree(gitDir);
      } catch (IOException e) {
        // The work directory around it goes at the end of the run.
      }
    }
  }

  private void write(
      String url,
      String commit,
      String name,
      String version,
      long epoch,
      Path target,
      Path gitDir,
      Path scratch,
      Path temporary)
      throws PipException {
    try {
      Files.createDirectory(scratch);
      git(scratch, "clone", "clone", "--bare", "--quiet", "--", url, gitDir.toString());
      if (!has(gitDir, scratch, commit)) {
        // Not on a branch or tag the clone brought: ask for the commit itself.
        git(
            scratch,
            "fetch of " + commit,
            "--git-dir=" + gitDir,
            "fetch",
            "--quiet",
            "--",
            url,
            commit);
      }
      try (GitObjects objects = new GitObjects(gitDir, scratch)) {
        GitZip.write(temporary, name, objects.tree(commit), objects, name, version, epoch);
      }
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (GitTreeException e) {
      throw new PipException(e.getMessage(), e);
    } catch (IOException e) {
      throw new PipException("cannot write " + target.getFileName() + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException e) {
        // The work directory around it goes at the end of the run.
      }
    }
  }

  /** Whether the clone holds {@code commit} as a commit. */
  private boolean has(Path gitDir, Path scratch, String commit) throws PipException {
    return run(scratch, "--git-dir=" + gitDir, "cat-file", "-e", commit + "^{commit}") == 0;
  }

  /** Runs git; a non-zero exit is a failure naming {@code what} and git's last line. */
  private void git(Path scratch, String what, String... args) throws PipException {
    if (run(scratch, args) != 0) {
      throw new PipException("git " + what + " failed: " + lastLine(scratch));
    }
  }

  private int run(Path scratch, String... args) throws PipException {
    List<String> command = new ArrayList<>(List.of("git", "-c", "core.fsmonitor=false"));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(scratch.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(scratch.resolve("git-errors.txt").toFile());
    try (ChildProcess git = ChildProcess.start(builder, environment)) {
      if (!git.process().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new PipException(
            "git " + args[0] + " did not finish in " + timeout.toSeconds() + " seconds");
      }
      return git.process().exitValue();
    } catch (IOException e) {
      throw new PipException("cannot run git: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PipException("interrupted while git ran", e);
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File("/dev/null");
  }

  private static String lastLine(Path scratch) {
    try {
      String text = Files.readString(scratch.resolve("git-errors.txt"), StandardCharsets.UTF_8);
      List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
      if (lines.isEmpty()) {
        return "no message";
      }
      String last = lines.get(lines.size() - 1);
      return GitTreeException.quote(last.length() > 300 ? last.substring(0, 300) + "..." : last);
    } catch (IOException e) {
      return "no message";
    }
  }
}
