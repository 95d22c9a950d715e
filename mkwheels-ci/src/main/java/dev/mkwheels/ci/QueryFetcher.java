package dev.mkwheels.ci;

import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.HttpResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * The host's {@link HttpFetcher} that can also send a query with POST, for OSV's batch API. Only
 * the audit needs POST, so it lives here, beside its one user, and not in the sources' SPI: a forge
 * plugin has no business posting. Thread-safe, like the fetcher.
 */
public interface QueryFetcher extends HttpFetcher {

  /**
   * Sends {@code body} with POST and reads the answer into memory, with the same timeouts, retries,
   * caps and redirect rules as {@link #get} (so use it only where the request is safe to repeat,
   * such as a query). Any status is returned, not thrown.
   *
   * @param headers extra request headers; never logged
   * @param contentType the body's media type, for example {@code application/json}
   * @throws IOException when no answer was had after the retries; its message names the host
   */
  HttpResponse post(URI uri, Map<String, String> headers, byte[] body, String contentType)
      throws IOException;
}
