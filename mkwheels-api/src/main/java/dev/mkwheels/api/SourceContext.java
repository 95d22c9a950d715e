package dev.mkwheels.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the host hands a {@link SourceProvider} for one run. */
public interface SourceContext {

  /** HTTP with the host's timeouts and retries. */
  HttpFetcher http();

  /** A JSON parser. */
  JsonReader json();

  /**
   * A private, empty directory for this run, deleted by the host when the run ends (whether it
   * succeeded or not). Unpack sources here.
   */
  Path workDirectory();

  /** Progress and diagnostics (stderr). */
  Console console();

  /** The process environment (for tokens such as {@code GITHUB_TOKEN}); never print its values. */
  Map<String, String> environment();

  /**
   * The epoch the user fixed ({@code --epoch}, else {@code SOURCE_DATE_EPOCH}), which wins over any
   * the provider could derive. When present, a provider must not fail just because it cannot derive
   * one.
   */
  Optional<Epoch> fixedEpoch();

  /**
   * The package indexes the user named for pip ({@code --index-url} first, then each {@code
   * --extra-index-url}), which a provider may ask for release metadata (PEP 691). Empty when pip's
   * own configuration decides. May hold credentials: never print them.
   */
  default List<String> indexUrls() {
    return List.of();
  }

  /**
   * HTTP that attaches {@code credentials}: for each request, the first credential whose origin is
   * the request's and whose variable is set (and not blank) goes in its header; no other request
   * gets it, a redirect to another origin drops it, and it is never printed. Use it for a forge's
   * API instead of reading a token from {@link #environment()}.
   *
   * @throws UnsupportedOperationException from a host older than this method
   */
  default HttpFetcher http(List<Credential> credentials) {
    throw new UnsupportedOperationException("this mkwheels host does not attach credentials");
  }

  /**
   * Which of {@code credentials} a request for their origin would carry: the first whose variable
   * is set, for a summary line such as "GITLAB_TOKEN sent to https://gitlab.com". Never the value.
   */
  default Optional<Credential> credentialInUse(List<Credential> credentials) {
    return credentials.stream()
        .filter(c -> !environment().getOrDefault(c.variable(), "").isBlank())
        .findFirst();
  }

  /**
   * Downloads {@code archive} and unpacks it into the work directory with the host's hardened
   * checks, and finds the project root; see {@link SourceArchive}.
   *
   * @throws SourceException with one line naming the archive: an HTTP status other than 200 (a 404
   *     and a 401 said as such), a corrupt or unsafe archive, a root with neither {@code
   *     pyproject.toml} nor {@code setup.py}
   * @throws UnsupportedOperationException from a host older than this method
   */
  default UnpackedSource unpack(SourceArchive archive) throws SourceException {
    throw new UnsupportedOperationException("this mkwheels host does not unpack archives");
  }
}
