package dev.mkwheels.rebuild;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Console;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.HttpResponse;
import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.python.index.IndexClient;
import dev.mkwheels.python.index.IndexException;
import dev.mkwheels.python.index.IndexFile;
import dev.mkwheels.python.index.Redaction;
import dev.mkwheels.python.name.ProjectName;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Fetches one locked file by its name: from the {@code --find-links} locations first, then, for a
 * git dependency's archive, the recorded commit ({@link GitArchiver}), else the indexes' project
 * pages ({@code INDEX/<normalized name>/}), then the lock's own {@code url}; the first place that
 * has the file is the one whose bytes count. The bytes must be the lock's, by size and SHA-256: a
 * file that is not is the rebuild's first difference, never skipped for another copy. Pages are
 * asked once per run. Not thread-safe.
 */
final class FileFetcher {
  /** When the lock gives no size: a cap far above any distribution, far below a full disk. */
  static final long MAX_FILE_BYTES = 8L << 30;

  /** What fetching one file came to. */
  sealed interface Outcome permits Fetched, Missing, Mismatch {}

  /** The file, with the lock's bytes, at {@code path}. */
  record Fetched(Path path, String from) implements Outcome {}

  /** No location had the file; {@code asked} names where it was looked for. */
  record Missing(List<String> asked) implements Outcome {}

  /** The first location that had the file gave other bytes. */
  record Mismatch(String from, String what) implements Outcome {}

  private final HttpFetcher http;
  private final IndexClient client;
  private final Sources sources;
  private final Console console;
  private final GitArchiver git;
  private final long epoch;
  private final Path gitWork;
  private final Map<String, Map<String, Location>> pages = new HashMap<>();

  /** A place a file can be read from: a URL or a local file. */
  private record Location(URI url, Path file) {
    String describe() {
      return url != null ? Redaction.mask(url.toString()) : file.toString();
    }
  }

  /**
   * @param git writes a git dependency's archive again
   * @param epoch the lock's epoch, at which git archives are written
   * @param gitWork an existing directory for the clones, one subdirectory each
   */
  FileFetcher(
      HttpFetcher http,
      Sources sources,
      Console console,
      GitArchiver git,
      long epoch,
      Path gitWork) {
    this.http = requireNonNull(http, "http is null");
    this.client = new IndexClient(http);
    this.sources = requireNonNull(sources, "sources is null");
    this.console = requireNonNull(console, "console is null");
    this.git = requireNonNull(git, "git is null");
    this.epoch = epoch;
    this.gitWork = requireNonNull(gitWork, "gitWork is null");
  }

  /** Looks for {@code file} and writes it to {@code target} when it has the lock's bytes. */
  Outcome fetch(Pylock.File file, Path target) throws MkwheelsException {
    List<String> asked = new ArrayList<>();
    for (Page page : pagesFor(file)) {
      asked.add(Redaction.mask(page.shown()));
      Location location = listing(page).get(file.fileName());
      if (location != null) {
        return download(file, location, target);
      }
    }
    if (file.git().isPresent()) {
      return fromGit(file, file.git().get(), target);
    }
    if (!file.url().isEmpty()) {
      URI url = URI.create(file.url());
      asked.add(Redaction.mask(file.url()));
      if (isHttp(url)) {
        return download(file, new Location(url, null), target);
      }
    }
    return new Missing(asked);
  }

  /** A find-links location, or an index with the project whose page is asked. */
  private record Page(String location, Optional<ProjectName> project) {
    String shown() {
      return project
          .map(p -> (location.endsWith("/") ? location : location + "/") + p + "/")
          .orElse(location);
    }
  }

  private List<Page> pagesFor(Pylock.File file) {
    List<Page> pages = new ArrayList<>();
    sources.findLinks().forEach(location -> pages.add(new Page(location, Optional.empty())));
    if (file.git().isPresent()) {
      return pages; // written by mkwheels from a commit: on no index
    }
    List<String> indexes =
        sources.indexUrls().isEmpty()
            ? (file.index().isEmpty() ? List.of() : List.of(file.index()))
            : sources.indexUrls();
    ProjectName project = ProjectName.of(file.project());
    for (String index : indexes) {
      pages.add(new Page(index, Optional.of(project)));
    }
    return pages;
  }

  /** The files a find-links location or project page offers, by name; asked once. */
  private Map<String, Location> listing(Page page) throws MkwheelsException {
    Map<String, Location> known = pages.get(page.shown());
    if (known == null) {
      known = read(page);
      pages.put(page.shown(), known);
    }
    return known;
  }

  /** Read by the one index client, as lock and the hash check read pages. */
  private Map<String, Location> read(Page page) throws MkwheelsException {
    URI uri = asUri(page.location());
    boolean remote = uri != null && isHttp(uri);
    if (!remote && page.project().isEmpty()) {
      Path local =
          uri != null && "file".equals(uri.getScheme()) ? Path.of(uri) : Path.of(page.location());
      if (!Files.exists(local)) {
        return Map.of();
      }
    }
    List<IndexFile> files;
    try {
      files =
          page.project().isPresent()
              ? client.project(page.location(), page.project().get()).files()
              : client.findLinks(page.location());
    } catch (IndexException e) {
      throw new MkwheelsException(
          "cannot fetch "
              + Redaction.mask(page.shown())
              + ": "
              + TarballDiff.printable(e.getMessage()),
          e);
    }
    Map<String, Location> found = new LinkedHashMap<>();
    for (IndexFile file : files) {
      URI url = file.url();
      if ("file".equals(url.getScheme())) {
        // A remote page may point only at remote files: never at this machine's (file:).
        if (!remote) {
          found.putIfAbsent(file.fileName(), new Location(null, Path.of(url)));
        }
      } else if (isHttp(url)) {
        found.putIfAbsent(file.fileName(), new Location(url, null));
      }
    }
    return found;
  }

  /**
   * A git dependency's archive, written again from the recorded commit: {@code NAME-VERSION.zip}
   * has its members under {@code NAME/}, as the vendoring wrote it.
   *
   * @throws MkwheelsException when it cannot be (no git, the clone fails, no such commit): one line
   *     naming the dependency and its URL
   */
  private Outcome fromGit(Pylock.File file, Pylock.Git origin, Path target)
      throws MkwheelsException {
    String from = "git " + Redaction.mask(origin.url()) + "@" + origin.commit();
    String fileName = file.fileName();
    int dash = fileName.lastIndexOf('-');
    if (!fileName.endsWith(".zip") || dash <= 0 || dash + 1 >= fileName.length() - 4) {
      throw new MkwheelsException(
          "git dependency "
              + file.project()
              + " "
              + file.version()
              + ": the lock names its archive "
              + fileName
              + ", not NAME-VERSION.zip");
    }
    console.progress("writing " + fileName + " again from " + from);
    try {
      Path work = Files.createDirectory(gitWork.resolve(fileName));
      git.write(
          origin.url(),
          origin.commit(),
          fileName.substring(0, dash),
          fileName.substring(dash + 1, fileName.length() - 4),
          epoch,
          target,
          work);
    } catch (IOException e) {
      throw new MkwheelsException("cannot create a directory in " + gitWork + ": " + e, e);
    } catch (MkwheelsException e) {
      throw new MkwheelsException(
          "cannot write git dependency "
              + file.project()
              + " "
              + file.version()
              + " again from "
              + Redaction.mask(origin.url())
              + ": "
              + TarballDiff.printable(e.getMessage()),
          e);
    }
    return check(file, target, from);
  }

  private Outcome download(Pylock.File file, Location location, Path target)
      throws MkwheelsException {
    String from = location.describe();
    long cap = file.size() >= 0 ? file.size() : MAX_FILE_BYTES;
    console.debug("fetching " + file.fileName() + " from " + from);
    if (location.url() != null) {
      HttpResponse response;
      try {
        response = http.download(location.url(), Map.of(), target, cap);
      } catch (IOException e) {
        // The fetcher refuses a body over the cap with an IOException naming the cap: the file
        // is longer than the lock says, which is an answer, not a failure to ask.
        if (file.size() >= 0 && String.valueOf(e.getMessage()).contains(" " + cap + " bytes")) {
          return new Mismatch(from, "is larger than the " + file.size() + " bytes the lock says");
        }
        throw new MkwheelsException(
            "cannot fetch " + from + ": " + TarballDiff.printable(e.getMessage()), e);
      }
      if (response.status() != 200) {
        throw new MkwheelsException(
            "cannot fetch " + from + ": HTTP " + response.status() + " for a file its page lists");
      }
    } else {
      try {
        Files.copy(location.file(), target, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new MkwheelsException("cannot read " + from + ": " + e.getMessage(), e);
      }
    }
    return check(file, target, from);
  }

  private static Outcome check(Pylock.File file, Path target, String from)
      throws MkwheelsException {
    try {
      long size = Files.size(target);
      if (file.size() >= 0 && size != file.size()) {
        return new Mismatch(from, "is " + size + " bytes; pylock.toml says " + file.size());
      }
      String sha256 = sha256(target);
      if (!sha256.equals(file.sha256())) {
        return new Mismatch(from, "has sha256 " + sha256 + "; pylock.toml locks " + file.sha256());
      }
    } catch (IOException e) {
      throw new MkwheelsException("cannot read " + target + ": " + e.getMessage(), e);
    }
    return new Fetched(target, from);
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static URI asUri(String text) {
    try {
      URI uri = new URI(text);
      return uri.getScheme() != null && uri.getScheme().length() > 1 ? uri : null;
    } catch (Exception e) {
      return null;
    }
  }

  private static boolean isHttp(URI uri) {
    String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
    return scheme.equals("http") || scheme.equals("https");
  }

  /** PEP 503: runs of {@code -_.} become {@code -}, lower case. */
  static String normalize(String name) {
    return name.replaceAll("[-_.]+", "-").toLowerCase(Locale.ROOT);
  }
}
