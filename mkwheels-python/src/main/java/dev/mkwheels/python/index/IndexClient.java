package dev.mkwheels.python.index;

import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.HttpResponse;
import dev.mkwheels.python.filename.InvalidFileNameException;
import dev.mkwheels.python.filename.SdistFileName;
import dev.mkwheels.python.filename.WheelFileName;
import dev.mkwheels.python.metadata.CoreMetadata;
import dev.mkwheels.python.name.ProjectName;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads package indexes the way pip does: a project's page ({@code <index>/<normalized name>/})
 * asked for in PEP 691 JSON first and PEP 503 HTML after, with pip's {@code Accept} header; {@code
 * file://} indexes (a directory per project holding {@code index.html}) and find-links locations (a
 * directory of distributions, or an HTML page of links) read from disk.
 *
 * <p>Credentials: a URL's {@code user:password@} goes to the host's {@link HttpFetcher}, which
 * turns it into basic auth for that origin; a host with none in its URL gets the {@code ~/.netrc}
 * login for it ({@code $NETRC}, {@code $HOME/.netrc}), as pip does, as a basic-auth header that the
 * fetcher sends only to that origin.
 *
 * <p>Each page is read once per client. Thread-safe. Every failure is an {@link IndexException}
 * whose message names the page, credentials removed.
 */
public final class IndexClient {
  /** What pip 23.2 sends: PEP 691 JSON first, then PEP 691 HTML, then plain HTML. */
  public static final String ACCEPT =
      "application/vnd.pypi.simple.v1+json, "
          + "application/vnd.pypi.simple.v1+html; q=0.1, text/html; q=0.01";

  private static final String JSON = "application/vnd.pypi.simple.v1+json";
  private static final Set<String> HTML =
      Set.of("text/html", "application/vnd.pypi.simple.v1+html");

  private final HttpFetcher http;
  private final Netrc netrc;
  private final Map<String, ProjectPage> pages = new HashMap<>();

  /** A client whose netrc is the one of this process's environment. */
  public IndexClient(HttpFetcher http) {
    this(http, System.getenv());
  }

  /**
   * @param environment where {@code NETRC} and {@code HOME} are looked up
   */
  public IndexClient(HttpFetcher http, Map<String, String> environment) {
    this.http = Objects.requireNonNull(http, "http is null");
    this.netrc = Netrc.of(Objects.requireNonNull(environment, "environment is null"));
  }

  /**
   * What {@code index} lists for {@code project}; no files when the index does not have it (a 404,
   * or no directory in a {@code file://} index).
   *
   * @param index the index URL, as pip's {@code --index-url} takes it
   * @throws IndexException when the page cannot be read, the index answers an error, or the page is
   *     not an index page
   */
  public ProjectPage project(String index, ProjectName project) throws IndexException {
    Objects.requireNonNull(index, "index is null");
    Objects.requireNonNull(project, "project is null");
    String base = index.endsWith("/") ? index : index + "/";
    String pageUrl = base + project.normalized() + "/";
    synchronized (pages) {
      ProjectPage cached = pages.get(pageUrl);
      if (cached != null) {
        return cached;
      }
    }
    URI uri = uri(pageUrl);
    JsonPage.Parsed parsed;
    if (isFile(uri)) {
      Path directory = Path.of(uri);
      Path html = directory.resolve("index.html");
      parsed =
          Files.isRegularFile(html)
              ? new JsonPage.Parsed(HtmlPage.files(readFile(html, pageUrl), uri), List.of())
              : new JsonPage.Parsed(List.of(), List.of());
    } else {
      parsed = fetchPage(uri, true);
    }
    ProjectPage page =
        new ProjectPage(project, Redaction.mask(pageUrl), parsed.files(), parsed.versions());
    synchronized (pages) {
      pages.put(pageUrl, page);
    }
    return page;
  }

  /**
   * The files a find-links location offers, as pip's finder sees them: every distribution in a
   * local directory (and the links of any {@code .html} file there), the links of an HTML page
   * (local or http(s)), or one local file.
   *
   * @param location a directory or file path, a {@code file://} URL or an http(s) URL
   * @throws IndexException when the location does not exist or cannot be read
   */
  public List<IndexFile> findLinks(String location) throws IndexException {
    Objects.requireNonNull(location, "location is null");
    URI uri = location.contains("://") ? uri(location) : null;
    if (uri != null && !isFile(uri)) {
      return fetchPage(uri, false).files();
    }
    Path path = uri == null ? Path.of(location) : Path.of(uri);
    if (Files.isDirectory(path)) {
      List<IndexFile> files = new ArrayList<>();
      try (Stream<Path> list = Files.list(path)) {
        for (Path file : list.filter(Files::isRegularFile).sorted().toList()) {
          files.addAll(localFile(file, location));
        }
      } catch (IOException e) {
        throw new IndexException(
            "cannot list the find-links directory "
                + Redaction.mask(location)
                + ": "
                + e.getMessage(),
            e);
      }
      return files;
    }
    if (Files.isRegularFile(path)) {
      return localFile(path, location);
    }
    throw new IndexException("no such find-links location: " + Redaction.mask(location));
  }

  /**
   * The file named {@code fileName} as {@code index} lists it, looked up on the page of each
   * project the name can be a file of (one for a wheel; for an sdist, every name before a dash
   * whose rest is a version, shortest first, as pip's finder reads a page).
   *
   * @throws IndexException when a page cannot be read
   */
  public Optional<IndexFile> find(String index, String fileName) throws IndexException {
    for (ProjectName project : projectsOf(fileName)) {
      for (IndexFile file : project(index, project).files()) {
        if (file.fileName().equals(fileName) && file.version(project).isPresent()) {
          return Optional.of(file);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The PEP 658 core metadata of {@code file}, checked against the digest the page gives for it.
   *
   * @throws IndexException when the page offers no metadata file, it cannot be read, or its hash
   *     differs
   */
  public CoreMetadata metadata(IndexFile file) throws IndexException {
    IndexFile.MetadataFile metadata =
        file.metadata()
            .orElseThrow(
                () ->
                    new IndexException("the index offers no metadata file for " + file.fileName()));
    URI uri = metadata.url();
    String shown = Redaction.mask(uri.toString());
    byte[] body;
    if (isFile(uri)) {
      try {
        body = Files.readAllBytes(Path.of(uri));
      } catch (IOException e) {
        throw new IndexException("cannot read " + shown + ": " + e.getMessage(), e);
      }
    } else {
      HttpResponse response = get(uri, Map.of(), shown);
      if (response.status() != 200) {
        throw new IndexException(shown + " answered HTTP " + response.status());
      }
      body = response.body();
    }
    checkDigest(body, metadata.hashes(), shown);
    return CoreMetadata.parse(new String(body, StandardCharsets.UTF_8));
  }

  private JsonPage.Parsed fetchPage(URI uri, boolean missingIsEmpty) throws IndexException {
    String shown = Redaction.mask(uri.toString());
    HttpResponse response = get(uri, Map.of("Accept", ACCEPT), "the index page " + shown);
    if (response.status() == 404 && missingIsEmpty) {
      return new JsonPage.Parsed(List.of(), List.of());
    }
    if (response.status() != 200) {
      throw new IndexException("the index page " + shown + " answered HTTP " + response.status());
    }
    String type =
        response.header("Content-Type").orElse("text/html").toLowerCase(Locale.ROOT).strip();
    String mime = type.split(";", 2)[0].strip();
    if (mime.equals(JSON)) {
      try {
        return JsonPage.parse(response.body(), base(uri, response));
      } catch (IllegalArgumentException e) {
        throw new IndexException(
            "the index page " + shown + " is not a valid PEP 691 page: " + e.getMessage(), e);
      }
    }
    if (!HTML.contains(mime)) {
      throw new IndexException(
          "the index page " + shown + " answered Content-Type " + mime + ", not an index page");
    }
    return new JsonPage.Parsed(HtmlPage.files(response.text(), base(uri, response)), List.of());
  }

  /**
   * What a page's relative links resolve against: the URI that answered, after redirects, as pip
   * does; the asked URI's {@code user:password@} kept when the redirect stayed on its origin.
   */
  private static URI base(URI asked, HttpResponse response) {
    URI answered = response.finalUri(asked);
    if (answered.equals(asked)
        || asked.getRawUserInfo() == null
        || answered.getRawUserInfo() != null
        || !sameOrigin(asked, answered)) {
      return answered;
    }
    try {
      return new URI(
              answered.getScheme(),
              asked.getRawUserInfo(),
              answered.getHost(),
              answered.getPort(),
              answered.getRawPath(),
              null,
              null)
          .resolve(answered.getRawQuery() == null ? "" : "?" + answered.getRawQuery());
    } catch (java.net.URISyntaxException e) {
      return answered;
    }
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && a.getPort() == b.getPort();
  }

  private HttpResponse get(URI uri, Map<String, String> headers, String what)
      throws IndexException {
    Map<String, String> sent = new TreeMap<>(headers);
    if (uri.getRawUserInfo() == null && uri.getHost() != null) {
      netrc
          .login(uri.getHost())
          .ifPresent(
              login ->
                  sent.put(
                      "Authorization",
                      "Basic "
                          + Base64.getEncoder()
                              .encodeToString(
                                  (login.login() + ":" + login.password())
                                      .getBytes(StandardCharsets.UTF_8))));
    }
    try {
      return http.get(uri, sent);
    } catch (IOException e) {
      throw new IndexException(
          "cannot read " + what + ": " + Redaction.reason(uri, e.getMessage()), e);
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      throw new IndexException("cannot read " + what + ": unsupported URL", e);
    }
  }

  private List<IndexFile> localFile(Path file, String location) throws IndexException {
    URI uri = file.toUri();
    if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".html")) {
      return HtmlPage.files(readFile(file, location), uri);
    }
    return List.of(IndexFile.of(file.getFileName().toString(), uri));
  }

  private static String readFile(Path file, String shownAs) throws IndexException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IndexException(
          "cannot read the index page " + Redaction.mask(shownAs) + ": " + e.getMessage(), e);
    }
  }

  private static void checkDigest(byte[] body, Map<String, String> hashes, String shown)
      throws IndexException {
    for (Map.Entry<String, String> hash : hashes.entrySet()) {
      String algorithm =
          switch (hash.getKey()) {
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            case "sha512" -> "SHA-512";
            case "sha224" -> "SHA-224";
            default -> null;
          };
      if (algorithm == null) {
        continue;
      }
      try {
        String actual = HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(body));
        if (!actual.equals(hash.getValue())) {
          throw new IndexException(
              "hash mismatch for "
                  + shown
                  + ": the index gives "
                  + hash.getKey()
                  + " "
                  + hash.getValue()
                  + ", the file has "
                  + actual);
        }
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has " + algorithm, e);
      }
    }
  }

  /** The projects a distribution file name can belong to, as pip's finder would match it. */
  static List<ProjectName> projectsOf(String fileName) {
    Set<ProjectName> projects = new LinkedHashSet<>();
    if (fileName.endsWith(".whl")) {
      try {
        projects.add(WheelFileName.parse(fileName).name());
      } catch (InvalidFileNameException e) {
        // not a wheel any index could list under a project
      }
      return List.copyOf(projects);
    }
    for (int dash = fileName.indexOf('-'); dash > 0; dash = fileName.indexOf('-', dash + 1)) {
      String prefix = fileName.substring(0, dash);
      if (!ProjectName.isValid(prefix)) {
        continue;
      }
      ProjectName project = ProjectName.of(prefix);
      try {
        SdistFileName.parse(fileName, project);
        projects.add(project);
      } catch (InvalidFileNameException e) {
        // not a file of that project
      }
    }
    return List.copyOf(projects);
  }

  private static URI uri(String url) throws IndexException {
    try {
      return URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IndexException("not a URL: " + Redaction.mask(url), e);
    }
  }

  private static boolean isFile(URI uri) {
    return "file".equalsIgnoreCase(uri.getScheme());
  }
}
