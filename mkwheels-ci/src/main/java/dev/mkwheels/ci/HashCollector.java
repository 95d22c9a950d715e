package dev.mkwheels.ci;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Console;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.pip.PipIndexes;
import dev.mkwheels.python.index.IndexClient;
import dev.mkwheels.python.index.IndexException;
import dev.mkwheels.python.index.IndexFile;
import dev.mkwheels.python.index.Redaction;
import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.version.Version;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The sha256 of every file of a pinned version that pip could choose from: every file the indexes
 * list for that version (all platforms, as pip-compile does, so that one lock serves every machine
 * of that Python) and every matching file in the find-links locations. The pages are read by the
 * one {@link IndexClient}, the same reader as the modes' hash check, with the same credentials.
 */
final class HashCollector {
  private final IndexClient client;
  private final Console console;
  private final Map<String, List<IndexFile>> flatPages = new HashMap<>();
  private final Map<Path, String> localHashes = new HashMap<>();
  private final Map<Pin, List<Found>> found = new TreeMap<>();

  /**
   * A file of a pin with its hash, for pylock.toml.
   *
   * @param file the file as listed
   * @param sha256 its sha256, from the page or, for a file on this machine, hashed here
   * @param index the simple index that listed it, credentials removed, or empty (find-links)
   */
  record Found(IndexFile file, String sha256, Optional<String> index) {}

  HashCollector(HttpFetcher http, Console console) {
    this(new IndexClient(http), console);
  }

  HashCollector(IndexClient client, Console console) {
    this.client = requireNonNull(client, "client is null");
    this.console = requireNonNull(console, "console is null");
  }

  /** Every {@code sha256:HEX} per pin, sorted. */
  Map<Pin, Set<String>> collect(List<Pin> pins, PipIndexes indexes) throws CiException {
    Map<Pin, Set<String>> hashes = new TreeMap<>();
    try {
      for (Pin pin : pins) {
        ProjectName project = ProjectName.of(pin.name());
        Set<String> found = new TreeSet<>();
        for (String index : indexes.indexUrls()) {
          for (IndexFile file : client.project(index, project).files()) {
            add(pin, project, file, Redaction.mask(index), found, Optional.of(index));
          }
        }
        for (String location : indexes.findLinks()) {
          for (IndexFile file : findLinks(location)) {
            add(pin, project, file, Redaction.mask(location), found, Optional.empty());
          }
        }
        hashes.put(pin, found);
      }
    } catch (IndexException e) {
      throw new CiException(e.getMessage(), e);
    }
    return hashes;
  }

  /** Every file {@link #collect} found with a sha256, per pin, in the order found. */
  Map<Pin, List<Found>> files() {
    return found;
  }

  private void add(
      Pin pin,
      ProjectName project,
      IndexFile file,
      String where,
      Set<String> hashes,
      Optional<String> index)
      throws CiException {
    Optional<Version> version = file.version(project);
    if (version.isEmpty() || !pin.sameVersion(version.get().toString())) {
      return;
    }
    Optional<Path> local = local(file);
    Optional<String> sha256 =
        file.sha256().isPresent()
            ? file.sha256()
            : local.isPresent() ? Optional.of(sha256(local.get())) : Optional.empty();
    if (sha256.isPresent()) {
      hashes.add("sha256:" + sha256.get());
      found
          .computeIfAbsent(pin, p -> new ArrayList<>())
          .add(new Found(file, sha256.get(), index.map(Redaction::withoutUserInfo)));
    } else {
      console.warn(
          where + " lists " + file.fileName() + " without a sha256; it is not in the lock");
    }
  }

  /** A find-links location that is not there is skipped, as pip skips it. */
  private List<IndexFile> findLinks(String location) throws IndexException {
    URI uri = location.contains("://") ? URI.create(location) : null;
    if (uri == null || "file".equalsIgnoreCase(uri.getScheme())) {
      Path path = uri == null ? Path.of(location) : Path.of(uri);
      if (!Files.exists(path)) {
        console.debug("find-links " + location + " does not exist; skipped");
        return List.of();
      }
    }
    List<IndexFile> files = flatPages.get(location);
    if (files == null) {
      files = client.findLinks(location);
      flatPages.put(location, files);
    }
    return files;
  }

  /**
   * A file on this machine that its page gives no hash for (a find-links directory's), hashed
   * itself: its bytes are what pip would install.
   */
  private static Optional<Path> local(IndexFile file) {
    if (!"file".equalsIgnoreCase(file.url().getScheme())) {
      return Optional.empty();
    }
    Path path = Path.of(file.url());
    return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
  }

  private String sha256(Path file) throws CiException {
    String cached = localHashes.get(file);
    if (cached != null) {
      return cached;
    }
    try {
      String hex = Sha256.of(file);
      localHashes.put(file, hex);
      return hex;
    } catch (IOException e) {
      throw new CiException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
