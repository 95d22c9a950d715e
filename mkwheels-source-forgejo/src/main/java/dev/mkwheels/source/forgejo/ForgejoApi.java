package dev.mkwheels.source.forgejo;

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
 * GETs on the REST API (v1) of Forgejo or Gitea for one repository. A 404 is an empty answer; every
 * other refusal a {@link SourceException} of one line naming the forge, the repository and the tag.
 * The host attaches the token; this class only says which variable was set, never its value.
 */
final class ForgejoApi {
  private final SourceContext context;
  private final ForgejoRequest request;
  private final List<Credential> credentials;
  private final HttpFetcher http;

  ForgejoApi(SourceContext context, ForgejoRequest request, List<Credential> credentials) {
    this.context = context;
    this.request = request;
    this.credentials = List.copyOf(credentials);
    this.http = context.http(this.credentials);
  }

  /**
   * GET {@code {url}/api/v1/repos/OWNER/REPO/{path}}, {@code path} already encoded (empty for the
   * repository itself); {@code tag} is what the request is about, for messages.
   */
  Optional<Map<String, Object>> find(String path, String tag) throws SourceException {
    URI uri = URI.create(request.repoApi() + (path.isEmpty() ? "" : "/" + path));
    HttpResponse response;
    try {
      response = http.get(uri, Map.of("Accept", "application/json"));
    } catch (IOException e) {
      throw new SourceException(
          "cannot reach Forgejo for " + about(tag) + ": " + e.getMessage(), e);
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
        "Forgejo answered malformed JSON for " + about(tag) + " (" + uri + ")");
  }

  /** {@code repository owner/repo tag v1.2}. */
  String about(String tag) {
    return "repository " + request.fullName() + " tag " + tag;
  }

  private String refusal(HttpResponse response, String tag) {
    int status = response.status();
    Optional<Credential> sent = context.credentialInUse(credentials);
    if (status == 401 || status == 403) {
      String advice =
          sent.map(c -> "check " + c.variable() + " (it was sent), or unset it")
              .orElse("FORGEJO_TOKEN is not set; set it for a private repository");
      return String.format("Forgejo refused %s (%d): %s", about(tag), status, advice);
    } else if (status == 429) {
      String retry =
          response
              .header("retry-after")
              .map(String::strip)
              .filter(s -> s.matches("[0-9]{1,6}"))
              .map(s -> "retry in " + s + " seconds")
              .orElse("retry later");
      return String.format(
          "Forgejo's rate limit is used up (429) for %s: %s%s",
          about(tag), retry, sent.isPresent() ? "" : ", or set FORGEJO_TOKEN for a higher limit");
    }
    return "Forgejo answered HTTP " + status + " for " + about(tag);
  }
}
