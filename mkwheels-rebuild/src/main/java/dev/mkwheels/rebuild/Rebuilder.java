package dev.mkwheels.rebuild;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Console;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.packaging.PackResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code mkwheels rebuild}: reads a tarball's pylock.toml, fetches exactly the files it locks,
 * checks each one's size and SHA-256, packs them as the lock says the tarball was packed, and
 * compares the result with the tarball byte for byte. The first difference is named: a file whose
 * bytes are not the lock's, a file no source has, or the first tar entry and field that differ. No
 * pip and no Python take part.
 *
 * <p>Everything is written under the work directory the caller gives (and removes); nothing is
 * written beside the tarball. Not thread-safe per call.
 */
public final class Rebuilder {
  private final HttpFetcher http;
  private final Repacker repacker;
  private final GitArchiver git;

  /**
   * Git dependencies' archives are written again by the real git, in this process's environment.
   */
  public Rebuilder(HttpFetcher http, Repacker repacker) {
    this(http, repacker, GitArchiver.git(System.getenv()));
  }

  /**
   * @param git writes a git dependency's archive again from its recorded commit ({@link
   *     GitArchiver#git} with the user's environment)
   */
  public Rebuilder(HttpFetcher http, Repacker repacker, GitArchiver git) {
    this.http = requireNonNull(http, "http is null");
    this.repacker = requireNonNull(repacker, "repacker is null");
    this.git = requireNonNull(git, "git is null");
  }

  /**
   * Rebuilds {@code tarball}.
   *
   * @param workDirectory an empty private directory the caller deletes afterwards
   * @throws MkwheelsException when the tarball cannot be read or refused, its lock is malformed, or
   *     a source cannot be asked (the network, an HTTP error): the rebuild could not say
   */
  public RebuildResult rebuild(Path tarball, Sources sources, Path workDirectory, Console console)
      throws MkwheelsException {
    requireNonNull(tarball, "tarball is null");
    requireNonNull(sources, "sources is null");
    requireNonNull(workDirectory, "workDirectory is null");
    requireNonNull(console, "console is null");
    Artifact artifact = Artifact.read(tarball);
    Pylock lock = PylockReader.read(artifact.pylock(), artifact.top() + "/" + Artifact.PYLOCK);
    String sha256 = sha256(tarball);
    Path files = directory(workDirectory.resolve("files"));
    Path out = directory(workDirectory.resolve("out"));
    Path clones = directory(workDirectory.resolve("git"));
    console.progress(
        "fetching "
            + lock.files().size()
            + (lock.files().size() == 1 ? " locked file" : " locked files")
            + " of "
            + lock.name()
            + " "
            + lock.version());
    FileFetcher fetcher = new FileFetcher(http, sources, console, git, lock.epoch(), clones);
    int fetched = 0;
    for (Pylock.File file : lock.files()) {
      FileFetcher.Outcome outcome = fetcher.fetch(file, files.resolve(file.fileName()));
      if (outcome instanceof FileFetcher.Missing missing) {
        String where =
            missing.asked().isEmpty()
                ? "the lock names no index for it; give --index-url or --find-links"
                : "not found in " + String.join(", ", missing.asked());
        return differs(tarball, sha256, fetched, file.fileName() + " is missing: " + where);
      }
      if (outcome instanceof FileFetcher.Mismatch mismatch) {
        return differs(
            tarball,
            sha256,
            fetched,
            file.fileName() + " from " + mismatch.from() + " " + mismatch.what());
      }
      fetched++;
    }
    PackResult rebuilt = repacker.repack(lock, files, out, console);
    Optional<String> difference;
    try {
      difference = TarballDiff.compare(tarball, rebuilt.tarball());
    } catch (IOException e) {
      throw new MkwheelsException(
          "cannot compare "
              + tarball.getFileName()
              + " with its rebuild: "
              + TarballDiff.printable(e.getMessage()),
          e);
    }
    return new RebuildResult(
        tarball,
        sha256,
        fetched,
        Optional.of(rebuilt.sha256()),
        difference.map(d -> "tarball vs rebuild: " + d));
  }

  private static RebuildResult differs(Path tarball, String sha256, int fetched, String what) {
    return new RebuildResult(tarball, sha256, fetched, Optional.empty(), Optional.of(what));
  }

  private static Path directory(Path path) throws MkwheelsException {
    try {
      return Files.createDirectory(path);
    } catch (IOException e) {
      throw new MkwheelsException("cannot create " + path + ": " + e.getMessage(), e);
    }
  }

  private static String sha256(Path file) throws MkwheelsException {
    try {
      return FileFetcher.sha256(file);
    } catch (IOException e) {
      throw new MkwheelsException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
