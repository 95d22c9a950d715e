package dev.mkwheels.python.index;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** URL handling shared by the page readers. */
final class Links {
  private Links() {}

  /** {@code href} resolved against {@code base}; null when it is not a URL. */
  static URI resolve(URI base, String href) {
    try {
      return base.resolve(new URI(escape(href)));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  /** Spaces and other characters a sloppy page leaves raw, percent-encoded. */
  private static String escape(String href) {
    StringBuilder out = new StringBuilder();
    for (char c : href.toCharArray()) {
      if (c == ' ' || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`'
          || c == '{' || c == '|' || c == '}') {
        out.append('%').append(String.format("%02X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The last path segment, percent-decoded ({@code +} kept): pip's {@code Link.filename}. */
  static String fileName(URI url) {
    String path = url.getRawPath();
    if (path == null) {
      return "";
    }
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String last = path.substring(path.lastIndexOf('/') + 1);
    return URLDecoder.decode(last.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  static URI withoutFragment(URI url) {
    if (url.getRawFragment() == null) {
      return url;
    }
    String text = url.toString();
    return URI.create(text.substring(0, text.indexOf('#')));
  }

  /** PEP 658: the distribution's URL, query kept, with {@code .metadata} added to its path. */
  static URI metadataUrl(URI bare) {
    String text = bare.toString();
    int query = text.indexOf('?');
    return URI.create(
        query < 0
            ? text + ".metadata"
            : text.substring(0, query) + ".metadata" + text.substring(query));
  }
}
