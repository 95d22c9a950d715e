package dev.mkwheels.rebuild;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files a PEP 503 project page or a {@code --find-links} page links to, by file name: a minimal
 * scan of {@code <a href>}, enough to find a file whose name and hash the lock already fixes
 * (nothing the page says is trusted beyond where to download from). It stands in for the index
 * client of mkwheels-python and is meant to be replaced by it.
 */
final class LinkPage {
  private static final Pattern ANCHOR =
      Pattern.compile(
          "<a\\s[^>]*?href\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>\"']+))",
          Pattern.CASE_INSENSITIVE);

  private LinkPage() {}

  /** Every link's file name (its last path segment, decoded) and URL, the first link of a name. */
  static Map<String, URI> links(URI page, String html) {
    Map<String, URI> links = new LinkedHashMap<>();
    Matcher anchor = ANCHOR.matcher(html);
    while (anchor.find()) {
      String href =
          unescape(
              anchor.group(1) != null
                  ? anchor.group(1)
                  : anchor.group(2) != null ? anchor.group(2) : anchor.group(3));
      URI target;
      try {
        String resolved = page.resolve(new URI(href.strip())).toString();
        int fragment = resolved.indexOf('#');
        target = new URI(fragment < 0 ? resolved : resolved.substring(0, fragment));
      } catch (URISyntaxException | IllegalArgumentException e) {
        continue; // a link that is not a URL names no file
      }
      String path = target.getRawPath();
      if (path == null || path.endsWith("/")) {
        continue;
      }
      String name =
          URLDecoder.decode(
              path.substring(path.lastIndexOf('/') + 1).replace("+", "%2B"),
              StandardCharsets.UTF_8);
      links.putIfAbsent(name, target);
    }
    return Collections.unmodifiableMap(links);
  }

  private static String unescape(String text) {
    return text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
  }
}
