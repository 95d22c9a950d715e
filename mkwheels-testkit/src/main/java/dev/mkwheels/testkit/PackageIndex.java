package dev.mkwheels.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A package index on loopback, built from {@link Dist}s the test made: PEP 503 HTML and PEP 691
 * JSON (with PEP 700 {@code upload-time}) under {@code /simple/}, chosen by the {@code Accept}
 * header as PyPI does, the files under {@code /files/}, and a PyPI-style JSON API under {@code
 * /pypi/NAME/VERSION/json}. On request it also serves PEP 658 {@code .metadata} files of wheels,
 * PEP 592 yanked files and {@code Requires-Python} per file, or one page format only; {@link
 * #writeDirectory} lays the same index out as a {@code file://} index. Thread-safe; close it to
 * stop it.
 */
public final class PackageIndex implements AutoCloseable {
  static final String PEP_691 = "application/vnd.pypi.simple.v1+json";

  private final Loopback loopback;
  private final Map<String, Entry> files = new TreeMap<>();
  private final Map<String, String> advertisedHashes = new TreeMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<Map<String, String>> requestHeaders = new CopyOnWriteArrayList<>();
  private boolean jsonApi = true;
  private boolean pep691 = true;
  private boolean html = true;
  private boolean coreMetadata;
  private final Map<String, String> yanked = new TreeMap<>();
  private final Map<String, String> requiresPython = new TreeMap<>();

  private record Entry(Dist dist, Instant uploaded) {}

  private PackageIndex(Loopback loopback) {
    this.loopback = loopback;
  }

  /** An empty index on an ephemeral loopback port. */
  public static PackageIndex start() throws IOException {
    PackageIndex index = new PackageIndex(Loopback.start());
    index.loopback.server().createContext("/", index::handle);
    return index;
  }

  /** Serves {@code dist}, uploaded at {@code uploaded}. */
  public synchronized PackageIndex add(Dist dist, Instant uploaded) {
    files.put(
        dist.filename(), new Entry(dist, Objects.requireNonNull(uploaded, "uploaded is null")));
    return this;
  }

  /** Advertises {@code sha256} for {@code filename} instead of its real hash (a tampered file). */
  public synchronized PackageIndex advertiseHash(String filename, String sha256) {
    advertisedHashes.put(filename, sha256);
    return this;
  }

  /** Whether {@code /pypi/...} answers (else 404 for everything, as a plain index). */
  public synchronized PackageIndex jsonApi(boolean enabled) {
    this.jsonApi = enabled;
    return this;
  }

  /** Whether {@code /simple/} answers in PEP 691 JSON when asked (else HTML only). */
  public synchronized PackageIndex pep691(boolean enabled) {
    this.pep691 = enabled;
    return this;
  }

  /**
   * Whether {@code /simple/} answers in HTML when asked (else PEP 691 JSON whatever the {@code
   * Accept} header says, as a JSON-only index).
   */
  public synchronized PackageIndex html(boolean enabled) {
    this.html = enabled;
    return this;
  }

  /**
   * Whether wheels get a PEP 658 {@code FILE.metadata} beside them (their {@code METADATA}),
   * advertised with its sha256 as {@code data-core-metadata} and {@code data-dist-info-metadata} in
   * HTML and {@code core-metadata} in JSON.
   */
  public synchronized PackageIndex coreMetadata(boolean enabled) {
    this.coreMetadata = enabled;
    return this;
  }

  /** Marks {@code filename} yanked (PEP 592), with {@code reason} (may be empty). */
  public synchronized PackageIndex yank(String filename, String reason) {
    yanked.put(filename, Objects.requireNonNull(reason, "reason is null"));
    return this;
  }

  /** Gives {@code filename} a {@code Requires-Python} on the pages. */
  public synchronized PackageIndex requiresPython(String filename, String specifier) {
    requiresPython.put(filename, Objects.requireNonNull(specifier, "specifier is null"));
    return this;
  }

  /**
   * Writes this index as a {@code file://} index into {@code directory}: {@code PROJECT/index.html}
   * (PEP 503, as served) linking to {@code files/FILE}, with the {@code .metadata} files when
   * {@link #coreMetadata} is on. Returns the index's {@code file:} URL.
   */
  public synchronized String writeDirectory(Path directory) throws IOException {
    Path filesDir = Files.createDirectories(directory.resolve("files"));
    for (Entry entry : files.values()) {
      entry.dist().writeTo(filesDir);
      byte[] metadata = metadataOf(entry.dist());
      if (metadata != null) {
        Files.write(filesDir.resolve(entry.dist().filename() + ".metadata"), metadata);
      }
    }
    for (String project :
        files.values().stream().map(e -> Dist.normalize(e.dist().project())).distinct().toList()) {
      Path page = Files.createDirectories(directory.resolve(project));
      Files.write(
          page.resolve("index.html"),
          new String(projectHtml(project, entriesOf(project)), StandardCharsets.UTF_8)
              .replace("../../files/", "../files/")
              .getBytes(StandardCharsets.UTF_8));
    }
    return directory.toUri().toString();
  }

  /** {@code http://127.0.0.1:PORT/simple}: what pip's {@code --index-url} takes. */
  public String simpleUrl() {
    return loopback.url() + "/simple";
  }

  /** {@code http://127.0.0.1:PORT/pypi}: what {@code --pypi-url} takes. */
  public String jsonApiUrl() {
    return loopback.url() + "/pypi";
  }

  /** Every request so far, as {@code METHOD PATH [Accept]}. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** The headers of every request so far, names lower-cased, in the order of {@link #requests}. */
  public List<Map<String, String>> requestHeaders() {
    return List.copyOf(requestHeaders);
  }

  @Override
  public void close() {
    loopback.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    Map<String, String> headers = new TreeMap<>();
    exchange
        .getRequestHeaders()
        .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
    requestHeaders.add(Map.copyOf(headers));
    String accept = exchange.getRequestHeaders().getFirst("Accept");
    requests.add(
        exchange.getRequestMethod() + " " + path + " [" + (accept == null ? "" : accept) + "]");
    try (exchange) {
      synchronized (this) {
        if (path.startsWith("/files/") && path.endsWith(".metadata")) {
          String name = path.substring("/files/".length(), path.length() - ".metadata".length());
          Entry entry = files.get(name);
          byte[] metadata = entry == null ? null : metadataOf(entry.dist());
          if (metadata != null) {
            send(exchange, 200, "application/octet-stream", metadata);
            return;
          }
        } else if (path.startsWith("/files/")) {
          Entry entry = files.get(path.substring("/files/".length()));
          if (entry != null) {
            send(exchange, 200, "application/octet-stream", entry.dist().bytes());
            return;
          }
        } else if (path.startsWith("/simple/")) {
          String project = path.substring("/simple/".length()).replaceAll("/$", "");
          List<Entry> entries = project.isEmpty() ? List.of() : entriesOf(project);
          if (project.isEmpty() || !entries.isEmpty()) {
            boolean json =
                !html
                    || pep691
                        && accept != null
                        && accept.contains(PEP_691)
                        && (!accept.contains("text/html")
                            || accept.indexOf(PEP_691) < accept.indexOf("text/html"));
            if (json) {
              send(exchange, 200, PEP_691, projectJson(project, entries));
            } else {
              send(exchange, 200, "text/html", projectHtml(project, entries));
            }
            return;
          }
        } else if (path.startsWith("/pypi/") && jsonApi) {
          String[] parts = path.substring("/pypi/".length()).split("/");
          if (parts.length == 3 && parts[2].equals("json")) {
            List<Entry> release =
                entriesOf(parts[0]).stream()
                    .filter(e -> e.dist().version().equals(parts[1]))
                    .toList();
            if (!release.isEmpty()) {
              send(exchange, 200, "application/json", releaseJson(release));
              return;
            }
          }
        }
        send(exchange, 404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private List<Entry> entriesOf(String project) {
    String normalized = Dist.normalize(project);
    return files.values().stream()
        .filter(e -> Dist.normalize(e.dist().project()).equals(normalized))
        .toList();
  }

  private String advertised(Dist dist) {
    return advertisedHashes.getOrDefault(dist.filename(), dist.sha256());
  }

  private byte[] projectHtml(String project, List<Entry> entries) throws IOException {
    StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><body>\n");
    if (project.isEmpty()) {
      files.values().stream()
          .map(e -> Dist.normalize(e.dist().project()))
          .distinct()
          .sorted()
          .forEach(
              p -> html.append("<a href=\"").append(p).append("/\">").append(p).append("</a>\n"));
    }
    for (Entry entry : entries) {
      String name = entry.dist().filename();
      html.append("<a href=\"../../files/")
          .append(name)
          .append("#sha256=")
          .append(advertised(entry.dist()))
          .append('"');
      if (requiresPython.containsKey(name)) {
        html.append(" data-requires-python=\"")
            .append(escape(requiresPython.get(name)))
            .append('"');
      }
      if (yanked.containsKey(name)) {
        html.append(" data-yanked=\"").append(escape(yanked.get(name))).append('"');
      }
      byte[] metadata = metadataOf(entry.dist());
      if (metadata != null) {
        String digest = "sha256=" + Dist.sha256(metadata);
        html.append(" data-core-metadata=\"")
            .append(digest)
            .append("\" data-dist-info-metadata=\"")
            .append(digest)
            .append('"');
      }
      html.append(">").append(name).append("</a>\n");
    }
    return html.append("</body></html>\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  private byte[] projectJson(String project, List<Entry> entries) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("meta", Map.of("api-version", "1.1"));
    if (project.isEmpty()) {
      doc.put(
          "projects",
          files.values().stream()
              .map(e -> Dist.normalize(e.dist().project()))
              .distinct()
              .sorted()
              .map(p -> Map.of("name", p))
              .toList());
      return json(doc);
    }
    doc.put("name", Dist.normalize(project));
    doc.put("versions", entries.stream().map(e -> e.dist().version()).distinct().sorted().toList());
    List<Map<String, Object>> list = new ArrayList<>();
    for (Entry entry : entries) {
      Map<String, Object> file = new LinkedHashMap<>();
      file.put("filename", entry.dist().filename());
      file.put("url", loopback.url() + "/files/" + entry.dist().filename());
      file.put("hashes", Map.of("sha256", advertised(entry.dist())));
      file.put("size", entry.dist().bytes().length);
      file.put("upload-time", microseconds(entry.uploaded()));
      String name = entry.dist().filename();
      if (requiresPython.containsKey(name)) {
        file.put("requires-python", requiresPython.get(name));
      }
      if (yanked.containsKey(name)) {
        file.put("yanked", yanked.get(name).isEmpty() ? (Object) true : yanked.get(name));
      }
      byte[] metadata = metadataOf(entry.dist());
      if (metadata != null) {
        file.put("core-metadata", Map.of("sha256", Dist.sha256(metadata)));
      }
      list.add(file);
    }
    doc.put("files", list);
    return json(doc);
  }

  private byte[] releaseJson(List<Entry> release) throws IOException {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("name", release.get(0).dist().project());
    info.put("version", release.get(0).dist().version());
    List<Map<String, Object>> urls = new ArrayList<>();
    for (Entry entry : release) {
      Map<String, Object> url = new LinkedHashMap<>();
      url.put("filename", entry.dist().filename());
      url.put("digests", Map.of("sha256", advertised(entry.dist())));
      url.put(
          "upload_time",
          DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
              entry.uploaded().truncatedTo(ChronoUnit.SECONDS).atOffset(java.time.ZoneOffset.UTC)));
      url.put("upload_time_iso_8601", microseconds(entry.uploaded()));
      url.put("url", loopback.url() + "/files/" + entry.dist().filename());
      urls.add(url);
    }
    return json(Map.of("info", info, "urls", urls));
  }

  /** The wheel's {@code METADATA} when {@link #coreMetadata} is on, else null. */
  private byte[] metadataOf(Dist dist) throws IOException {
    if (!coreMetadata || !dist.filename().endsWith(".whl")) {
      return null;
    }
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(dist.bytes()))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        if (e.getName().matches("[^/]+\\.dist-info/METADATA")) {
          return zip.readAllBytes();
        }
      }
    }
    return null;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  /** PyPI writes times as {@code 2024-01-02T03:04:05.123456Z}. */
  private static String microseconds(Instant instant) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
        .format(instant.atOffset(java.time.ZoneOffset.UTC));
  }

  private static byte[] json(Object doc) throws IOException {
    return new ObjectMapper()
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .writeValueAsBytes(doc);
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
