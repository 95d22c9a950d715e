package dev.mkwheels.ci;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mkwheels.api.Console;
import dev.mkwheels.api.HttpResponse;
import dev.mkwheels.python.index.Redaction;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * OSV (https://osv.dev): one {@code POST /v1/querybatch} per thousand pins (paged with {@code
 * next_page_token}), which answers ids only, then {@code GET /v1/vulns/{id}} once per id for the
 * aliases and the fixed versions.
 */
public final class OsvDatabase implements VulnerabilityDatabase {
  /** The public OSV API. */
  public static final URI DEFAULT_URL = URI.create("https://api.osv.dev");

  static final int BATCH = 1000;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");
  private static final Map<String, String> JSON_ACCEPT = Map.of("Accept", "application/json");

  private final QueryFetcher http;
  private final URI base;
  private final Console console;

  public OsvDatabase(QueryFetcher http, URI base, Console console) {
    this.http = requireNonNull(http, "http is null");
    this.base = requireNonNull(base, "base is null");
    this.console = requireNonNull(console, "console is null");
  }

  @Override
  public String describe() {
    return "OSV at " + Redaction.describe(base);
  }

  @Override
  public Result lookup(List<Pin> pins) throws CiException {
    Map<Pin, TreeSet<String>> ids = new TreeMap<>();
    for (int from = 0; from < pins.size(); from += BATCH) {
      query(pins.subList(from, Math.min(pins.size(), from + BATCH)), ids);
    }
    Map<String, JsonNode> details = new HashMap<>();
    Map<Pin, List<Advisory>> advisories = new TreeMap<>();
    for (Map.Entry<Pin, TreeSet<String>> entry : ids.entrySet()) {
      List<Advisory> found = new ArrayList<>();
      for (String id : entry.getValue()) {
        JsonNode vuln = details.get(id);
        if (vuln == null) {
          vuln = vulnerability(id);
          details.put(id, vuln);
        }
        if (vuln.hasNonNull("withdrawn")) {
          console.debug(id + " was withdrawn; not reported");
          continue;
        }
        found.add(
            new Advisory(
                id,
                strings(vuln.path("aliases")),
                FixedVersions.above(entry.getKey(), fixes(vuln, entry.getKey()))));
      }
      if (!found.isEmpty()) {
        advisories.put(entry.getKey(), List.copyOf(found));
      }
    }
    // OSV answers an unknown package with "no vulnerabilities": it cannot tell the two apart.
    return new Result(advisories, Map.of());
  }

  private void query(List<Pin> batch, Map<Pin, TreeSet<String>> ids) throws CiException {
    List<Pin> pending = new ArrayList<>(batch);
    Map<Pin, String> tokens = new HashMap<>();
    while (!pending.isEmpty()) {
      ObjectNode body = Json.object();
      ArrayNode queries = body.putArray("queries");
      for (Pin pin : pending) {
        ObjectNode query = queries.addObject();
        query.putObject("package").put("name", pin.name()).put("ecosystem", "PyPI");
        query.put("version", pin.version());
        if (tokens.containsKey(pin)) {
          query.put("page_token", tokens.get(pin));
        }
      }
      URI uri = Endpoints.under(base, "v1/querybatch");
      JsonNode answer = Json.parse(exchange(uri, Json.bytes(body)), "OSV's answer to querybatch");
      JsonNode results = answer.path("results");
      if (!results.isArray() || results.size() != pending.size()) {
        throw new CiException(
            describe()
                + " answered querybatch with "
                + (results.isArray() ? results.size() : "no")
                + " results for "
                + pending.size()
                + " queries");
      }
      List<Pin> next = new ArrayList<>();
      for (int i = 0; i < pending.size(); i++) {
        Pin pin = pending.get(i);
        JsonNode result = results.get(i);
        for (JsonNode vuln : result.path("vulns")) {
          String id = vuln.path("id").asText("");
          if (!ID.matcher(id).matches()) {
            throw new CiException(
                describe() + " answered querybatch with a malformed id: '" + id + "'");
          }
          ids.computeIfAbsent(pin, p -> new TreeSet<>()).add(id);
        }
        String token = result.path("next_page_token").asText("");
        if (!token.isEmpty()) {
          tokens.put(pin, token);
          next.add(pin);
        }
      }
      pending = next;
    }
  }

  private byte[] exchange(URI uri, byte[] body) throws CiException {
    HttpResponse response;
    try {
      response = http.post(uri, JSON_ACCEPT, body, "application/json");
    } catch (IOException e) {
      throw new CiException("cannot reach OSV: " + e.getMessage(), e);
    }
    if (response.status() != 200) {
      throw new CiException(describe() + " answered HTTP " + response.status() + " to querybatch");
    }
    return response.body();
  }

  private JsonNode vulnerability(String id) throws CiException {
    URI uri = Endpoints.under(base, "v1/vulns/" + Endpoints.segment(id));
    HttpResponse response;
    try {
      response = http.get(uri, JSON_ACCEPT);
    } catch (IOException e) {
      throw new CiException("cannot reach OSV for " + id + ": " + e.getMessage(), e);
    }
    if (response.status() != 200) {
      throw new CiException(describe() + " answered HTTP " + response.status() + " for " + id);
    }
    return Json.parse(response.body(), "OSV's record of " + id);
  }

  private static List<String> fixes(JsonNode vuln, Pin pin) {
    List<String> fixes = new ArrayList<>();
    for (JsonNode affected : vuln.path("affected")) {
      JsonNode pkg = affected.path("package");
      if (!pkg.path("ecosystem").asText("").equalsIgnoreCase("PyPI")
          || !Pin.normalize(pkg.path("name").asText("")).equals(pin.name())) {
        continue;
      }
      for (JsonNode range : affected.path("ranges")) {
        for (JsonNode event : range.path("events")) {
          if (event.hasNonNull("fixed")) {
            fixes.add(event.get("fixed").asText());
          }
        }
      }
    }
    return fixes;
  }

  static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(
        v -> {
          if (v.isTextual() && !v.asText().isBlank()) {
            values.add(v.asText());
          }
        });
    return values;
  }
}
