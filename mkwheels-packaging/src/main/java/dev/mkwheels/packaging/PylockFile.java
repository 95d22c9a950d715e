package dev.mkwheels.packaging;

import dev.mkwheels.python.lock.PylockText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes pylock.toml (PEP 751, lock-version 1.0): one {@code [[packages]]} table per project
 * version, PEP 503 names sorted, with the {@code marker} of the targets using it when not all of
 * them do, each with its vendored files ({@code [[packages.wheels]]} sorted by name, and {@code
 * [packages.sdist]}, or for a git dependency's archive {@code [packages.archive]} and the commit in
 * {@code [packages.tool.mkwheels.vcs]}) by {@code path} beside the lock, size and sha256, and a
 * {@code [tool.mkwheels]} table with what a rebuild needs (name, version, epoch, pack format,
 * notes).
 *
 * <p>Written by hand in one fixed layout rather than with Jackson's TOML generator: that writes
 * arrays of tables as one-line inline arrays ({@code packages = [{...}, {...}]}), not the {@code
 * [[packages]]} tables PEP 751 shows and every other locker writes; the tests parse the output back
 * with Jackson's TOML parser and with Python's {@code tomllib}.
 */
final class PylockFile {
  static final String NAME = "pylock.toml";

  private PylockFile() {}

  /**
   * One packed file, its size, the SHA-256 of the bytes that were packed, and the marker of the
   * targets it is for, if it is for only some of them.
   */
  record Locked(
      DistributionFile file, long size, String sha256, FileOrigin origin, Optional<String> marker) {
    /** A file for every target. */
    Locked(DistributionFile file, long size, String sha256, FileOrigin origin) {
      this(file, size, sha256, origin, Optional.empty());
    }
  }

  /**
   * The first project version with two sdists ({@code name version}), or empty; PEP 751 gives a
   * package one sdist, so the pack refuses such a wheelhouse before writing.
   */
  static Optional<String> secondSdist(List<DistributionFile> files) {
    TreeSet<String> seen = new TreeSet<>();
    for (DistributionFile file : files) {
      String key = file.project() + " " + file.version();
      if (file.kind() != DistributionFile.Kind.WHEEL && !seen.add(key)) {
        return Optional.of(key);
      }
    }
    return Optional.empty();
  }

  /**
   * Renders the file; {@link Wheelhouse} has checked that each project has one version (or several,
   * each file with a marker) and {@link #secondSdist} that a version has one sdist at most. Each
   * version is one {@code [[packages]]} entry, in PEP 440 version order; one whose files are for
   * some targets only has a {@code marker} (theirs, joined with {@code or}) that is true exactly on
   * those targets, as PEP 751 asks of two entries of one name.
   *
   * @param name the artifact's PEP 503 normalized name
   * @param version the artifact's version
   */
  static byte[] render(
      String name, String version, long epoch, List<String> notes, List<Locked> files) {
    return render(name, version, epoch, notes, files, List.of());
  }

  /**
   * {@link #render(String, String, long, List, List)}, with the top-level {@code environments}
   * array when {@code environments} is not empty: the targets' markers, sorted, as PEP 751 lists
   * the environments a lock is for (an installer refuses it where none of them is true).
   */
  static byte[] render(
      String name,
      String version,
      long epoch,
      List<String> notes,
      List<Locked> files,
      List<String> environments) {
    // Project, then version: one [[packages]] entry per version of a project.
    Map<String, Map<String, List<Locked>>> projects = new TreeMap<>();
    for (Locked locked : files) {
      projects
          .computeIfAbsent(
              locked.file().project(), p -> new TreeMap<>(RequirementsFile.VERSION_ORDER))
          .computeIfAbsent(locked.file().version(), v -> new ArrayList<>())
          .add(locked);
    }
    StringBuilder text = new StringBuilder();
    text.append("lock-version = \"1.0\"\n");
    if (!environments.isEmpty()) {
      text.append("environments = [");
      new TreeSet<>(environments)
          .forEach(e -> text.append("\n  ").append(PylockText.string(e)).append(','));
      text.append("\n]\n");
    }
    text.append("created-by = \"mkwheels\"\n");
    for (Map.Entry<String, Map<String, List<Locked>>> project : projects.entrySet()) {
      boolean several = project.getValue().size() > 1;
      for (Map.Entry<String, List<Locked>> pinned : project.getValue().entrySet()) {
        entry(text, project.getKey(), pinned.getKey(), several, pinned.getValue());
      }
    }
    text.append("\n[tool.mkwheels]\n");
    PylockText.key(text, "name", name);
    PylockText.key(text, "version", version);
    text.append("epoch = ").append(epoch).append('\n');
    text.append("format = ").append(PackFormat.VERSION).append('\n');
    text.append("notes = [");
    for (int i = 0; i < notes.size(); i++) {
      text.append(i == 0 ? "\n  " : ",\n  ").append(PylockText.string(notes.get(i)));
    }
    text.append(notes.isEmpty() ? "]\n" : ",\n]\n");
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** One {@code [[packages]]} entry: {@code project} at {@code version}, with its files. */
  private static void entry(
      StringBuilder text, String project, String version, boolean several, List<Locked> files) {
    List<Locked> locked = new ArrayList<>(files);
    locked.sort((a, b) -> a.file().fileName().compareTo(b.file().fileName()));
    text.append("\n[[packages]]\n");
    PylockText.key(text, "name", project);
    PylockText.key(text, "version", version);
    // The targets' markers when every file has one, as requirements.txt pins the version.
    TreeSet<String> markers = new TreeSet<>();
    boolean allMarked = true;
    for (Locked l : locked) {
      l.marker().ifPresent(markers::add);
      allMarked &= l.marker().isPresent();
    }
    if (allMarked) {
      PylockText.key(text, "marker", RequirementsFile.marker(markers));
    } else if (several) {
      throw new IllegalStateException(project + " " + version + " has a file with no marker");
    }
    // One index for the package only when every file names the same one.
    TreeSet<String> indexes = new TreeSet<>();
    boolean allKnown = true;
    for (Locked l : locked) {
      Optional<String> index = l.origin().redactedIndex();
      index.ifPresent(indexes::add);
      allKnown &= index.isPresent();
    }
    if (allKnown && indexes.size() == 1) {
      PylockText.key(text, "index", indexes.first());
    }
    Locked sdist = null;
    for (Locked l : locked) {
      if (l.file().kind() == DistributionFile.Kind.WHEEL) {
        text.append("\n[[packages.wheels]]\n");
        file(text, l);
      } else if (sdist == null) {
        sdist = l;
      } else {
        throw new IllegalStateException(project + " " + version + " has two sdists");
      }
    }
    if (sdist != null && sdist.origin().gitOrigin().isPresent()) {
      // A git dependency's archive: PEP 751 gives a package exactly one of vcs, directory,
      // archive, sdist and wheels. The archive (by path and hash) is what installs offline from
      // the extracted tarball; the commit it was written from goes in mkwheels' own table, with
      // [packages.vcs]'s keys, so that a rebuild can write the archive again.
      FileOrigin.Git git = sdist.origin().gitOrigin().get();
      text.append("\n[packages.archive]\n");
      archive(text, sdist);
      text.append("\n[packages.tool.mkwheels.vcs]\n");
      PylockText.key(text, "type", "git");
      PylockText.key(text, "url", git.redactedUrl());
      PylockText.key(text, "commit-id", git.commit());
    } else if (sdist != null) {
      text.append("\n[packages.sdist]\n");
      file(text, sdist);
    }
  }

  private static void file(StringBuilder text, Locked locked) {
    PylockText.key(text, "name", locked.file().fileName());
    archive(text, locked);
  }

  /** The keys PEP 751's file tables share; {@code [packages.archive]} has no {@code name}. */
  private static void archive(StringBuilder text, Locked locked) {
    if (locked.origin().uploadTime() != null) {
      PylockText.uploadTime(text, locked.origin().uploadTime());
    }
    PylockText.key(text, "path", "./" + locked.file().fileName());
    text.append("size = ").append(locked.size()).append('\n');
    PylockText.sha256(text, locked.sha256());
  }
}
