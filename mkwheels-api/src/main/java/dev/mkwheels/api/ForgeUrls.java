package dev.mkwheels.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * URLs as a forge's source builds them from what the user typed (owner, repository, project path,
 * tag) and as its messages show them. Shared by the forge sources so that each encodes and checks
 * alike; a new forge's plugin uses them too.
 */
public final class ForgeUrls {
  private static final String UNRESERVED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

  private ForgeUrls() {}

  /**
   * Percent-encodes everything but RFC 3986's unreserved characters, {@code /} included: one path
   * segment ({@code group/app} becomes {@code group%2Fapp}, as GitLab's project IDs want).
   */
  public static String encode(String segment) {
    StringBuilder out = new StringBuilder(segment.length());
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 0x80 && UNRESERVED.indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /**
   * Encodes each {@code /}-separated part of a git ref, keeping the slashes: {@code release/1.0}.
   */
  public static String encodeRef(String ref) {
    StringBuilder out = new StringBuilder(ref.length());
    int start = 0;
    for (int slash; (slash = ref.indexOf('/', start)) >= 0; start = slash + 1) {
      out.append(encode(ref.substring(start, slash))).append('/');
    }
    return out.append(encode(ref.substring(start))).toString();
  }

  /**
   * The forge's base URL given with {@code option}: http or https, a host, and no user information,
   * query or fragment (a token goes in its environment variable, never in a URL); trailing slashes
   * dropped.
   *
   * @throws InvalidOptionException saying which option and why, in one line
   */
  public static URI baseUrl(String value, String option) throws InvalidOptionException {
    String text = value.strip().replaceAll("/+$", "");
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new InvalidOptionException(option + " '" + text + "' is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http"))
        || uri.getHost() == null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || uri.getRawUserInfo() != null) {
      throw new InvalidOptionException(
          option
              + " '"
              + text
              + "' must be an http(s) URL with a host and no user, query or fragment");
    }
    return uri;
  }

  /**
   * {@code uri} as a message shows it: scheme, host, port and path, without user information, query
   * or fragment.
   */
  public static String describe(URI uri) {
    String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
    authority = authority.substring(authority.lastIndexOf('@') + 1);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return uri.getScheme() + "://" + authority + path;
  }
}
