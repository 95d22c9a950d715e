package dev.mkwheels.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A git repository on disk, made with the real {@code git} and isolated from the machine's and the
 * user's git configuration, so its commits (and their ids) depend only on what the test wrote and
 * the dates it chose. pip can clone it through {@link #url()}.
 */
public final class GitRepo {
  private static final long TIMEOUT_SECONDS = 60;

  private final Path directory;

  private GitRepo(Path directory) {
    this.directory = directory;
  }

  /**
   * {@code git init} of a new repository in {@code directory} (created when missing), branch main.
   */
  public static GitRepo init(Path directory) {
    Objects.requireNonNull(directory, "directory is null");
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    GitRepo repo = new GitRepo(directory.toAbsolutePath());
    repo.git(Map.of(), "init", "-q", "-b", "main");
    return repo;
  }

  public Path directory() {
    return directory;
  }

  /** {@code file:///...}: what a PEP 508 {@code name @ git+file:///...} requirement names. */
  public String url() {
    return directory.toUri().toString().replaceAll("/$", "");
  }

  /**
   * {@code git+file://localhost/...}: the URL of a PEP 508 {@code name @ git+...} requirement. pip
   * before 24 rejects {@code git+file:///...} (a URL without a host), so the host is spelled out.
   */
  public String pipUrl() {
    return "git+file://localhost" + directory.toUri().getRawPath().replaceAll("/$", "");
  }

  /** Writes a UTF-8 file that git records as executable (mode 100755). */
  public GitRepo writeExecutable(String path, String content) {
    write(path, content);
    try {
      Files.setPosixFilePermissions(
          directory.resolve(path), PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Writes a UTF-8 file, creating its parent directories. */
  public GitRepo write(String path, String content) {
    Path file = directory.resolve(path);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /**
   * Stages everything and commits it with author and committer date {@code when}; returns the SHA.
   */
  public String commit(String message, Instant when) {
    git(Map.of(), "add", "-A");
    String date = "@" + when.getEpochSecond() + " +0000";
    git(Map.of("GIT_AUTHOR_DATE", date, "GIT_COMMITTER_DATE", date), "commit", "-q", "-m", message);
    return rev("HEAD");
  }

  /** A lightweight tag on HEAD. */
  public GitRepo tag(String name) {
    git(Map.of(), "tag", name);
    return this;
  }

  /** An annotated tag on HEAD, dated {@code when}. */
  public GitRepo annotatedTag(String name, Instant when) {
    String date = "@" + when.getEpochSecond() + " +0000";
    git(Map.of("GIT_COMMITTER_DATE", date), "tag", "-a", "-m", "release " + name, name);
    return this;
  }

  /** The commit SHA {@code ref} points at (a tag is peeled to its commit). */
  public String rev(String ref) {
    return git(Map.of(), "rev-parse", ref + "^{commit}").strip();
  }

  /** The committer date of the commit {@code ref} points at. */
  public Instant commitDate(String ref) {
    String seconds = git(Map.of(), "log", "-1", "--format=%ct", ref + "^{commit}").strip();
    return Instant.ofEpochSecond(Long.parseLong(seconds));
  }

  /**
   * The top-level directory GitHub puts in a tag's archive: {@code REPO-REF}, where a {@code v}
   * before a digit is dropped and {@code /} becomes {@code -} ({@code NetExec} at {@code v1.5.1}
   * unpacks to {@code NetExec-1.5.1/}).
   */
  public static String githubPrefix(String repoName, String ref) {
    String version = ref.matches("[vV][0-9].*") ? ref.substring(1) : ref;
    return repoName + "-" + version.replace('/', '-');
  }

  /**
   * What GitHub serves at {@code archive/refs/tags/REF.tar.gz}: {@code git archive} of {@code ref}
   * as a gzipped tar under {@link #githubPrefix}, with git's {@code pax_global_header} naming the
   * commit.
   */
  public byte[] githubArchive(String repoName, String ref) {
    return run(
        Map.of(),
        "archive",
        "--format=tar.gz",
        "--prefix=" + githubPrefix(repoName, ref) + "/",
        ref);
  }

  /**
   * {@code git archive} of {@code ref} as a gzipped tar whose one top directory is {@code prefix},
   * as GitLab ({@code NAME-TAG-SHA}) and Forgejo ({@code REPO}) serve a tag's archive.
   */
  public byte[] tarGz(String prefix, String ref) {
    return run(Map.of(), "archive", "--format=tar.gz", "--prefix=" + prefix + "/", ref);
  }

  /** Runs git in the repository and returns its stdout; fails with git's stderr. */
  public String git(Map<String, String> env, String... args) {
    return new String(run(env, args), StandardCharsets.UTF_8);
  }

  private byte[] run(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.add("-c");
    command.add("user.name=mkwheels tests");
    command.add("-c");
    command.add("user.email=tests@mkwheels.invalid");
    command.add("-c");
    command.add("commit.gpgsign=false");
    command.add("-c");
    command.add("tag.gpgsign=false");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    Map<String, String> environment = builder.environment();
    // Neither the machine's nor the user's configuration may change what the tests build.
    environment.put("GIT_CONFIG_NOSYSTEM", "1");
    environment.put("GIT_CONFIG_GLOBAL", "/dev/null");
    environment.put("TZ", "UTC");
    environment.putAll(env);
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      // stderr is drained beside stdout, so that neither pipe fills and stalls git.
      CompletableFuture<byte[]> stderr =
          CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      byte[] stdout = readAll(process.getInputStream());
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("git " + String.join(" ", args) + " timed out");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "git "
                + String.join(" ", args)
                + " failed ("
                + process.exitValue()
                + "): "
                + new String(stderr.join(), StandardCharsets.UTF_8).strip());
      }
      return stdout;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run git", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running git", e);
    }
  }

  private static byte[] readAll(InputStream in) {
    try (in;
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
