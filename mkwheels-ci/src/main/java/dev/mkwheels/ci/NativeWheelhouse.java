package dev.mkwheels.ci;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Console;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.pip.PipException;
import dev.mkwheels.pip.PipIndexes;
import dev.mkwheels.pip.PipRunner;
import dev.mkwheels.python.index.IndexClient;
import dev.mkwheels.python.index.IndexFile;
import dev.mkwheels.python.marker.Marker;
import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.resolver.Candidate;
import dev.mkwheels.resolver.CandidateProvider;
import dev.mkwheels.resolver.Downloader;
import dev.mkwheels.resolver.IndexCandidates;
import dev.mkwheels.resolver.ResolutionException;
import dev.mkwheels.resolver.Target;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code mkwheels wheelhouse --target}: for each target, each pin of the lock whose marker holds
 * there gets the target's most preferred wheel among the files the lock hashes, read from the
 * indexes with mkwheels' own index client (no pip, no interpreter of the target); the union of the
 * targets' files is downloaded (a file several targets share, once), each checked against the
 * index's hash and again against the lock's. Wheels only: nothing is built for a target, so a pin
 * with no wheel for it fails the run, naming the target and every such pin.
 */
final class NativeWheelhouse {
  private final PipRunner pip;
  private final HttpFetcher http;
  private final Console console;

  NativeWheelhouse(PipRunner pip, HttpFetcher http, Console console) {
    this.pip = requireNonNull(pip, "pip is null");
    this.http = requireNonNull(http, "http is null");
    this.console = requireNonNull(console, "console is null");
  }

  /**
   * Downloads every target's files of {@code lock} into {@code downloads}.
   *
   * @param cache a work directory for files read to learn their hash (an index that gives none)
   * @return every file, sorted by name
   */
  List<WheelhouseResult.File> download(
      WheelhouseRequest request, LockFile lock, Path downloads, Path cache)
      throws MkwheelsException {
    PipIndexes indexes = indexes(request);
    Downloader downloader = new Downloader(http, Downloader.DEFAULT_PER_HOST, cache);
    CandidateProvider provider =
        IndexCandidates.builder(new IndexClient(http))
            .indexes(indexes.indexUrls())
            .findLinks(indexes.findLinks())
            .onlyBinary(true)
            .downloader(downloader)
            .build();
    console.progress(
        "picking the files of "
            + lock.path()
            + " for "
            + String.join(", ", request.targets().stream().map(Target::name).toList()));
    Map<String, IndexFile> chosen = new TreeMap<>();
    Map<String, LockEntry> entries = new TreeMap<>();
    List<String> unsatisfied = new ArrayList<>();
    for (Target target : request.targets()) {
      List<String> missing = new ArrayList<>();
      for (LockEntry entry : lock.entries()) {
        if (!applies(entry, target)) {
          continue;
        }
        Optional<IndexFile> file = pick(provider, downloader, entry, target);
        if (file.isEmpty()) {
          missing.add(entry.pin().toString());
        } else {
          chosen.put(file.get().fileName(), file.get());
          entries.put(file.get().fileName(), entry);
        }
      }
      if (!missing.isEmpty()) {
        unsatisfied.add(
            target.name()
                + " ("
                + missing.size()
                + " of the lock's pins: "
                + String.join(", ", missing)
                + ")");
      }
    }
    if (!unsatisfied.isEmpty()) {
      throw new CiException(
          "no wheel the lock hashes is for "
              + String.join("; nor for ", unsatisfied)
              + ": nothing is built for a --target");
    }
    try {
      downloader.download(chosen.values(), downloads);
    } catch (ResolutionException e) {
      throw new CiException(e.getMessage(), e);
    }
    List<WheelhouseResult.File> files = new ArrayList<>();
    for (Map.Entry<String, LockEntry> file : entries.entrySet()) {
      String sha256 = sha256(downloads.resolve(file.getKey()));
      if (!file.getValue().hashes().contains("sha256:" + sha256)) {
        throw new CiException(
            "the downloaded "
                + file.getKey()
                + " has sha256 "
                + sha256
                + ", which "
                + file.getValue().location()
                + " does not list for "
                + file.getValue().pin());
      }
      files.add(new WheelhouseResult.File(file.getKey(), sha256, ""));
    }
    return files;
  }

  /** Whether {@code entry}'s marker holds on {@code target} (no marker: everywhere). */
  private static boolean applies(LockEntry entry, Target target) throws CiException {
    if (entry.marker().isEmpty()) {
      return true;
    }
    try {
      return Marker.parse(entry.marker()).evaluate(target.environment());
    } catch (IllegalArgumentException e) {
      throw new CiException(
          entry.location() + ": cannot read the marker '" + entry.marker() + "': " + e.getMessage(),
          e);
    }
  }

  /** The target's most preferred wheel of the pinned version whose sha256 the lock lists. */
  private static Optional<IndexFile> pick(
      CandidateProvider provider, Downloader downloader, LockEntry entry, Target target)
      throws CiException {
    try {
      for (Candidate candidate : provider.candidates(ProjectName.of(entry.pin().name()), target)) {
        if (!entry.pin().sameVersion(candidate.version().toString())) {
          continue;
        }
        for (IndexFile file : candidate.files()) {
          String sha256 = file.hashes().get("sha256");
          if (sha256 == null) {
            sha256 = sha256(downloader.cached(file));
          }
          if (entry.hashes().contains("sha256:" + sha256)) {
            return Optional.of(file);
          }
        }
      }
      return Optional.empty();
    } catch (ResolutionException | IllegalArgumentException e) {
      throw new CiException(e.getMessage(), e);
    }
  }

  /** pip's configured indexes with the command line's; the command line's alone without pip. */
  private PipIndexes indexes(WheelhouseRequest request) throws MkwheelsException {
    try {
      return PipIndexes.of(pip, request.index(), "download");
    } catch (PipException e) {
      console.debug("pip's configuration not read (" + e.getMessage() + "); command line only");
      return PipIndexes.of(Map.of(), request.index(), "download");
    }
  }

  private static String sha256(Path file) throws CiException {
    try {
      return Sha256.of(file);
    } catch (IOException e) {
      throw new CiException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
