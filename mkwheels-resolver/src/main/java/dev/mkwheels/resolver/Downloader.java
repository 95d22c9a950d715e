package dev.mkwheels.resolver;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.HttpResponse;
import dev.mkwheels.api.internal.Cleanup;
import dev.mkwheels.python.index.IndexFile;
import dev.mkwheels.python.index.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Fetches distribution files: each distinct URL once, a few at a time per host, streamed to a
 * temporary file beside its target while its SHA-256 is computed, checked against the index's hash,
 * then moved into place; a mismatch leaves nothing behind. A file fetched earlier for its metadata
 * ({@link #cached}) is not fetched or hashed again: the cached copy, unchanged since it was checked
 * (same inode, size and modification time), is linked into place (copied and hashed again when it
 * cannot be linked or has changed). {@code file:} URLs are read from disk directly. Thread-safe.
 */
public final class Downloader {
  /** The most one file may be: larger than any distribution an index serves. */
  static final long MAX_BYTES = 16L << 30;

  /** How many files at a time from one host when the caller does not say. */
  public static final int DEFAULT_PER_HOST = 4;

  private static final int MAX_THREADS = 16;

  /** How many bytes of the smallest files go before the largest: see {@link #order}. */
  static final long LEAD = 1 << 20;

  /** The size of a read: a distribution is megabytes, and each read is a system call. */
  private static final int BUFFER_BYTES = 256 * 1024;

  /**
   * Each thread's buffer for copying and hashing. A new one for each file came from outside the
   * thread's allocation buffer: the JVM zeroed 25 MB of fresh pages for a 97-file tree, a tenth of
   * the download's CPU in a profile.
   */
  private static final ThreadLocal<byte[]> BUFFER =
      ThreadLocal.withInitial(() -> new byte[BUFFER_BYTES]);

  private final HttpFetcher http;
  private final int perHost;
  private final Path cache;
  private final Map<URI, Object> cacheLocks = new ConcurrentHashMap<>();
  private final TreeSet<String> unhashed = new TreeSet<>();
  private final Map<Path, Placed> placed = new ConcurrentHashMap<>();
  private final Map<Path, Placed> fetched = new ConcurrentHashMap<>();

  /** A file {@link #download} wrote: its SHA-256, and what says it was not replaced since. */
  private record Placed(String sha256, Object fileKey, long size, FileTime modified) {}

  /**
   * @param http how http(s) files are fetched
   * @param perHost how many files at a time from one host, at least 1
   * @param cache a directory in the work directory, shared with the metadata reads; created when
   *     first used
   */
  public Downloader(HttpFetcher http, int perHost, Path cache) {
    this.http = requireNonNull(http, "http is null");
    if (perHost < 1) {
      throw new IllegalArgumentException("perHost must be at least 1: " + perHost);
    }
    this.perHost = perHost;
    this.cache = requireNonNull(cache, "cache is null");
  }

  /**
   * Downloads {@code files} into {@code directory}, each under its file name, and returns where
   * each one is. A URL listed twice (several targets share a file) is fetched once.
   *
   * @throws ResolutionException naming the file: it cannot be had, its hash differs from the
   *     index's, or two different files have the same name; no partial file is left behind
   */
  public Map<IndexFile, Path> download(Collection<IndexFile> files, Path directory)
      throws ResolutionException {
    requireNonNull(directory, "directory is null");
    Map<String, IndexFile> byName = new TreeMap<>();
    for (IndexFile file : files) {
      IndexFile known = byName.putIfAbsent(file.fileName(), file);
      if (known != null && !known.url().equals(file.url()) && conflict(known, file)) {
        throw new ResolutionException(
            "two different files are named "
                + file.fileName()
                + ": "
                + Redaction.describe(known.url())
                + " and "
                + Redaction.describe(file.url()));
      }
    }
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new ResolutionException("cannot create " + directory + ": " + e.getMessage(), e);
    }
    Map<String, Path> done = fetchAll(byName.values(), directory);
    Map<IndexFile, Path> result = new LinkedHashMap<>();
    for (IndexFile file : files) {
      result.put(file, done.get(file.fileName()));
    }
    return result;
  }

  /**
   * The files fetched with no hash from their index, by file name, sorted: they were hashed and
   * kept, with nothing to check them against.
   */
  public List<String> unhashed() {
    synchronized (unhashed) {
      return List.copyOf(unhashed);
    }
  }

  /**
   * The SHA-256 (lower-case hex) of every file {@link #download} placed, computed from the bytes as
   * they were written, by its path; a file since replaced, removed or changed (another inode, size
   * or modification time) is left out. So a caller need not read the files again to hash them.
   */
  public Map<Path, String> hashes() {
    Map<Path, String> hashes = new TreeMap<>();
    placed.forEach(
        (path, file) -> {
          if (file.equals(placed(path, file.sha256()))) {
            hashes.put(path, file.sha256());
          }
        });
    return hashes;
  }

  /** What {@code path} is now, with {@code sha256}; null when it cannot be read. */
  private static Placed placed(Path path, String sha256) {
    try {
      BasicFileAttributes now = Files.readAttributes(path, BasicFileAttributes.class);
      return new Placed(sha256, now.fileKey(), now.size(), now.lastModifiedTime());
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * {@code file} on local disk, hash checked: a {@code file:} URL's own path, else a copy in the
   * cache, fetched the first time it is asked for. Used to read metadata; {@link #download} reuses
   * the copy.
   *
   * @throws ResolutionException when it cannot be had or its hash differs from the index's
   */
  public Path cached(IndexFile file) throws ResolutionException {
    requireNonNull(file, "file is null");
    if (isFile(file.url())) {
      Path path = Path.of(file.url());
      check(file, hashOf(file, path));
      return path;
    }
    Path target = cachePath(file);
    synchronized (cacheLocks.computeIfAbsent(file.url(), u -> new Object())) {
      if (Files.isRegularFile(target)) {
        check(file, unchanged(target).orElse(hashOf(file, target)));
        return target;
      }
      try {
        Files.createDirectories(target.getParent());
      } catch (IOException e) {
        throw new ResolutionException("cannot create " + target.getParent() + ": " + e, e);
      }
      remember(fetched, target, fetch(file, target));
      return target;
    }
  }

  /** The SHA-256 {@code path} had when it was fetched into the cache, if it has not changed. */
  private Optional<String> unchanged(Path path) {
    Placed known = fetched.get(path);
    return known != null && known.equals(placed(path, known.sha256()))
        ? Optional.of(known.sha256())
        : Optional.empty();
  }

  private static void remember(Map<Path, Placed> where, Path path, String sha256) {
    Placed now = placed(path, sha256);
    if (now != null && now.fileKey() != null) {
      where.put(path, now);
    }
  }

  private static boolean conflict(IndexFile a, IndexFile b) {
    Optional<String> sa = a.sha256();
    Optional<String> sb = b.sha256();
    return sa.isEmpty() || sb.isEmpty() || !sa.equals(sb);
  }

  private Map<String, Path> fetchAll(Collection<IndexFile> files, Path directory)
      throws ResolutionException {
    Map<String, Path> done = new ConcurrentHashMap<>();
    if (files.isEmpty()) {
      return done;
    }
    Map<String, Semaphore> hosts = new ConcurrentHashMap<>();
    int threads = Math.min(files.size(), MAX_THREADS);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            task -> {
              Thread thread = new Thread(task, "mkwheels-download");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (IndexFile file : order(files)) {
        Semaphore host =
            hosts.computeIfAbsent(hostOf(file.url()), h -> new Semaphore(perHost, true));
        futures.add(
            pool.submit(
                () -> {
                  host.acquire();
                  try {
                    done.put(file.fileName(), place(file, directory));
                  } finally {
                    host.release();
                  }
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
      return done;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ResolutionException failure) {
        throw failure;
      }
      throw new ResolutionException("download failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ResolutionException("the downloads were interrupted", e);
    } finally {
      pool.shutdownNow();
      try {
        pool.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * {@code files} in the order they are started: the smallest of known size (a {@code file:} URL's,
   * the index's PEP 700 size) up to {@link #LEAD} bytes together, then the largest first, then
   * those of unknown size in the order given.
   *
   * <ul>
   *   <li>The small ones lead because a fresh JVM hashes its first megabyte or so in the
   *       interpreter and C1's code, several times slower than the SHA-256 intrinsic C2 then
   *       compiles: better those are small files' bytes than a 17 MB wheel's (jupyter's tree: 0.93x
   *       the CPU of largest first).
   *   <li>Then the largest: a large file started last would be copied alone while the other threads
   *       have nothing left to do.
   * </ul>
   */
  static List<IndexFile> order(Collection<IndexFile> files) {
    return order(files, LEAD);
  }

  static List<IndexFile> order(Collection<IndexFile> files, long lead) {
    Map<IndexFile, Long> sizes = new HashMap<>();
    for (IndexFile file : files) {
      long size = file.size().orElse(-1);
      if (isFile(file.url())) {
        try {
          size = Files.size(Path.of(file.url()));
        } catch (IOException | RuntimeException e) {
          // Placed in its turn; the copy says what is wrong.
        }
      }
      sizes.put(file, size);
    }
    List<IndexFile> largest = new ArrayList<>();
    List<IndexFile> unknown = new ArrayList<>();
    for (IndexFile file : files) {
      (sizes.get(file) < 0 ? unknown : largest).add(file);
    }
    largest.sort(Comparator.comparingLong((IndexFile f) -> -sizes.get(f)));
    List<IndexFile> ordered = new ArrayList<>();
    long led = 0;
    while (!largest.isEmpty() && led < lead) {
      IndexFile smallest = largest.remove(largest.size() - 1);
      ordered.add(smallest);
      led += sizes.get(smallest);
    }
    ordered.addAll(largest);
    ordered.addAll(unknown);
    return ordered;
  }

  /**
   * Puts {@code file} at {@code directory/NAME}: linked from the cache when it was fetched there
   * and has not changed since, else copied from the cache or its {@code file:} URL, else fetched.
   */
  private Path place(IndexFile file, Path directory) throws ResolutionException {
    Path target = directory.resolve(file.fileName());
    Path source = isFile(file.url()) ? Path.of(file.url()) : cachePath(file);
    String sha256 = null;
    if (!isFile(file.url())) {
      synchronized (cacheLocks.computeIfAbsent(file.url(), u -> new Object())) {
        Optional<String> known = unchanged(source);
        if (known.isPresent()) {
          check(file, known.get()); // before it is linked: a mismatch leaves nothing behind
          if (linked(source, target)) {
            sha256 = known.get();
          }
        }
      }
    }
    if (sha256 == null) {
      sha256 =
          Files.isRegularFile(source) ? copyChecked(file, source, target) : fetch(file, target);
    }
    remember(placed, target, sha256);
    return target;
  }

  /**
   * Whether {@code source} could be hard-linked at {@code target} (through a temporary name beside
   * it, so a reader never sees a half-made file); false leaves nothing behind (another file system,
   * say: the caller copies).
   */
  private static boolean linked(Path source, Path target) {
    Path temp = temporaryBeside(target);
    try (Cleanup.Registration registration = Cleanup.delete(temp)) {
      Files.createLink(temp, source);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      return true;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      deleteQuietly(temp);
      return false;
    }
  }

  /**
   * Copies while hashing to a temporary file beside {@code target}; moves it in when it checks.
   * Returns its SHA-256.
   */
  private String copyChecked(IndexFile file, Path source, Path target) throws ResolutionException {
    Path temp = temporaryBeside(target);
    try (Cleanup.Registration registration = Cleanup.delete(temp)) {
      try {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(source);
            OutputStream out = Files.newOutputStream(temp)) {
          byte[] buffer = BUFFER.get();
          for (int n; (n = in.read(buffer)) >= 0; ) {
            digest.update(buffer, 0, n);
            out.write(buffer, 0, n);
          }
        }
        String sha256 = HexFormat.of().formatHex(digest.digest());
        check(file, sha256);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        return sha256;
      } catch (IOException e) {
        throw new ResolutionException(
            "cannot copy " + file.fileName() + " from " + source + ": " + e.getMessage(), e);
      } finally {
        deleteQuietly(temp);
      }
    }
  }

  /**
   * Downloads to a temporary file beside {@code target}, hashed by the fetcher as it streams (not
   * read again), checks it, moves it into place. Returns its SHA-256.
   */
  private String fetch(IndexFile file, Path target) throws ResolutionException {
    String shown = Redaction.describe(file.url());
    Path temp = temporaryBeside(target);
    try (Cleanup.Registration registration = Cleanup.delete(temp)) {
      try {
        MessageDigest digest = sha256();
        HttpResponse response = http.download(file.url(), Map.of(), temp, MAX_BYTES, digest);
        if (response.status() != 200) {
          throw new ResolutionException(
              "cannot download "
                  + file.fileName()
                  + ": "
                  + shown
                  + " answered HTTP "
                  + response.status());
        }
        String sha256 = HexFormat.of().formatHex(digest.digest()); // of the bytes as written
        check(file, sha256);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        return sha256;
      } catch (IOException e) {
        throw new ResolutionException(
            "cannot download "
                + file.fileName()
                + " from "
                + shown
                + ": "
                + Redaction.mask(String.valueOf(e.getMessage())),
            e);
      } catch (UnsupportedOperationException | IllegalArgumentException e) {
        throw new ResolutionException(
            "cannot download " + file.fileName() + " from " + shown + ": unsupported URL", e);
      } finally {
        deleteQuietly(temp);
      }
    }
  }

  private void check(IndexFile file, String actual) throws ResolutionException {
    Optional<String> expected = file.sha256();
    if (expected.isEmpty()) {
      synchronized (unhashed) {
        unhashed.add(file.fileName());
      }
      return;
    }
    if (!expected.get().equalsIgnoreCase(actual)) {
      throw new ResolutionException(
          "hash mismatch for "
              + file.fileName()
              + ": the index gives sha256 "
              + expected.get()
              + ", the file has "
              + actual);
    }
  }

  private static String hashOf(IndexFile file, Path path) throws ResolutionException {
    MessageDigest digest = sha256();
    try (InputStream in = Files.newInputStream(path)) {
      byte[] buffer = BUFFER.get();
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new ResolutionException(
          "cannot read " + file.fileName() + " at " + path + ": " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private Path cachePath(IndexFile file) {
    String key =
        HexFormat.of()
            .formatHex(sha256().digest(file.url().toString().getBytes(StandardCharsets.UTF_8)))
            .substring(0, 32);
    return cache.resolve(key).resolve(file.fileName());
  }

  private static Path temporaryBeside(Path target) {
    return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
  }

  private static String hostOf(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
  }

  private static boolean isFile(URI uri) {
    return "file".equalsIgnoreCase(uri.getScheme());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // Registered with Cleanup too: the hook tries again on exit.
    }
  }
}
