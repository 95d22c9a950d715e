package dev.mkwheels.host;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Console;
import dev.mkwheels.api.Credential;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.HttpResponse;
import dev.mkwheels.api.SourceArchive;
import dev.mkwheels.api.SourceException;
import dev.mkwheels.api.UnpackedSource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The forge-neutral services a host offers its source providers, behind {@link
 * dev.mkwheels.api.SourceContext#http(List)} and {@link
 * dev.mkwheels.api.SourceContext#unpack(SourceArchive)}: credentials attached to their own origin
 * only, and source archives downloaded, checked, unpacked safely and told their version. Stateless
 * and thread-safe.
 */
public final class HostServices {
  /** A Python project's source archive is megabytes; this only stops a runaway download. */
  public static final long MAX_ARCHIVE_BYTES = 512L << 20;

  private final SafeUnpacker.Limits limits;
  private final long maxArchiveBytes;

  /** The services with the default limits. */
  public HostServices() {
    this(SafeUnpacker.Limits.DEFAULT, MAX_ARCHIVE_BYTES);
  }

  HostServices(SafeUnpacker.Limits limits, long maxArchiveBytes) {
    this.limits = requireNonNull(limits, "limits is null");
    this.maxArchiveBytes = maxArchiveBytes;
  }

  /**
   * {@code http} that adds, to each GET or download, the header of the first of {@code credentials}
   * whose origin is the request's and whose variable is set (not blank) in {@code environment}, its
   * prefix before the value; nothing to any other request. {@code http} must drop it on a redirect
   * to another origin, as the cli's fetcher does.
   */
  public HttpFetcher credentialed(
      HttpFetcher http, List<Credential> credentials, Map<String, String> environment) {
    return new CredentialedFetcher(http, credentials, environment);
  }

  /**
   * Downloads {@code archive} (its credentials attached to their origin only, at most {@link
   * #MAX_ARCHIVE_BYTES}), unpacks it safely into a new directory inside {@code workDirectory},
   * checks its root holds {@code pyproject.toml} or {@code setup.py}, and works out what tells the
   * tree's version plugins the version.
   *
   * @throws SourceException with one line naming the archive: an HTTP status other than 200, a
   *     download that fails, a corrupt or unsafe archive, a root pip cannot build
   */
  public UnpackedSource unpack(
      SourceArchive archive,
      HttpFetcher http,
      Path workDirectory,
      Map<String, String> environment,
      Console console)
      throws SourceException {
    requireNonNull(archive, "archive is null");
    requireNonNull(console, "console is null");
    URI url = archive.url();
    String label = archive.label();
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
      throw new SourceException(label + " is not at an http(s) URL (" + Urls.describe(url) + ")");
    }
    Path directory;
    try {
      directory = Files.createTempDirectory(workDirectory, "source-");
    } catch (IOException e) {
      throw new SourceException(
          "cannot create a directory for " + label + ": " + e.getMessage(), e);
    }
    // The archive beside the tree, never in it: a top-level directory may be named anything.
    Path file = directory.resolve("archive");
    Path tree;
    try {
      download(
          archive,
          credentialed(http, archive.credentials(), environment),
          file,
          environment,
          console);
      console.progress("unpacking " + label);
      tree = new SafeUnpacker(limits).unpack(file, directory.resolve("tree"), label);
      if (!Files.isRegularFile(tree.resolve("pyproject.toml"))
          && !Files.isRegularFile(tree.resolve("setup.py"))) {
        throw new SourceException(
            label + " has neither pyproject.toml nor setup.py at its root, so pip cannot build it");
      }
    } catch (SourceException | RuntimeException e) {
      // Nothing half-written stays behind, not even the empty directories.
      Trees.deleteQuietly(directory);
      throw e;
    } finally {
      deleteQuietly(file);
    }
    Map<String, String> overrides = VersionOverrides.of(archive.version(), ProjectFiles.read(tree));
    List<String> notes = new ArrayList<>();
    notes.add("source " + Urls.describe(url));
    notes.add(
        "version "
            + archive.version()
            + " told to version plugins through "
            + String.join(", ", overrides.keySet())
            + " (a tag archive has no .git)");
    return new UnpackedSource(tree, new java.util.TreeMap<>(overrides), notes);
  }

  private void download(
      SourceArchive archive,
      HttpFetcher http,
      Path file,
      Map<String, String> environment,
      Console console)
      throws SourceException {
    URI url = archive.url();
    console.progress("downloading " + Urls.describe(url));
    HttpResponse response;
    try {
      response = http.download(url, Map.of(), file, maxArchiveBytes);
    } catch (IOException e) {
      throw new SourceException("cannot download " + archive.label() + ": " + e.getMessage(), e);
    }
    if (response.status() != 200) {
      throw refusal(archive, response, environment);
    }
  }

  /** The one line for an archive the server did not hand over. */
  static SourceException refusal(
      SourceArchive archive, HttpResponse response, Map<String, String> environment) {
    int status = response.status();
    String label = archive.label();
    String url = Urls.describe(archive.url());
    Optional<Credential> sent =
        CredentialedFetcher.inUse(archive.credentials(), environment, archive.url());
    String variables =
        archive.credentials().stream()
            .filter(c -> c.belongsTo(archive.url()))
            .map(Credential::variable)
            .distinct()
            .collect(Collectors.joining(" or "));
    boolean limited =
        status == 429
            || (status == 403
                && response
                    .header("x-ratelimit-remaining")
                    .map(String::strip)
                    .filter("0"::equals)
                    .isPresent());
    if (limited) {
      String when =
          response
              .retryAfterSeconds()
              .map(s -> "; retry in " + s + " seconds")
              .or(
                  () ->
                      response
                          .header("x-ratelimit-reset")
                          .map(String::strip)
                          .filter(s -> s.matches("[0-9]{1,12}"))
                          .map(s -> "; it resets at " + Instant.ofEpochSecond(Long.parseLong(s))))
              .orElse("; wait and retry");
      String token =
          sent.isEmpty() && !variables.isEmpty()
              ? ", or set " + variables + " for a higher limit"
              : "";
      return new SourceException(
          label
              + " was refused: the rate limit of "
              + Urls.describe(Credential.originOf(archive.url()))
              + " is used up (HTTP "
              + status
              + ")"
              + when
              + token);
    }
    String refused = label + " was refused: HTTP " + status + " from " + url;
    if (status == 401 || status == 403) {
      return new SourceException(
          refused
              + sent.map(c -> "; " + c.variable() + " was sent: check the token or unset it")
                  .orElse(
                      variables.isEmpty()
                          ? ""
                          : "; set " + variables + " to a token that may read it"));
    }
    if (status == 404) {
      return new SourceException(label + " was not found: HTTP 404 from " + url);
    }
    return new SourceException(refused);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // The host deletes the whole work directory at the end of the run.
    }
  }
}
