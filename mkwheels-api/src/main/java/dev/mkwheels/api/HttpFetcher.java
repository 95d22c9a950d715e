package dev.mkwheels.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;

/**
 * HTTP as the host does it: timeouts, a bounded retry of transient failures (connection refused is
 * not transient, a timeout or a 502/503/504 is), redirects followed, a {@code User-Agent} set.
 * Thread-safe.
 *
 * <p>Credentials stay with their origin (scheme, host, port): the caller's headers, and a URI's
 * {@code user:password@} sent as basic auth, go only to the origin of the URI asked for; a redirect
 * to another origin carries only {@code Accept*}, {@code Content-Type} and {@code
 * X-GitHub-Api-Version}. A redirect to a scheme other than http(s), or from https to http, fails.
 * The timeout covers the body too (a server that stops sending fails the request), and an answer
 * read into memory is capped (32 MiB in the host's fetcher).
 */
public interface HttpFetcher {

  /**
   * Fetches {@code uri} into memory. Any status is returned, not thrown: the provider knows what a
   * 404 means for it.
   *
   * @param headers extra request headers (for example {@code Authorization}); never logged
   * @throws IOException when no answer was had after the retries; its message names the host
   */
  HttpResponse get(URI uri, Map<String, String> headers) throws IOException;

  /**
   * Streams {@code uri} into {@code target} when the answer is 200, writing a temporary file beside
   * it and moving it into place; any other status is returned with an empty body and nothing is
   * written.
   *
   * @param maxBytes the most it will accept; a longer body fails with an {@link IOException}
   */
  HttpResponse download(URI uri, Map<String, String> headers, Path target, long maxBytes)
      throws IOException;

  /**
   * As {@link #download(URI, Map, Path, long)}, and {@code digest} is given exactly the bytes
   * written to {@code target}, as they stream, so that a caller checking their hash does not read
   * the file again. {@code digest} is reset first (and again before a retry writes anew); after an
   * answer other than 200 it holds nothing. This default downloads, then reads the file into it: a
   * fetcher that streams overrides it.
   */
  default HttpResponse download(
      URI uri, Map<String, String> headers, Path target, long maxBytes, MessageDigest digest)
      throws IOException {
    digest.reset();
    HttpResponse response = download(uri, headers, target, maxBytes);
    if (response.status() == 200) {
      try (InputStream in = Files.newInputStream(target)) {
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
          digest.update(buffer, 0, n);
        }
      }
    }
    return response;
  }
}
