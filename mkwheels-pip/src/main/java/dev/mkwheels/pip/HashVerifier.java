package dev.mkwheels.pip;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Hashes every downloaded file and checks it against the hash its index gave, independently of
 * pip (which skips the check in some paths, for example a local link without {@code
 * --require-hashes}).
 */
public final class HashVerifier {
  /** PyPI's simple index: what pip uses when nothing else is configured. */
  public static final String PYPI_SIMPLE = "https://pypi.org/simple";

  private final IndexHashes hashes;
  private final Console console;

  public HashVerifier(IndexHashes hashes, Console console) {
    this.hashes = requireNonNull(hashes, "hashes is null");
    this.console = requireNonNull(console, "console is null");
  }

  /**
   * The indexes to ask: those the user named; else those pip said it looked in, unless pip masked
   * their credentials; else PyPI, pip's default.
   */
  public static List<String> indexesToAsk(PipOptions options, Optional<String> pipSaid) {
    if (!options.indexUrls().isEmpty()) {
      return options.indexUrls();
    }
    if (pipSaid.isPresent()) {
      List<String> said = List.of(pipSaid.get().split(",\\s*"));
      return said.stream().anyMatch(u -> u.contains("****")) ? List.of() : said;
    }
    return List.of(PYPI_SIMPLE);
  }

  /**
   * @param files the distributions
   * @param indexes where to look up each file's hash, first listing wins
   * @throws HashMismatchException when a file's hash differs from its index's
   * @throws PipException when a file or an index cannot be read
   */
  public HashReport verify(List<Path> files, List<String> indexes) throws PipException {
    console.progress("hashing " + files.size() + " files");
    Map<String, String> sha256 = new TreeMap<>();
    List<String> unchecked = new ArrayList<>();
    int checked = 0;
    for (Path file : files) {
      String name = file.getFileName().toString();
      String actual = sha256(file);
      sha256.put(name, actual);
      Optional<Lookup> expected = lookup(name, indexes);
      if (expected.isEmpty()) {
        unchecked.add(name);
        continue;
      }
      if (!expected.get().sha256().equals(actual)) {
        throw new HashMismatchException("hash mismatch for " + name + ": the index " + Redaction.url(expected.get().index())
            + " gives sha256 " + expected.get().sha256() + ", the downloaded file has " + actual);
      }
      checked++;
    }
    if (!unchecked.isEmpty()) {
      console.debug("no index hash for: " + String.join(", ", unchecked));
    }
    return new HashReport(sha256, checked, unchecked);
  }

  private record Lookup(String index, String sha256) {}

  private Optional<Lookup> lookup(String name, List<String> indexes) throws PipException {
    for (String index : indexes) {
      try {
        Optional<String> sha = hashes.sha256(index, name);
        if (sha.isPresent()) {
          return Optional.of(new Lookup(index, sha.get()));
        }
      } catch (IOException | IllegalArgumentException e) {
        throw new PipException("cannot read the index " + Redaction.url(index) + " to check the hash of "
            + name + ": " + e.getMessage(), e);
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
