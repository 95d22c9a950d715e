package dev.mkwheels.source.gitlab;

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
 * GETs on GitLab's REST API (v4) for one project. A 404 is an empty answer; every other refusal a
 * {@link SourceException} of one line naming GitLab, the project and the tag. The host attaches the
 * token; this class only says which variable was set, never its value.
 */
final class GitlabApi {
  private final SourceContext context;
  private final GitlabRequest request;
  private final List<Credential> credentials;
  private final HttpFetcher http;

  GitlabApi(SourceContext context, GitlabRequest request, List<Credential> credentials) {
    this.context = context;
    this.request = request;
    this.credentials = List.copyOf(credentials);
    this.http = context.http(this.credentials);
  }

  /**
   * GET {@code {url}/api/v4/projects/{project}/{path}}, {@code path} already encoded (empty for the
   * project itself); {@code tag} is what the request is about, for messages.
   */
  Optional<Map<String, Object>> find(String path, String tag) throws SourceException {
    URI uri = URI.create(request.projectApi() + (path.isEmpty() ? "" : "/" + path));
    HttpResponse response;
    try {
      response = http.get(uri, Map.of("Accept", "application/json"));
    } catch (IOException e) {
      throw new SourceException("cannot reach GitLab for " + about(tag) + ": " + e.getMessage(), e);
    }
    if (response.status() == 404) {
      return Optional.empty();
    } else if (response.status() != 200) {
      throw new SourceException(refusal(response, tag));
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

  private String refusal(HttpResponse response, String tag) {
    int status = response.status();
    Optional<Credential> sent = context.credentialInUse(credentials);
    if (status == 401 || status == 403) {
      String advice =
          sent.map(c -> "check " + c.variable() + " (it was sent), or unset it")
              .orElse(
                  "GITLAB_TOKEN and CI_JOB_TOKEN are not set; set GITLAB_TOKEN for a private"
                      + " project");
      return String.format("GitLab refused %s (%d): %s", about(tag), status, advice);
    } else if (status == 429) {
      String retry =
          response
              .header("retry-after")
              .map(String::strip)
              .filter(s -> s.matches("[0-9]{1,6}"))
              .map(s -> "retry in " + s + " seconds")
              .orElse("retry later");
      return String.format(
          "GitLab's rate limit is used up (429) for %s: %s%s",
          about(tag), retry, sent.isPresent() ? "" : ", or set GITLAB_TOKEN for a higher limit");
    }
    return "GitLab answered HTTP " + status + " for " + about(tag);
  }
}
