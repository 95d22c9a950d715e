package dev.mkwheels.ci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.HttpResponse;
import dev.mkwheels.pip.Redaction;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files an index page lists: a PEP 691 JSON page or a PEP 503 HTML page whose links carry
 * {@code #sha256=} fragments, over http(s) or from a {@code file:} index on disk.
 */
final class IndexPage {
  private static final String ACCEPT =
      "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.1";
  private static final Pattern ANCHOR =
      Pattern.compile(
          "<a\\s[^>]*?href\\s*=\\s*[\"']([^\"']+)[\"'][^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern SHA256 = Pattern.compile("(?:^|&)sha256=([0-9A-Fa-f]{64})(?:&|$)");

  /**
   * A listed file.
   *
   * @param fileName the file's name, from the last segment of its URL
   * @param sha256 its hash when the page gives one, lower case
   * @param url where it is, absolute, without the fragment and any credentials
   * @param size its size when the page gives one (JSON API 1.1)
   * @param uploadTime its ISO 8601 upload time when the page gives one (JSON API 1.1)
   */
  record Link(
      String fileName,
      Optional<String> sha256,
      String url,
      Optional<Long> size,
      Optional<String> uploadTime) {}

  private IndexPage() {}

  /**
   * The files of {@code project} on {@code index}; empty when the index does not have the project.
   *
   * @throws CiException when the page cannot be read or the index answers an error
   */
  static List<Link> project(HttpFetcher http, String index, String project) throws CiException {
    String base = index.endsWith("/") ? index : index + "/";
    return read(http, URI.create(base + project + "/"), true);
  }

  /** The files a find-links page lists (any project). */
  static List<Link> flat(HttpFetcher http, URI page) throws CiException {
    return read(http, page, false);
  }

  private static List<Link> read(HttpFetcher http, URI page, boolean missingIsEmpty)
      throws CiException {
    String shown = Redaction.url(page.toString());
    if ("file".equalsIgnoreCase(page.getScheme())) {
      Path path = Path.of(page);
      Path html = Files.isDirectory(path) ? path.resolve("index.html") : path;
      if (!Files.isRegularFile(html)) {
        if (missingIsEmpty) {
          return List.of();
        }
        throw new CiException("no such find-links page: " + shown);
      }
      try {
        return html(Files.readString(html, StandardCharsets.UTF_8), html.toUri());
      } catch (IOException e) {
        throw new CiException("cannot read " + shown + ": " + e.getMessage(), e);
      }
    }
    Map<String, String> headers = new TreeMap<>(Map.of("Accept", ACCEPT));
    if (page.getUserInfo() != null) {
      // pip sends an index URL's user:password as basic auth; the JDK client would drop it.
      headers.put(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(page.getUserInfo().getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse response;
    try {
      response = http.get(page, headers);
    } catch (IOException e) {
      throw new CiException(
          "cannot read the index page " + shown + ": " + Redaction.url(e.getMessage()), e);
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      throw new CiException("cannot read the index page " + shown + ": unsupported URL", e);
    }
    if (response.status() == 404 && missingIsEmpty) {
      return List.of();
    }
    if (response.status() != 200) {
      throw new CiException("the index page " + shown + " answered HTTP " + response.status());
    }
    String type = response.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    if (type.startsWith("application/vnd.pypi.simple.v1+json")) {
      return json(Json.parse(response.body(), "the index page " + shown), page);
    }
    return html(response.text(), page);
  }

  private static List<Link> json(JsonNode page, URI base) {
    List<Link> links = new ArrayList<>();
    for (JsonNode file : page.path("files")) {
      String name = file.path("filename").asText("");
      if (!name.isEmpty()) {
        String sha = file.path("hashes").path("sha256").textValue();
        JsonNode size = file.path("size");
        links.add(
            new Link(
                name,
                Optional.ofNullable(sha).map(h -> h.toLowerCase(Locale.ROOT)),
                absolute(base, file.path("url").asText(name)),
                size.canConvertToLong() ? Optional.of(size.asLong()) : Optional.empty(),
                Optional.ofNullable(file.path("upload-time").textValue())));
      }
    }
    return links;
  }

  private static List<Link> html(String page, URI base) {
    List<Link> links = new ArrayList<>();
    Matcher anchor = ANCHOR.matcher(page);
    while (anchor.find()) {
      String href = anchor.group(1).replace("&amp;", "&");
      int hash = href.indexOf('#');
      String path = hash < 0 ? href : href.substring(0, hash);
      int query = path.indexOf('?');
      path = query < 0 ? path : path.substring(0, query);
      String name =
          URLDecoder.decode(
              path.substring(path.lastIndexOf('/') + 1).replace("+", "%2B"),
              StandardCharsets.UTF_8);
      Optional<String> sha = Optional.empty();
      if (hash >= 0) {
        Matcher m = SHA256.matcher(href.substring(hash + 1));
        if (m.find()) {
          sha = Optional.of(m.group(1).toLowerCase(Locale.ROOT));
        }
      }
      if (!name.isEmpty()) {
        links.add(
            new Link(
                name,
                sha,
                absolute(base, hash < 0 ? href : href.substring(0, hash)),
                Optional.empty(),
                Optional.empty()));
      }
    }
    return links;
  }

  /** {@code href} resolved against the page, fragment and credentials removed; as is if odd. */
  private static String absolute(URI base, String href) {
    int hash = href.indexOf('#');
    String bare = hash < 0 ? href : href.substring(0, hash);
    try {
      return Redaction.withoutUserInfo(base.resolve(new URI(bare.replace(" ", "%20"))).toString());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Redaction.withoutUserInfo(bare);
    }
  }
}
