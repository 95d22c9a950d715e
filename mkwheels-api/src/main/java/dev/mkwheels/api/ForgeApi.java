package dev.mkwheels.api;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GETs of JSON objects on a forge's REST API for one repository, as the GitLab and Forgejo sources
 * (and a new forge's) make them: a 404 is an empty answer, every other refusal a {@link
 * SourceException} of one line that names the forge, what was asked and what to do (401 and 403:
 * the token; 429: when to retry). The host attaches the token ({@link SourceContext#http(List)});
 * this class only says which variable was sent, never its value.
 */
public final class ForgeApi {
  /**
   * How messages name things.
   *
   * @param forge the forge ({@code GitLab})
   * @param subject what the requests are about ({@code project group/app})
   * @param tokenVariable the variable whose token raises the rate limit ({@code GITLAB_TOKEN})
   * @param noToken what to do about a refusal when no token was sent ({@code GITLAB_TOKEN is not
   *     set; set it for a private project})
   */
  public record Wording(String forge, String subject, String tokenVariable, String noToken) {
    public Wording {
      requireNonNull(forge, "forge is null");
      requireNonNull(subject, "subject is null");
      requireNonNull(tokenVariable, "tokenVariable is null");
      requireNonNull(noToken, "noToken is null");
    }
  }

  private final SourceContext context;
  private final List<Credential> credentials;
  private final HttpFetcher http;
  private final String repositoryApi;
  private final Wording wording;

  /**
   * @param credentials the tokens the source may lend, for the API's origin
   * @param repositoryApi the repository's URL on the API, no trailing slash ({@code
   *     https://gitlab.com/api/v4/projects/group%2Fapp})
   */
  public ForgeApi(
      SourceContext context, List<Credential> credentials, String repositoryApi, Wording wording) {
    this.context = requireNonNull(context, "context is null");
    this.credentials = List.copyOf(credentials);
    this.repositoryApi = requireNonNull(repositoryApi, "repositoryApi is null");
    this.wording = requireNonNull(wording, "wording is null");
    this.http = context.http(this.credentials);
  }

  /**
   * GET {@code {repositoryApi}/{path}} for a JSON object.
   *
   * @param path already encoded ({@link ForgeUrls}), without a leading slash; empty for the
   *     repository itself
   * @param tag what the request is about, for messages
   * @return the object, or empty when the forge has no such thing (404)
   * @throws SourceException when the forge cannot be reached, refuses, or answers anything but a
   *     JSON object
   */
  public Optional<Map<String, Object>> find(String path, String tag) throws SourceException {
    URI uri = URI.create(path.isEmpty() ? repositoryApi : repositoryApi + "/" + path);
    String forge = wording.forge();
    HttpResponse response;
    try {
      response = http.get(uri, Map.of("Accept", "application/json"));
    } catch (IOException e) {
      throw new SourceException(
          "cannot reach " + forge + " for " + about(tag) + ": " + e.getMessage(), e);
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
        forge
            + " answered malformed JSON for "
            + about(tag)
            + " ("
            + ForgeUrls.describe(uri)
            + ")");
  }

  /**
   * The epoch the user fixed, else {@code timestamp} (ISO 8601 with an offset, as the forge's JSON
   * gives a release's or commit's date) as one.
   *
   * @param what the field, for the epoch's origin and messages ({@code GitLab release v1.2
   *     released_at})
   * @param tag what the request was about, for messages
   * @throws SourceException when no epoch is fixed and {@code timestamp} is not such a time at or
   *     after 1970
   */
  public Epoch epoch(Object timestamp, String what, String tag) throws SourceException {
    if (context.fixedEpoch().isPresent()) {
      return context.fixedEpoch().get();
    }
    String text = String.valueOf(timestamp).strip();
    try {
      long seconds = OffsetDateTime.parse(text).toEpochSecond();
      if (seconds >= 0) {
        return new Epoch(seconds, what + " " + text);
      }
    } catch (DateTimeParseException e) {
      // Said below.
    }
    throw new SourceException(
        String.format(
            "%s gives no usable %s for %s (%s); pass --epoch",
            wording.forge(), what, about(tag), timestamp));
  }

  /** {@code project group/app tag v1.2}. */
  public String about(String tag) {
    return wording.subject() + " tag " + tag;
  }

  private String refusal(HttpResponse response, String tag) {
    String forge = wording.forge();
    int status = response.status();
    Optional<Credential> sent = context.credentialInUse(credentials);
    if (status == 401 || status == 403) {
      String advice =
          sent.map(c -> "check " + c.variable() + " (it was sent), or unset it")
              .orElse(wording.noToken());
      return String.format("%s refused %s (%d): %s", forge, about(tag), status, advice);
    } else if (status == 429) {
      String retry =
          response.retryAfterSeconds().map(s -> "retry in " + s + " seconds").orElse("retry later");
      return String.format(
          "%s's rate limit is used up (429) for %s: %s%s",
          forge,
          about(tag),
          retry,
          sent.isPresent() ? "" : ", or set " + wording.tokenVariable() + " for a higher limit");
    }
    return forge + " answered HTTP " + status + " for " + about(tag);
  }
}
