package dev.mkwheels.testkit;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Forgejo (and Gitea, and Codeberg) as mkwheels {@code --forgejo} meets it, on loopback: the REST
 * API v1 under {@link #url()} (a repository, its releases by tag, its tags with their commit's
 * date) and tag archives at {@code /OWNER/REPO/archive/TAG.tar.gz}. Every request is recorded,
 * headers included, so a test can check which token went where. Thread-safe.
 */
public final class ForgejoServer implements AutoCloseable {
  private static final Pattern API =
      Pattern.compile("/api/v1/repos/([^/]+)/([^/]+)(?:/(releases/tags|tags)/(.+))?");
  private static final Pattern ARCHIVE =
      Pattern.compile("/([^/]+)/([^/]+)/archive/(.+)\\.tar\\.gz");

  private record Release(Instant publishedAt, boolean draft) {}

  private record Tag(String sha, Instant committed) {}

  private final ForgeServer server;
  private final Map<String, Release> releases = new ConcurrentHashMap<>();
  private final Map<String, Tag> tags = new ConcurrentHashMap<>();
  private final Map<String, byte[]> archives = new ConcurrentHashMap<>();
  private volatile ForgeServer.Canned apiOverride;
  private volatile ForgeServer.Canned archiveOverride;
  private volatile boolean redirectArchives;

  private ForgejoServer() throws IOException {
    this.server = new ForgeServer(this::handle, this::storage);
  }

  public static ForgejoServer start() throws IOException {
    return new ForgejoServer();
  }

  /** The instance, {@code --forgejo-url}: {@code http://127.0.0.1:PORT}. */
  public String url() {
    return server.url();
  }

  /** A published release of {@code tag} in {@code ownerRepo} ({@code OWNER/REPO}). */
  public ForgejoServer release(String ownerRepo, String tag, Instant publishedAt) {
    releases.put(ForgeServer.key(ownerRepo, tag), new Release(publishedAt, false));
    return this;
  }

  /** A draft release of {@code tag}. */
  public ForgejoServer draftRelease(String ownerRepo, String tag, Instant publishedAt) {
    releases.put(ForgeServer.key(ownerRepo, tag), new Release(publishedAt, true));
    return this;
  }

  /** A tag pointing at commit {@code sha}, committed at {@code committed}. */
  public ForgejoServer tag(String ownerRepo, String tag, String sha, Instant committed) {
    tags.put(ForgeServer.key(ownerRepo, tag), new Tag(sha, committed));
    return this;
  }

  /** The bytes served as {@code /OWNER/REPO/archive/REF.tar.gz}. */
  public ForgejoServer archive(String ownerRepo, String ref, byte[] tarGz) {
    archives.put(ForgeServer.key(ownerRepo, ref), tarGz.clone());
    return this;
  }

  /**
   * Serves {@code tag} of {@code repo} as Forgejo would: the tag, its archive (top directory {@code
   * REPO}) and, when {@code publishedAt} is present, a release.
   */
  public ForgejoServer publish(
      GitRepo repo, String ownerRepo, String tag, Optional<Instant> publishedAt) {
    tag(ownerRepo, tag, repo.rev(tag), repo.commitDate(tag));
    archive(ownerRepo, tag, repo.tarGz(ownerRepo.substring(ownerRepo.indexOf('/') + 1), tag));
    publishedAt.ifPresent(at -> release(ownerRepo, tag, at));
    return this;
  }

  /** From now on every API request gets this answer; a {@code null} body undoes it. */
  public ForgejoServer answerApi(int status, Map<String, String> headers, String body) {
    apiOverride = body == null ? null : new ForgeServer.Canned(status, Map.copyOf(headers), body);
    return this;
  }

  /** From now on every archive request gets this answer; a {@code null} body undoes it. */
  public ForgejoServer answerArchive(int status, String body) {
    archiveOverride = body == null ? null : new ForgeServer.Canned(status, Map.of(), body);
    return this;
  }

  /** Whether archives are answered with a redirect to another origin that then serves them. */
  public ForgejoServer redirectArchives(boolean enabled) {
    redirectArchives = enabled;
    return this;
  }

  /** The requests seen so far, by both origins, oldest first. */
  public List<ForgeRequest> requests() {
    return server.requests();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    Matcher api = API.matcher(path);
    Matcher archive = ARCHIVE.matcher(path);
    if (api.matches()) {
      ForgeServer.Canned override = apiOverride;
      if (override != null) {
        ForgeServer.canned(exchange, override);
      } else {
        api(exchange, ownerRepo(api), api.group(3), api.group(4));
      }
    } else if (archive.matches()) {
      if (redirectArchives && archiveOverride == null) {
        ForgeServer.redirect(exchange, server.storageUrl() + path);
      } else {
        archive(exchange, archive);
      }
    } else {
      ForgeServer.notFound(exchange);
    }
  }

  private void api(HttpExchange exchange, String ownerRepo, String kind, String rawRef)
      throws IOException {
    if (kind == null) {
      if (tags.keySet().stream().anyMatch(k -> k.startsWith(ownerRepo + "@"))) {
        ForgeServer.json(exchange, 200, Map.of("full_name", ownerRepo));
      } else {
        ForgeServer.notFound(exchange);
      }
      return;
    }
    String ref = ForgeServer.decode(rawRef);
    String key = ForgeServer.key(ownerRepo, ref);
    if (kind.equals("releases/tags") && releases.containsKey(key)) {
      Release release = releases.get(key);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("tag_name", ref);
      body.put("draft", release.draft());
      body.put("prerelease", false);
      body.put("published_at", release.publishedAt().toString());
      ForgeServer.json(exchange, 200, body);
    } else if (kind.equals("tags") && tags.containsKey(key)) {
      Tag tag = tags.get(key);
      ForgeServer.json(
          exchange,
          200,
          Map.of(
              "name",
              ref,
              "id",
              tag.sha(),
              "commit",
              Map.of(
                  "sha",
                  tag.sha(),
                  "url",
                  url() + "/api/v1/repos/" + ownerRepo + "/git/commits/" + tag.sha(),
                  "created",
                  tag.committed().toString())));
    } else {
      ForgeServer.notFound(exchange);
    }
  }

  private void storage(HttpExchange exchange) throws IOException {
    Matcher archive = ARCHIVE.matcher(exchange.getRequestURI().getRawPath());
    if (archive.matches()) {
      archive(exchange, archive);
    } else {
      ForgeServer.notFound(exchange);
    }
  }

  private void archive(HttpExchange exchange, Matcher archive) throws IOException {
    ForgeServer.Canned override = archiveOverride;
    if (override != null) {
      ForgeServer.canned(exchange, override);
      return;
    }
    byte[] bytes =
        archives.get(ForgeServer.key(ownerRepo(archive), ForgeServer.decode(archive.group(3))));
    if (bytes == null) {
      ForgeServer.notFound(exchange);
    } else {
      ForgeServer.send(exchange, 200, Map.of("Content-Type", "application/octet-stream"), bytes);
    }
  }

  private static String ownerRepo(Matcher matcher) {
    return ForgeServer.decode(matcher.group(1)) + "/" + ForgeServer.decode(matcher.group(2));
  }

  @Override
  public void close() {
    server.close();
  }
}
