package dev.mkwheels.testkit;

import java.util.Map;

/**
 * One request as {@link GitlabServer} or {@link ForgejoServer} saw it.
 *
 * @param storage whether it reached the storage host (another origin) rather than the forge
 * @param method the HTTP method
 * @param target the raw path, and {@code ?query} when there is one
 * @param headers the request's headers, names lower-cased
 */
public record ForgeRequest(
    boolean storage, String method, String target, Map<String, String> headers) {
  public ForgeRequest {
    headers = Map.copyOf(headers);
  }
}
