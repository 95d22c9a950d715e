package dev.mkwheels.pip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mkwheels.python.index.Redaction;
import dev.mkwheels.python.name.ProjectName;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The git dependencies pip saved in a distributions directory. Each clone zip is written again in
 * its place from the git objects of the commit pip checked out ({@link CloneArchive}, {@link
 * GitZip}), its commit and origin recorded; a tree with a link leaving it is refused. Those another
 * resolver pinned are written the same way from a clone of their commit ({@link GitSourceZip}).
 * Then, where pip can, every archive is built offline from the directory alone, as the install
 * recipe will, and one that builds as another version than pip saw with {@code .git} is written
 * again under that version, so that requirements.txt pins what installs. pip's zips are kept aside
 * until then. Not thread-safe; close it to delete what was kept.
 */
final class GitDependencies implements AutoCloseable {
  private static final String PROCESSING = "Processing ";

  private final Path directory;
  private final Path kept;
  private final long epoch;

  /** By file name, what writes the archive (again, under another version). */
  private final Map<String, Source> sources = new TreeMap<>();

  private final Map<String, GitArchive> archives = new TreeMap<>();

  /** Writes an archive's tree under {@code stem/} as {@code temporary}. */
  @FunctionalInterface
  private interface Source {
    void write(GitArchive archive, String stem, Path temporary, Path scratch)
        throws IOException, PipException, GitTreeException;
  }

  private GitDependencies(Path directory, Path kept, long epoch) {
    this.directory = directory;
    this.kept = kept;
    this.epoch = epoch;
  }

  /**
   * Rewrites every git clone pip saved in {@code directory}.
   *
   * @param pipOutput the lines of the {@code pip download} that saved them, for the revisions asked
   * @param epoch the time of every member
   */
  static GitDependencies rewrite(Path directory, List<String> pipOutput, long epoch)
      throws PipException {
    GitDependencies git = create(directory, epoch);
    try {
      Map<String, String> requested = PipClones.requested(pipOutput);
      for (Path file : TreeVendor.list(directory)) {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
          git.rewriteIfClone(file, requested);
        }
      }
      return git;
    } catch (IOException e) {
      git.close();
      throw new PipException(
          "cannot rewrite the git dependencies pip saved in " + directory + ": " + e.getMessage(),
          e);
    } catch (PipException | RuntimeException e) {
      git.close();
      throw e;
    }
  }

  /**
   * Writes each of {@code pins} into {@code directory} from its commit, cloned by {@code zips}, as
   * {@link #rewrite} writes it from pip's clone.
   *
   * @throws PipException when a clone fails or a tree is refused, naming the dependency
   */
  static GitDependencies write(Path directory, List<GitPin> pins, long epoch, GitSourceZip zips)
      throws PipException {
    GitDependencies git = create(directory, epoch);
    try {
      for (GitPin pin : pins) {
        GitArchive archive =
            new GitArchive(
                directory.resolve(pin.fileName()),
                ProjectName.normalize(pin.name()),
                pin.version(),
                pin.url(),
                pin.commit(),
                pin.requested(),
                Optional.empty());
        git.sources.put(
            pin.fileName(),
            (a, stem, temporary, scratch) ->
                zips.write(a.url(), a.commit(), stem, a.version(), epoch, temporary, scratch));
        git.write(archive, pin.fileName());
      }
      return git;
    } catch (IOException e) {
      git.close();
      throw new PipException(
          "cannot write the git dependencies into " + directory + ": " + e.getMessage(), e);
    } catch (PipException | RuntimeException e) {
      git.close();
      throw e;
    }
  }

  private static GitDependencies create(Path directory, long epoch) throws PipException {
    try {
      Path kept = Files.createTempDirectory(directory.toAbsolutePath().getParent(), "git-clones-");
      return new GitDependencies(directory, kept, epoch);
    } catch (IOException e) {
      throw new PipException(
          "cannot create a directory beside " + directory + ": " + e.getMessage(), e);
    }
  }

  /** The archives, sorted by file name. */
  List<GitArchive> archives() {
    return List.copyOf(archives.values());
  }

  private void rewriteIfClone(Path file, Map<String, String> requested)
      throws IOException, PipException {
    String name = file.getFileName().toString();
    Path original = kept.resolve(name);
    Optional<CloneArchive> maybe = CloneArchive.open(file);
    if (maybe.isEmpty()) {
      return;
    }
    GitArchive archive;
    try (CloneArchive clone = maybe.get()) {
      DownloadedFile distribution =
          DownloadedFile.read(name)
              .orElseThrow(
                  () ->
                      new PipException(
                          "pip saved a git dependency as "
                              + name
                              + ", which names no project and version"));
      String version = distribution.version().toString();
      String url =
          Redaction.withoutUserInfo(
              clone
                  .originUrl()
                  .orElseThrow(
                      () ->
                          new PipException(
                              "pip's clone " + name + " does not say where it was cloned from")));
      String commit;
      try {
        commit = clone.commit();
      } catch (IOException e) {
        throw new PipException(
            "cannot tell which commit pip checked out for " + name + ": " + e.getMessage(), e);
      }
      archive =
          new GitArchive(
              file,
              distribution.project().normalized(),
              version,
              url,
              commit,
              Optional.ofNullable(requested.get(url)),
              Optional.empty());
    }
    Files.move(file, original);
    sources.put(
        name,
        (a, stem, temporary, scratch) -> {
          try (CloneArchive clone = CloneArchive.open(original).orElseThrow()) {
            clone.rewrite(temporary, scratch, stem, a.version(), epoch);
          }
        });
    write(archive, name);
  }

  /**
   * Writes {@code archive} from its source (the git objects in pip's zip, or a clone of its commit)
   * as {@code directory/fileName}.
   *
   * @throws PipException when the commit's tree is refused or cannot be had, naming the dependency
   *     and the reason
   */
  private void write(GitArchive archive, String fileName) throws IOException, PipException {
    Path temporary = kept.resolve(fileName + ".tmp");
    Path scratch = Files.createDirectory(kept.resolve(fileName + ".git"));
    try {
      String written =
          fileName.substring(
              0, fileName.length() - ".zip".length() - archive.version().length() - 1);
      sources.get(fileName).write(archive, written, temporary, scratch);
    } catch (GitTreeException | PipException e) {
      throw new PipException(
          "git dependency " + archive.project() + " (" + archive.source() + "): " + e.getMessage(),
          e);
    } finally {
      delete(scratch);
    }
    Path target = directory.resolve(fileName);
    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    archives.put(fileName, archive.withVersion(target, archive.version()));
  }

  /**
   * {@code pip install --dry-run --no-deps --no-index --find-links DIR ARCHIVES}, isolated from
   * pip's configuration (as an offline machine is): every archive must build with only what the
   * directory holds, and as the version its file name gives. One that builds as another version is
   * written again under it, and checked once more.
   *
   * @return one line for the summary
   * @throws PipException when an archive does not build offline, naming it
   */
  String checkOffline(PipRunner runner, PipVersion pip) throws PipException {
    if (archives.isEmpty()) {
      return "";
    }
    if (!pip.atLeast(22, 2)) {
      return "not checked: pip "
          + pip.text()
          + " has no install --dry-run --report (pip >= 22.2 has)";
    }
    List<GitArchive> pending = archives();
    for (int pass = 1; !pending.isEmpty(); pass++) {
      Map<String, String> built = buildOffline(runner, pending);
      List<GitArchive> renamed = new ArrayList<>();
      for (GitArchive archive : pending) {
        String name = archive.file().getFileName().toString();
        String version = built.get(name);
        if (version == null) {
          throw new PipException("pip did not report the version of " + name + " built offline");
        }
        if (version.equals(archive.version())) {
          continue;
        }
        if (pass > 1) {
          throw new PipException(
              "git dependency "
                  + archive.project()
                  + " builds offline as version "
                  + version
                  + " from the archive named "
                  + archive.version()
                  + ", so requirements.txt cannot pin it");
        }
        renamed.add(rename(archive, name, version));
      }
      pending = renamed;
    }
    return "every archive builds offline from the vendored files alone, as the version requirements.txt pins";
  }

  private GitArchive rename(GitArchive archive, String name, String version) throws PipException {
    String stem =
        name.substring(0, name.length() - ".zip".length() - archive.version().length() - 1);
    String fileName = stem + "-" + version + ".zip";
    try {
      Files.delete(archive.file());
      archives.remove(name);
      sources.put(fileName, sources.remove(name));
      write(archive.withVersion(archive.file(), version), fileName);
    } catch (IOException e) {
      throw new PipException("cannot write " + fileName + ": " + e.getMessage(), e);
    }
    return archives.get(fileName);
  }

  /** File name to the version pip built it as. */
  private Map<String, String> buildOffline(PipRunner runner, List<GitArchive> pending)
      throws PipException {
    Path report = kept.resolve("report.json");
    List<String> args =
        new ArrayList<>(
            List.of(
                "install",
                "--dry-run",
                "--ignore-installed",
                "--no-deps",
                "--isolated",
                "--no-index",
                "--find-links",
                directory.toString(),
                "--no-cache-dir",
                "--progress-bar",
                "off",
                "--report",
                report.toString()));
    pending.forEach(a -> args.add(a.file().toString()));
    // An offline machine has none of this machine's pip configuration (find-links, indexes).
    PipCommand command =
        PipCommand.of(args)
            .withLabel("pip install --dry-run (git archives, offline)")
            .withEnvironment(Map.of("PIP_CONFIG_FILE", "/dev/null"))
            .withAttempts(2);
    PipResult result = runner.run(command);
    if (!result.succeeded()) {
      String culprit =
          culprit(result.lines(), pending)
              .map(a -> "git dependency " + a.project() + " (" + a.source() + ")")
              .orElse("the git dependencies' archives");
      String said = lastBuildLine(result.lines()).map(l -> "; the build said: " + l).orElse("");
      throw new PipException(
          culprit
              + " does not build offline from the vendored files (pip: "
              + result.failure()
              + said
              + ")");
    }
    Map<String, String> versions = new TreeMap<>();
    try {
      JsonNode root = new ObjectMapper().readTree(report.toFile());
      for (JsonNode item : root.path("install")) {
        String url = item.path("download_info").path("url").asText("");
        String version = item.path("metadata").path("version").asText("");
        if (url.startsWith("file:") && !version.isEmpty()) {
          versions.put(Path.of(URI.create(url)).getFileName().toString(), version);
        }
      }
      Files.deleteIfExists(report);
    } catch (IOException | IllegalArgumentException e) {
      throw new PipException("cannot read pip's report " + report + ": " + e.getMessage(), e);
    }
    return versions;
  }

  /**
   * The last line a failed build printed, inside pip's box that ends with {@code [end of output]}.
   */
  private static Optional<String> lastBuildLine(List<String> lines) {
    String last = null;
    for (String line : lines) {
      String stripped = line.strip();
      if (stripped.equals("[end of output]") && last != null) {
        return Optional.of(last.length() > 300 ? last.substring(0, 300) + "..." : last);
      }
      if (!stripped.isEmpty()) {
        last = stripped;
      }
    }
    return Optional.empty();
  }

  /** The archive pip was processing last, from its {@code Processing /path/x.zip} lines. */
  private static Optional<GitArchive> culprit(List<String> lines, List<GitArchive> pending) {
    Optional<GitArchive> last = Optional.empty();
    for (String line : lines) {
      String stripped = line.strip();
      if (stripped.startsWith(PROCESSING)) {
        String path = stripped.substring(PROCESSING.length()).strip();
        Optional<GitArchive> match =
            pending.stream().filter(a -> path.endsWith("/" + a.file().getFileName())).findFirst();
        last = match.isPresent() ? match : last;
      }
    }
    return last;
  }

  @Override
  public void close() {
    try {
      delete(kept);
    } catch (IOException e) {
      // The work directory around it goes at the end of the run.
    }
  }

  private static void delete(Path tree) throws IOException {
    try (Stream<Path> files = Files.walk(tree)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
