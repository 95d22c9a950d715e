package dev.mkwheels.source.github;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.ForgeUrls;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.HttpResponse;
import dev.mkwheels.api.JsonReader;
import dev.mkwheels.api.SourceException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * GETs on GitHub's REST API for one repository. A missing resource is an empty answer, every other
 * refusal a {@link SourceException} whose one line says what to do. The token is the host's to
 * attach ({@code http} is the context's credentialed HTTP): this class never sees it.
 */
final class GithubApi {
  /** The REST API version this code was written against. */
  static final String API_VERSION = "2022-11-28";

  private final HttpFetcher http;
  private final JsonReader json;
  private final String repoUrl;
  private final Map<String, String> headers;
  private final boolean authenticated;

  /**
   * @param http HTTP that attaches {@code GITHUB_TOKEN} to the API's origin
   * @param authenticated whether it does (the variable is set), for the messages
   */
  GithubApi(HttpFetcher http, JsonReader json, GithubRequest request, boolean authenticated) {
    this.http = requireNonNull(http, "http is null");
    this.json = requireNonNull(json, "json is null");
    requireNonNull(request, "request is null");
    this.repoUrl =
        request.apiUrl()
            + "/repos/"
            + ForgeUrls.encode(request.owner())
            + "/"
            + ForgeUrls.encode(request.repo());
    Map<String, String> sent = new TreeMap<>();
    sent.put("Accept", "application/vnd.github+json");
    sent.put("X-GitHub-Api-Version", API_VERSION);
    this.headers = Map.copyOf(sent);
    this.authenticated = authenticated;
  }

  /**
   * GET {@code {api}/repos/OWNER/REPO/{path}}.
   *
   * @param path already encoded, without a leading slash; empty for the repository itself
   * @return the JSON object, or empty when GitHub has no such thing (404, or 422 for a ref that
   *     names no commit)
   */
  Optional<Map<String, Object>> find(String path) throws SourceException {
    URI uri = URI.create(path.isEmpty() ? repoUrl : repoUrl + "/" + path);
    HttpResponse response;
    try {
      response = http.get(uri, headers);
    } catch (IOException e) {
      throw new SourceException("cannot reach the GitHub API: " + e.getMessage(), e);
    }
    int status = response.status();
    if (status == 404 || status == 422) {
      return Optional.empty();
    }
    if (status != 200) {
      throw refusal(uri, response);
    }
    Object parsed;
    try {
      parsed = json.parse(response.text());
    } catch (IOException e) {
      throw new SourceException(
          "the GitHub API answered malformed JSON for " + ForgeUrls.describe(uri), e);
    }
    if (!(parsed instanceof Map<?, ?> map)) {
      throw new SourceException(
          "the GitHub API answered JSON that is not an object for " + ForgeUrls.describe(uri));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> object = (Map<String, Object>) map;
    return Optional.of(object);
  }

  private SourceException refusal(URI uri, HttpResponse response) {
    int status = response.status();
    boolean limited =
        (status == 403 || status == 429)
            && response
                .header("x-ratelimit-remaining")
                .map(String::strip)
                .filter("0"::equals)
                .isPresent();
    if (limited) {
      String reset =
          response
              .header("x-ratelimit-reset")
              .flatMap(GithubApi::epochSeconds)
              .map(seconds -> " until " + Instant.ofEpochSecond(seconds) + " (UTC)")
              .orElse("");
      return new SourceException(
          "the GitHub API rate limit is used up"
              + reset
              + "; "
              + (authenticated
                  ? "wait for the reset, or use a GITHUB_TOKEN with a higher limit"
                  : "set GITHUB_TOKEN to a GitHub token for a higher limit, or wait for the reset"));
    }
    Optional<String> retryAfter = response.retryAfterSeconds();
    if ((status == 403 || status == 429) && retryAfter.isPresent()) {
      return new SourceException(
          "the GitHub API asks to slow down (secondary rate limit): retry in "
              + retryAfter.get()
              + " seconds");
    }
    if (status == 401) {
      return new SourceException(
          authenticated
              ? "the GitHub API refused GITHUB_TOKEN (401): check the token or unset it"
              : "the GitHub API answered 401 Unauthorized for " + ForgeUrls.describe(uri));
    }
    return new SourceException(
        "the GitHub API answered HTTP "
            + status
            + " for "
            + ForgeUrls.describe(uri)
            + message(response).map(m -> ": " + m).orElse(""));
  }

  /** GitHub's {@code message} field, on one short line, when the body has one. */
  private Optional<String> message(HttpResponse response) {
    try {
      if (json.parse(new String(response.body(), StandardCharsets.UTF_8)) instanceof Map<?, ?> map
          && map.get("message") instanceof String message
          && !message.isBlank()) {
        String line = message.replaceAll("\\s+", " ").strip();
        return Optional.of(line.length() > 200 ? line.substring(0, 200) + "..." : line);
      }
    } catch (IOException | RuntimeException e) {
      // Not JSON: the status alone says enough.
    }
    return Optional.empty();
  }

  private static Optional<Long> epochSeconds(String value) {
    String text = value.strip();
    return text.matches("[0-9]{1,12}") ? Optional.of(Long.parseLong(text)) : Optional.empty();
  }
}
