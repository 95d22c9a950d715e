package dev.mkwheels.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OSV-style API on loopback: {@code POST /v1/querybatch} answers the ids of the known
 * vulnerabilities of each queried PyPI release ({@link #pageSize} at a time, with {@code
 * next_page_token} for the rest), and {@code GET /v1/vulns/{id}} answers the record with its
 * aliases and fixed versions. Thread-safe.
 */
public final class OsvServer implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Loopback loopback;
  private final List<KnownVulnerability> known = new CopyOnWriteArrayList<>();
  private final List<String> batches = new CopyOnWriteArrayList<>();
  private final AtomicInteger detailRequests = new AtomicInteger();
  private volatile int failWith;
  private volatile int pageSize = Integer.MAX_VALUE;

  private OsvServer(Loopback loopback) {
    this.loopback = loopback;
    loopback.server().createContext("/v1/querybatch", this::querybatch);
    loopback.server().createContext("/v1/vulns/", this::vuln);
  }

  public static OsvServer start() throws IOException {
    return new OsvServer(Loopback.start());
  }

  /** The base URL to pass as {@code --osv-url}, without a trailing slash. */
  public String url() {
    return loopback.url();
  }

  /** Reports {@code vulnerability} from now on. */
  public OsvServer add(KnownVulnerability vulnerability) {
    known.add(vulnerability);
    return this;
  }

  /** Answers every request with {@code status} (0 to answer normally again). */
  public void failWith(int status) {
    this.failWith = status;
  }

  /** At most this many ids per result; the rest come with a {@code next_page_token}. */
  public void pageSize(int size) {
    this.pageSize = size;
  }

  /** The bodies of the querybatch requests received, in order. */
  public List<String> batches() {
    return List.copyOf(batches);
  }

  /** How many {@code /v1/vulns/{id}} requests were received. */
  public int detailRequests() {
    return detailRequests.get();
  }

  private void querybatch(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (fail(exchange)) {
        return;
      }
      if (!exchange.getRequestMethod().equals("POST")) {
        respond(exchange, 405, "{}");
        return;
      }
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      batches.add(body);
      JsonNode request = MAPPER.readTree(body);
      ObjectNode answer = MAPPER.createObjectNode();
      ArrayNode results = answer.putArray("results");
      for (JsonNode query : request.path("queries")) {
        String name = query.path("package").path("name").asText();
        String version = query.path("version").asText();
        boolean pypi = query.path("package").path("ecosystem").asText().equals("PyPI");
        List<String> ids = new ArrayList<>();
        for (KnownVulnerability v : known) {
          if (pypi && v.affects(name, version)) {
            ids.add(v.id());
          }
        }
        int from =
            query.hasNonNull("page_token") ? Integer.parseInt(query.get("page_token").asText()) : 0;
        int to = (int) Math.min(ids.size(), (long) from + pageSize);
        ObjectNode result = results.addObject();
        if (from < to) {
          ArrayNode vulns = result.putArray("vulns");
          for (String id : ids.subList(from, to)) {
            vulns.addObject().put("id", id).put("modified", "2024-01-01T00:00:00Z");
          }
        }
        if (to < ids.size()) {
          result.put("next_page_token", Integer.toString(to));
        }
      }
      respond(exchange, 200, MAPPER.writeValueAsString(answer));
    }
  }

  private void vuln(HttpExchange exchange) throws IOException {
    try (exchange) {
      detailRequests.incrementAndGet();
      if (fail(exchange)) {
        return;
      }
      String id = exchange.getRequestURI().getPath().substring("/v1/vulns/".length());
      ObjectNode record = null;
      for (KnownVulnerability v : known) {
        if (!v.id().equals(id)) {
          continue;
        }
        if (record == null) {
          record = MAPPER.createObjectNode().put("id", id).put("modified", "2024-01-01T00:00:00Z");
          ArrayNode aliases = record.putArray("aliases");
          v.aliases().forEach(aliases::add);
          record.putArray("affected");
        }
        ObjectNode affected = ((ArrayNode) record.get("affected")).addObject();
        affected.putObject("package").put("ecosystem", "PyPI").put("name", v.name());
        ArrayNode ranges = affected.putArray("ranges");
        for (String fixed : v.fixedIn()) {
          ArrayNode events = ranges.addObject().put("type", "ECOSYSTEM").putArray("events");
          events.addObject().put("introduced", "0");
          events.addObject().put("fixed", fixed);
        }
        affected.putArray("versions").add(v.version());
      }
      if (record == null) {
        respond(exchange, 404, "{\"code\":5,\"message\":\"Bug not found.\"}");
      } else {
        respond(exchange, 200, MAPPER.writeValueAsString(record));
      }
    }
  }

  private boolean fail(HttpExchange exchange) throws IOException {
    int status = failWith;
    if (status == 0) {
      return false;
    }
    respond(exchange, status, "{\"message\":\"failing on purpose\"}");
    return true;
  }

  static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    loopback.close();
  }
}
