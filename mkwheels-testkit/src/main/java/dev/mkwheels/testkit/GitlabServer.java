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
 * GitLab as mkwheels {@code --gitlab} meets it, on loopback: the REST API v4 under {@link #url()}
 * (a project, its releases by tag, its tags, and its tag archives at {@code
 * repository/archive.tar.gz?sha=TAG}). Projects are addressed by their URL-encoded path ({@code
 * group%2Fsub%2Fapp}), as GitLab does. Every request is recorded, headers included, so a test can
 * check which token went where. Thread-safe.
 */
public final class GitlabServer implements AutoCloseable {
  private static final Pattern API =
      Pattern.compile(
          "/api/v4/projects/([^/]+)(?:/(releases|repository/tags)/(.+)|/(repository/archive"
              + "\\.tar\\.gz))?");

  private record Tag(String sha, Instant committed) {}

  private final ForgeServer server;
  private final Map<String, Instant> releases = new ConcurrentHashMap<>();
  private final Map<String, Tag> tags = new ConcurrentHashMap<>();
  private final Map<String, byte[]> archives = new ConcurrentHashMap<>();
  private volatile ForgeServer.Canned apiOverride;
  private volatile ForgeServer.Canned archiveOverride;
  private volatile boolean redirectArchives;

  private GitlabServer() throws IOException {
    this.server = new ForgeServer(this::handle, this::storage);
  }

  public static GitlabServer start() throws IOException {
    return new GitlabServer();
  }

  /** The instance, {@code --gitlab-url}: {@code http://127.0.0.1:PORT}. */
  public String url() {
    return server.url();
  }

  /** A release of {@code tag} in {@code project} ({@code GROUP/.../NAME}), released then. */
  public GitlabServer release(String project, String tag, Instant releasedAt) {
    releases.put(ForgeServer.key(project, tag), releasedAt);
    return this;
  }

  /** A tag pointing at commit {@code sha}, committed at {@code committed}. */
  public GitlabServer tag(String project, String tag, String sha, Instant committed) {
    tags.put(ForgeServer.key(project, tag), new Tag(sha, committed));
    return this;
  }

  /** The bytes served as {@code repository/archive.tar.gz?sha=REF}. */
  public GitlabServer archive(String project, String ref, byte[] tarGz) {
    archives.put(ForgeServer.key(project, ref), tarGz.clone());
    return this;
  }

  /**
   * Serves {@code tag} of {@code repo} as GitLab would: the tag, its archive (top directory {@code
   * NAME-TAG-SHA}) and, when {@code releasedAt} is present, a release.
   */
  public GitlabServer publish(
      GitRepo repo, String project, String tag, Optional<Instant> releasedAt) {
    String name = project.substring(project.lastIndexOf('/') + 1);
    String sha = repo.rev(tag);
    tag(project, tag, sha, repo.commitDate(tag));
    archive(project, tag, repo.tarGz(name + "-" + tag.replace('/', '-') + "-" + sha, tag));
    releasedAt.ifPresent(at -> release(project, tag, at));
    return this;
  }

  /** From now on every API request but the archive's gets this answer; {@code null} undoes it. */
  public GitlabServer answerApi(int status, Map<String, String> headers, String body) {
    apiOverride = body == null ? null : new ForgeServer.Canned(status, Map.copyOf(headers), body);
    return this;
  }

  /** From now on every archive request gets this answer; {@code null} undoes it. */
  public GitlabServer answerArchive(int status, String body) {
    archiveOverride = body == null ? null : new ForgeServer.Canned(status, Map.of(), body);
    return this;
  }

  /**
   * Whether archives are answered with a redirect to another origin (object storage, as a GitLab
   * with a CDN does) that then serves them.
   */
  public GitlabServer redirectArchives(boolean enabled) {
    redirectArchives = enabled;
    return this;
  }

  /** The requests seen so far, by both origins, oldest first. */
  public List<ForgeRequest> requests() {
    return server.requests();
  }

  private void handle(HttpExchange exchange) throws IOException {
    Matcher api = API.matcher(exchange.getRequestURI().getRawPath());
    if (!api.matches()) {
      ForgeServer.notFound(exchange);
      return;
    }
    String project = ForgeServer.decode(api.group(1));
    if (api.group(4) != null) {
      archive(exchange, project, false);
      return;
    }
    ForgeServer.Canned override = apiOverride;
    if (override != null) {
      ForgeServer.canned(exchange, override);
      return;
    }
    if (api.group(2) == null) {
      boolean known = tags.keySet().stream().anyMatch(k -> k.startsWith(project + "@"));
      if (known) {
        ForgeServer.json(exchange, 200, Map.of("path_with_namespace", project));
      } else {
        ForgeServer.json(exchange, 404, Map.of("message", "404 Project Not Found"));
      }
      return;
    }
    String ref = ForgeServer.decode(api.group(3));
    String key = ForgeServer.key(project, ref);
    if (api.group(2).equals("releases") && releases.containsKey(key)) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("tag_name", ref);
      body.put("name", ref);
      body.put("released_at", releases.get(key).toString());
      body.put("upcoming_release", false);
      ForgeServer.json(exchange, 200, body);
    } else if (api.group(2).equals("repository/tags") && tags.containsKey(key)) {
      Tag tag = tags.get(key);
      ForgeServer.json(
          exchange,
          200,
          Map.of(
              "name",
              ref,
              "target",
              tag.sha(),
              "commit",
              Map.of("id", tag.sha(), "committed_date", tag.committed().toString())));
    } else {
      ForgeServer.notFound(exchange);
    }
  }

  private void storage(HttpExchange exchange) throws IOException {
    Matcher api = API.matcher(exchange.getRequestURI().getRawPath());
    if (api.matches() && api.group(4) != null) {
      archive(exchange, ForgeServer.decode(api.group(1)), true);
    } else {
      ForgeServer.notFound(exchange);
    }
  }

  private void archive(HttpExchange exchange, String project, boolean onStorage)
      throws IOException {
    ForgeServer.Canned override = archiveOverride;
    if (override != null) {
      ForgeServer.canned(exchange, override);
      return;
    }
    String query = exchange.getRequestURI().getRawQuery();
    if (redirectArchives && !onStorage) {
      ForgeServer.redirect(
          exchange, server.storageUrl() + exchange.getRequestURI().getRawPath() + "?" + query);
      return;
    }
    byte[] bytes = null;
    if (query != null && query.startsWith("sha=")) {
      bytes = archives.get(ForgeServer.key(project, ForgeServer.decode(query.substring(4))));
    }
    if (bytes == null) {
      ForgeServer.notFound(exchange);
    } else {
      ForgeServer.send(exchange, 200, Map.of("Content-Type", "application/x-gzip"), bytes);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
