package dev.mkwheels.pip;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.HttpResponse;
import dev.mkwheels.api.JsonReader;
import dev.mkwheels.packaging.DistributionFile;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SHA-256 an index gives for each file of a project: the {@code #sha256=} fragment of a PEP 503
 * page, or {@code hashes.sha256} of a PEP 691 JSON page (asked for first, as pip does). Reads
 * {@code http(s)://} indexes through the host's HTTP and {@code file://} indexes from disk. Pages
 * are read once per index and project. Not thread-safe.
 */
public final class IndexHashes {
  static final String PEP_691 = "application/vnd.pypi.simple.v1+json";
  private static final Pattern ANCHOR =
      Pattern.compile("<a\\s[^>]*?href\\s*=\\s*[\"']([^\"']+)[\"']", Pattern.CASE_INSENSITIVE);

  private final HttpFetcher http;
  private final JsonReader json;
  private final Map<String, Map<String, String>> pages = new HashMap<>();

  public IndexHashes(HttpFetcher http, JsonReader json) {
    this.http = requireNonNull(http, "http is null");
    this.json = requireNonNull(json, "json is null");
  }

  /**
   * The hash {@code index} gives for {@code filename}, or empty when the index does not list the
   * file or gives no SHA-256 for it.
   *
   * @throws IOException when the index cannot be read (not when it lacks the project)
   */
  public Optional<String> sha256(String index, String filename) throws IOException {
    Optional<String> project = DistributionFile.parse(filename).map(DistributionFile::project);
    if (project.isEmpty()) {
      return Optional.empty();
    }
    String key = index + "\n" + project.get();
    Map<String, String> page = pages.get(key);
    if (page == null) {
      page = read(index, project.get());
      pages.put(key, page);
    }
    return Optional.ofNullable(page.get(filename));
  }

  private Map<String, String> read(String index, String project) throws IOException {
    String base = index.endsWith("/") ? index : index + "/";
    String lower = base.toLowerCase(Locale.ROOT);
    if (lower.startsWith("file:")) {
      Path page = Path.of(URI.create(base)).resolve(project).resolve("index.html");
      return Files.isRegularFile(page)
          ? fromHtml(Files.readString(page, StandardCharsets.UTF_8))
          : Map.of();
    }
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      return Map.of();
    }
    HttpResponse response =
        http.get(URI.create(base + project + "/"), Map.of("Accept", PEP_691 + ", text/html;q=0.1"));
    if (response.status() == 404) {
      return Map.of();
    }
    if (response.status() != 200) {
      throw new IOException(Redaction.url(base) + project + "/ answered " + response.status());
    }
    boolean isJson = response.header("content-type").map(t -> t.startsWith(PEP_691)).orElse(false);
    return isJson ? fromJson(response.text()) : fromHtml(response.text());
  }

  private Map<String, String> fromJson(String text) throws IOException {
    Map<String, String> hashes = new TreeMap<>();
    if (json.parse(text) instanceof Map<?, ?> doc && doc.get("files") instanceof List<?> files) {
      for (Object file : files) {
        if (file instanceof Map<?, ?> entry
            && entry.get("filename") instanceof String name
            && entry.get("hashes") instanceof Map<?, ?> digests
            && digests.get("sha256") instanceof String sha) {
          hashes.put(name, sha.toLowerCase(Locale.ROOT));
        }
      }
    }
    return hashes;
  }

  static Map<String, String> fromHtml(String html) {
    Map<String, String> hashes = new TreeMap<>();
    Matcher m = ANCHOR.matcher(html);
    while (m.find()) {
      String href = m.group(1).replace("&amp;", "&");
      int hash = href.indexOf("#sha256=");
      if (hash < 0) {
        continue;
      }
      String path = href.substring(0, hash);
      int query = path.indexOf('?');
      path = query < 0 ? path : path.substring(0, query);
      String name =
          URLDecoder.decode(
              path.substring(path.lastIndexOf('/') + 1).replace("+", "%2B"),
              StandardCharsets.UTF_8);
      String sha = href.substring(hash + "#sha256=".length());
      int end = sha.indexOf('&');
      hashes.put(name, (end < 0 ? sha : sha.substring(0, end)).toLowerCase(Locale.ROOT));
    }
    return hashes;
  }
}
