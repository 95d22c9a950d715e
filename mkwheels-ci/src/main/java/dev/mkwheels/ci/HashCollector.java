package dev.mkwheels.ci;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Console;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.pip.PipIndexes;
import dev.mkwheels.pip.Redaction;
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
import java.util.stream.Stream;

/**
 * The sha256 of every file of a pinned version that pip could choose from: every file the indexes
 * list for that version (all platforms, as pip-compile does, so that one lock serves every machine
 * of that Python) and every matching file in the find-links locations.
 */
final class HashCollector {
  private final HttpFetcher http;
  private final Console console;
  private final Map<String, List<IndexPage.Link>> flatPages = new HashMap<>();
  private final Map<Path, String> localHashes = new HashMap<>();
  private final Map<Pin, List<Found>> found = new TreeMap<>();

  /**
   * A file of a pin with its hash, for pylock.toml.
   *
   * @param link the file as listed
   * @param index the simple index that listed it, credentials removed, or empty (find-links)
   */
  record Found(IndexPage.Link link, Optional<String> index) {}

  HashCollector(HttpFetcher http, Console console) {
    this.http = requireNonNull(http, "http is null");
    this.console = requireNonNull(console, "console is null");
  }

  /** Every {@code sha256:HEX} per pin, sorted. */
  Map<Pin, Set<String>> collect(List<Pin> pins, PipIndexes indexes) throws CiException {
    Map<Pin, Set<String>> hashes = new TreeMap<>();
    for (Pin pin : pins) {
      Set<String> found = new TreeSet<>();
      for (String index : indexes.indexUrls()) {
        for (IndexPage.Link link : IndexPage.project(http, index, pin.name())) {
          add(pin, link, index, found, Optional.of(Redaction.withoutUserInfo(index)));
        }
      }
      for (String location : indexes.findLinks()) {
        findLinks(pin, location, found);
      }
      hashes.put(pin, found);
    }
    return hashes;
  }

  /** Every file {@link #collect} found with a sha256, per pin, in the order found. */
  Map<Pin, List<Found>> files() {
    return found;
  }

  private void add(
      Pin pin, IndexPage.Link link, String where, Set<String> hashes, Optional<String> index) {
    Optional<Pin> named = DistributionFileName.parse(link.fileName());
    if (named.isEmpty()
        || !named.get().name().equals(pin.name())
        || !pin.sameVersion(named.get().version())) {
      return;
    }
    if (link.sha256().isPresent()) {
      hashes.add("sha256:" + link.sha256().get());
      found.computeIfAbsent(pin, p -> new ArrayList<>()).add(new Found(link, index));
    } else {
      console.warn(
          where + " lists " + link.fileName() + " without a sha256; it is not in the lock");
    }
  }

  private void findLinks(Pin pin, String location, Set<String> found) throws CiException {
    URI uri = location.contains("://") ? URI.create(location) : null;
    Path directory =
        uri == null
            ? Path.of(location)
            : "file".equalsIgnoreCase(uri.getScheme()) ? Path.of(uri) : null;
    if (directory != null && Files.isDirectory(directory)) {
      try (Stream<Path> files = Files.list(directory)) {
        for (Path file : files.sorted().toList()) {
          Optional<Pin> named = DistributionFileName.parse(file.getFileName().toString());
          if (named.isPresent()
              && named.get().name().equals(pin.name())
              && pin.sameVersion(named.get().version())) {
            String sha256 = sha256(file);
            found.add("sha256:" + sha256);
            this.found
                .computeIfAbsent(pin, p -> new ArrayList<>())
                .add(
                    new Found(
                        new IndexPage.Link(
                            file.getFileName().toString(),
                            Optional.of(sha256),
                            file.toUri().toString(),
                            Optional.of(Files.size(file)),
                            Optional.empty()),
                        Optional.empty()));
          }
        }
      } catch (IOException e) {
        throw new CiException(
            "cannot list the find-links directory " + directory + ": " + e.getMessage(), e);
      }
      return;
    }
    if (directory != null || uri == null) {
      console.debug("find-links " + location + " is not a directory; skipped");
      return;
    }
    List<IndexPage.Link> links = flatPages.get(location);
    if (links == null) {
      links = IndexPage.flat(http, uri);
      flatPages.put(location, links);
    }
    for (IndexPage.Link link : links) {
      add(pin, link, Redaction.url(location), found, Optional.empty());
    }
  }

  private String sha256(Path file) throws IOException {
    String cached = localHashes.get(file);
    if (cached != null) {
      return cached;
    }
    String hex = Sha256.of(file);
    localHashes.put(file, hex);
    return hex;
  }
}
