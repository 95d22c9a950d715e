package dev.mkwheels.source.gitlab;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Credential;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.HttpResponse;
import dev.mkwheels.api.SourceContext;
import dev.mkwheels.api.SourceException;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GETs on GitLab's REST API (v4) for one project. A missing resource is an empty answer; every
 * other refusal a {@link SourceException} of one line naming GitLab, the project and the tag. The
 * host attaches the token; this class only says which variable was set, never its value.
 */
final class GitlabApi {
  private final HttpFetcher http;
  private final SourceContext context;
  private final GitlabRequest request;
  private final List<Credential> credentials;

  GitlabApi(SourceContext context, GitlabRequest request, List<Credential> credentials) {
    this.context = requireNonNull(context, "context is null");
    this.request = requireNonNull(request, "request is null");
    this.credentials = List.copyOf(credentials);
    this.http = context.http(this.credentials);
  }

  /**
   * GET {@code {url}/api/v4/projects/{path}/{path}}.
   *
   * @param path already encoded, without a leading slash; empty for the project itself
   * @param tag the tag the request is about, for messages
   * @return the JSON object, or empty on a 404
   */
  Optional<Map<String, Object>> find(String path, String tag) throws SourceException {
    URI uri = URI.create(path.isEmpty() ? request.projectApi() : request.projectApi() + "/" + path);
    HttpResponse response;
    try {
      response = http.get(uri, Map.of("Accept", "application/json"));
    } catch (IOException e) {
      throw new SourceException(
          "cannot reach GitLab at " + request.url() + " for " + about(tag) + ": " + e.getMessage(),
          e);
    }
    int status = response.status();
    if (status == 404) {
      return Optional.empty();
    }
    if (status != 200) {
      throw new SourceException(refusal(status, response, tag));
    }
    try {
      if (context.json().parse(response.text()) instanceof Map<?, ?> map) {
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) map;
        return Optional.of(object);
      }
    } catch (IOException e) {
      // Said below.
    }
    throw new SourceException(
        "GitLab answered malformed JSON for " + about(tag) + " (" + uri + ")");
  }

  /** {@code project group/app tag v1.2}. */
  String about(String tag) {
    return "project " + request.project() + " tag " + tag;
  }

  private String refusal(int status, HttpResponse response, String tag) {
    Optional<Credential> used = context.credentialInUse(credentials);
    if (status == 401 || status == 403) {
      return "GitLab refused "
          + about(tag)
          + " ("
          + status
          + "): "
          + used.map(c -> "check " + c.variable() + " (it was sent), or unset it")
              .orElse(
                  "GITLAB_TOKEN and CI_JOB_TOKEN are not set; set GITLAB_TOKEN for a private"
                      + " project");
    }
    if (status == 429) {
      String when =
          response
              .header("retry-after")
              .map(String::strip)
              .filter(s -> s.matches("[0-9]{1,6}"))
              .map(s -> "retry in " + s + " seconds")
              .orElse("retry later");
      return "GitLab's rate limit is used up (429) for "
          + about(tag)
          + ": "
          + when
          + (used.isPresent() ? "" : ", or set GITLAB_TOKEN for a higher limit");
    }
    return "GitLab answered HTTP " + status + " for " + about(tag);
  }
}
