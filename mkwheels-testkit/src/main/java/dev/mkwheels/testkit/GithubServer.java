package dev.mkwheels.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub as mkwheels {@code --gh} meets it, on loopback: the REST API under {@link #apiUrl()}
 * (releases by tag, tag refs, commits) and tag archives under {@link #url()}, which redirect to a
 * codeload-style address as github.com does. Every request is recorded, headers included, so a test
 * can check what was sent. Thread-safe.
 */
public final class GithubServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern API =
      Pattern.compile(
          "/api/v3/repos/([^/]+)/([^/]+)(?:/(releases/tags|git/ref/tags|commits)/(.+))?");
  private static final Pattern ARCHIVE =
      Pattern.compile("/([^/]+)/([^/]+)/archive/refs/tags/(.+)\\.tar\\.gz");
  private static final Pattern CODELOAD =
      Pattern.compile("/codeload/([^/]+)/([^/]+)/tar\\.gz/refs/tags/(.+)");

  /** One request as the server saw it; header names lower-cased. */
  public record Request(String method, String path, Map<String, String> headers) {}

  private record Release(Optional<Instant> publishedAt, boolean draft) {}

  private record Tag(String sha, Instant commitDate) {}

  private record Canned(int status, Map<String, String> headers, String body) {}

  private final Loopback loopback;
  private final Map<String, Release> releases = new ConcurrentHashMap<>();
  private final Map<String, Tag> tags = new ConcurrentHashMap<>();
  private final Map<String, byte[]> archives = new ConcurrentHashMap<>();
  private final List<Request> requests = new ArrayList<>();
  private volatile Canned apiOverride;

  private GithubServer(Loopback loopback) {
    this.loopback = loopback;
    loopback.server().createContext("/", this::handle);
  }

  public static GithubServer start() throws IOException {
    return new GithubServer(Loopback.start());
  }

  /** The web root, {@code --github-url}: {@code http://127.0.0.1:PORT}. */
  public String url() {
    return loopback.url();
  }

  /**
   * The REST API root, {@code --github-api-url}, laid out as GitHub Enterprise's {@code /api/v3}.
   */
  public String apiUrl() {
    return loopback.url() + "/api/v3";
  }

  /** A published release of {@code tag} in {@code ownerRepo} ({@code OWNER/REPO}). */
  public GithubServer release(String ownerRepo, String tag, Instant publishedAt) {
    releases.put(key(ownerRepo, tag), new Release(Optional.of(publishedAt), false));
    return this;
  }

  /** A draft release: no {@code published_at}. */
  public GithubServer draftRelease(String ownerRepo, String tag) {
    releases.put(key(ownerRepo, tag), new Release(Optional.empty(), true));
    return this;
  }

  /** A tag pointing at commit {@code sha} committed at {@code commitDate}. */
  public GithubServer tag(String ownerRepo, String tag, String sha, Instant commitDate) {
    tags.put(key(ownerRepo, tag), new Tag(sha, commitDate));
    return this;
  }

  /** The bytes served as {@code archive/refs/tags/REF.tar.gz}. */
  public GithubServer archive(String ownerRepo, String ref, byte[] tarGz) {
    archives.put(key(ownerRepo, ref), tarGz.clone());
    return this;
  }

  /**
   * Serves {@code tag} of {@code repo} as GitHub would: the tag, its archive, and, when {@code
   * publishedAt} is present, a release.
   */
  public GithubServer publish(
      GitRepo repo, String ownerRepo, String tag, Optional<Instant> publishedAt) {
    String repoName = ownerRepo.substring(ownerRepo.indexOf('/') + 1);
    tag(ownerRepo, tag, repo.rev(tag), repo.commitDate(tag));
    archive(ownerRepo, tag, repo.githubArchive(repoName, tag));
    publishedAt.ifPresent(at -> release(ownerRepo, tag, at));
    return this;
  }

  /**
   * From now on every API request is refused as over the rate limit, resetting at {@code reset}.
   */
  public GithubServer rateLimited(Instant reset) {
    return answerApi(
        403,
        Map.of(
            "x-ratelimit-limit", "60",
            "x-ratelimit-remaining", "0",
            "x-ratelimit-reset", Long.toString(reset.getEpochSecond())),
        "{\"message\":\"API rate limit exceeded for 127.0.0.1.\"}");
  }

  /** From now on every API request gets this answer; {@link #clearApiAnswer()} undoes it. */
  public GithubServer answerApi(int status, Map<String, String> headers, String body) {
    apiOverride = new Canned(status, Map.copyOf(headers), body);
    return this;
  }

  public GithubServer clearApiAnswer() {
    apiOverride = null;
    return this;
  }

  /** The requests seen so far, oldest first. */
  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      record(exchange, path);
      Matcher api = API.matcher(path);
      Matcher archive = ARCHIVE.matcher(path);
      Matcher codeload = CODELOAD.matcher(path);
      if (api.matches()) {
        Canned override = apiOverride;
        if (override != null) {
          send(
              exchange,
              override.status(),
              override.headers(),
              override.body().getBytes(StandardCharsets.UTF_8));
        } else {
          api(
              exchange,
              decode(api.group(1)) + "/" + decode(api.group(2)),
              api.group(3),
              api.group(4));
        }
      } else if (archive.matches()) {
        // github.com answers with a redirect to codeload.github.com.
        String codeloadPath =
            "/codeload/"
                + archive.group(1)
                + "/"
                + archive.group(2)
                + "/tar.gz/refs/tags/"
                + archive.group(3);
        exchange.getResponseHeaders().add("Location", url() + codeloadPath);
        send(exchange, 302, Map.of(), new byte[0]);
      } else if (codeload.matches()) {
        String ownerRepo = decode(codeload.group(1)) + "/" + decode(codeload.group(2));
        byte[] bytes = archives.get(key(ownerRepo, decode(codeload.group(3))));
        if (bytes == null) {
          send(exchange, 404, Map.of(), "Not Found".getBytes(StandardCharsets.UTF_8));
        } else {
          send(exchange, 200, Map.of("Content-Type", "application/x-gzip"), bytes);
        }
      } else {
        notFound(exchange);
      }
    }
  }

  private void api(HttpExchange exchange, String ownerRepo, String kind, String rawRef)
      throws IOException {
    if (kind == null) {
      boolean known =
          releases.keySet().stream().anyMatch(k -> k.startsWith(ownerRepo + "@"))
              || tags.keySet().stream().anyMatch(k -> k.startsWith(ownerRepo + "@"));
      if (known) {
        json(exchange, 200, Map.of("full_name", ownerRepo));
      } else {
        notFound(exchange);
      }
      return;
    }
    String ref = decode(rawRef);
    switch (kind) {
      case "releases/tags" -> {
        Release release = releases.get(key(ownerRepo, ref));
        if (release == null) {
          notFound(exchange);
          return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tag_name", ref);
        body.put("name", ref);
        body.put("draft", release.draft());
        body.put("prerelease", false);
        body.put("published_at", release.publishedAt().map(Instant::toString).orElse(null));
        json(exchange, 200, body);
      }
      case "git/ref/tags" -> {
        Tag tag = tags.get(key(ownerRepo, ref));
        if (tag == null) {
          notFound(exchange);
          return;
        }
        json(
            exchange,
            200,
            Map.of(
                "ref", "refs/tags/" + ref, "object", Map.of("sha", tag.sha(), "type", "commit")));
      }
      default -> {
        Optional<Tag> tag =
            Optional.ofNullable(tags.get(key(ownerRepo, ref)))
                .or(
                    () ->
                        tags.entrySet().stream()
                            .filter(
                                e ->
                                    e.getKey().startsWith(ownerRepo + "@")
                                        && e.getValue().sha().equals(ref))
                            .map(Map.Entry::getValue)
                            .findFirst());
        if (tag.isEmpty()) {
          json(exchange, 422, Map.of("message", "No commit found for SHA: " + ref));
          return;
        }
        json(
            exchange,
            200,
            Map.of(
                "sha", tag.get().sha(),
                "commit", Map.of("committer", Map.of("date", tag.get().commitDate().toString()))));
      }
    }
  }

  private void record(HttpExchange exchange, String path) {
    Map<String, String> headers = new TreeMap<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
    synchronized (requests) {
      requests.add(new Request(exchange.getRequestMethod(), path, headers));
    }
  }

  private static void notFound(HttpExchange exchange) throws IOException {
    json(exchange, 404, Map.of("message", "Not Found"));
  }

  private static void json(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    send(exchange, status, Map.of("Content-Type", "application/json; charset=utf-8"), bytes);
  }

  private static void send(
      HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
      throws IOException {
    headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static String key(String ownerRepo, String ref) {
    Objects.requireNonNull(ownerRepo, "ownerRepo is null");
    Objects.requireNonNull(ref, "ref is null");
    return ownerRepo + "@" + ref;
  }

  /** Percent-decoding of a path; unlike a form, a path keeps its '+'. */
  private static String decode(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    loopback.close();
  }
}
