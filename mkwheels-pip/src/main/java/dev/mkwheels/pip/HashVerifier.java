package dev.mkwheels.pip;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Console;
import dev.mkwheels.python.index.IndexClient;
import dev.mkwheels.python.index.IndexException;
import dev.mkwheels.python.index.IndexFile;
import dev.mkwheels.python.index.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Hashes every downloaded file and checks it against the hash its index gave, independently of pip
 * (which skips the check in some paths, for example a local link without {@code --require-hashes}).
 * The index pages are read by the one {@link IndexClient}, as {@code lock} reads them: the same
 * credentials, and a file found on the page of the project pip's finder would read it as ({@code
 * foo-1.0-2.tar.gz} on {@code foo}'s page).
 */
public final class HashVerifier {
  private final IndexClient index;
  private final Console console;
  private final boolean requireIndexHashes;

  /** A verifier for which a file no index gives a hash for is a warning. */
  public HashVerifier(IndexClient index, Console console) {
    this(index, console, false);
  }

  /**
   * @param requireIndexHashes a file no index gives a hash for is an error ({@code
   *     --require-index-hashes}), not a warning
   */
  public HashVerifier(IndexClient index, Console console, boolean requireIndexHashes) {
    this.index = requireNonNull(index, "index is null");
    this.console = requireNonNull(console, "console is null");
    this.requireIndexHashes = requireIndexHashes;
  }

  /**
   * @param files the distributions
   * @param indexes where to look up each file's hash, first listing wins
   * @throws HashMismatchException when a file's hash differs from its index's
   * @throws PipException when a file or an index cannot be read
   */
  public HashReport verify(List<Path> files, List<String> indexes) throws PipException {
    return verify(files, indexes, List.of());
  }

  /**
   * @param files the distributions
   * @param indexes where to look up each file's hash, first listing wins
   * @param madeHere those of {@code files} that mkwheels wrote itself (a git dependency's archive):
   *     hashed like every file, never looked up, since no index has them (and one that had a file
   *     of that name would hold other bytes)
   * @throws HashMismatchException when a file's hash differs from its index's
   * @throws PipException when a file or an index cannot be read, or when no index gives a hash for
   *     a file and index hashes are required
   */
  public HashReport verify(List<Path> files, List<String> indexes, Collection<Path> madeHere)
      throws PipException {
    return verify(files, indexes, madeHere, List.of());
  }

  /**
   * @param builtHere those of {@code files} that pip built here from sdists ({@code
   *     --wheels-only}): hashed, never looked up, since no index has them
   * @see #verify(List, List, Collection)
   */
  public HashReport verify(
      List<Path> files, List<String> indexes, Collection<Path> madeHere, Collection<Path> builtHere)
      throws PipException {
    return verify(files, indexes, madeHere, builtHere, Map.of());
  }

  /**
   * @param hashed the SHA-256 (lower-case hex) of those of {@code files} whose bytes mkwheels
   *     itself hashed as it wrote them into a directory only it writes to (the native resolver's
   *     downloads), by path: not read again, but checked against the index like every other
   * @see #verify(List, List, Collection, Collection)
   */
  public HashReport verify(
      List<Path> files,
      List<String> indexes,
      Collection<Path> madeHere,
      Collection<Path> builtHere,
      Map<Path, String> hashed)
      throws PipException {
    long toRead = files.stream().filter(f -> !hashed.containsKey(f)).count();
    console.progress(
        toRead == files.size()
            ? "hashing " + files.size() + " files"
            : "checking "
                + files.size()
                + " files against the index ("
                + (files.size() - toRead)
                + " hashed as they were downloaded, "
                + toRead
                + " to hash)");
    Map<String, String> sha256 = new TreeMap<>();
    List<String> unchecked = new ArrayList<>();
    List<String> local = new ArrayList<>();
    List<String> built = new ArrayList<>();
    Map<String, String> listedOn = new TreeMap<>();
    Map<String, Instant> uploaded = new TreeMap<>();
    int checked = 0;
    for (Path file : files) {
      String name = file.getFileName().toString();
      String known = hashed.get(file);
      String actual = known != null ? known.toLowerCase(java.util.Locale.ROOT) : sha256(file);
      sha256.put(name, actual);
      if (madeHere.contains(file)) {
        local.add(name);
        continue;
      }
      if (builtHere.contains(file)) {
        built.add(name);
        continue;
      }
      Optional<Lookup> expected = lookup(name, indexes);
      if (expected.isEmpty()) {
        unchecked.add(name);
        continue;
      }
      if (!expected.get().sha256().equals(actual)) {
        throw new HashMismatchException(
            "hash mismatch for "
                + name
                + ": the index "
                + Redaction.mask(expected.get().index())
                + " gives sha256 "
                + expected.get().sha256()
                + ", the downloaded file has "
                + actual);
      }
      checked++;
      listedOn.put(name, Redaction.withoutUserInfo(expected.get().index()));
      expected.get().uploadTime().ifPresent(time -> uploaded.put(name, time));
    }
    if (!unchecked.isEmpty()) {
      String what =
          "no index hash to check for "
              + unchecked.size()
              + " of "
              + files.size()
              + " files ("
              + String.join(", ", unchecked)
              + "): no index pip used lists "
              + (unchecked.size() == 1 ? "it" : "them")
              + " with a sha256";
      if (requireIndexHashes) {
        throw new PipException(what + " (--require-index-hashes)");
      }
      console.warn(what + "; --require-index-hashes makes this an error");
    }
    return new HashReport(sha256, checked, unchecked, local, built, listedOn, uploaded);
  }

  /** The index that listed a file with a sha256, and the upload time it gave, if any. */
  private record Lookup(String index, String sha256, Optional<Instant> uploadTime) {}

  private Optional<Lookup> lookup(String name, List<String> indexes) throws PipException {
    for (String url : indexes) {
      try {
        Optional<IndexFile> listed = index.find(url, name);
        Optional<String> sha = listed.flatMap(IndexFile::sha256);
        if (sha.isPresent()) {
          return Optional.of(new Lookup(url, sha.get(), listed.get().uploadTime()));
        }
      } catch (IndexException e) {
        throw new PipException(
            "cannot read the index "
                + Redaction.mask(url)
                + " to check the hash of "
                + name
                + ": "
                + e.getMessage(),
            e);
      }
    }
    return Optional.empty();
  }

  /** Lower-case hex SHA-256 of a file. */
  public static String sha256(Path file) throws PipException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw new PipException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
