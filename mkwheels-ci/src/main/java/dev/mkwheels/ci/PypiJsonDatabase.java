package dev.mkwheels.ci;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mkwheels.api.Console;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.HttpResponse;
import dev.mkwheels.python.index.Redaction;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The PyPI JSON API's {@code vulnerabilities} field: {@code GET {url}/{name}/{version}/json} per
 * pin. A 404 means the index does not know that release (a private package, say): the pin is
 * reported as not audited rather than clean.
 */
public final class PypiJsonDatabase implements VulnerabilityDatabase {
  /** The public PyPI JSON API. */
  public static final URI DEFAULT_URL = URI.create("https://pypi.org/pypi");

  private static final Map<String, String> JSON_ACCEPT = Map.of("Accept", "application/json");

  private final HttpFetcher http;
  private final URI base;
  private final Console console;

  public PypiJsonDatabase(HttpFetcher http, URI base, Console console) {
    this.http = requireNonNull(http, "http is null");
    this.base = requireNonNull(base, "base is null");
    this.console = requireNonNull(console, "console is null");
  }

  @Override
  public String describe() {
    return "the PyPI JSON API at " + Redaction.describe(base);
  }

  @Override
  public Result lookup(List<Pin> pins) throws CiException {
    Map<Pin, List<Advisory>> advisories = new TreeMap<>();
    Map<Pin, String> unknown = new TreeMap<>();
    for (Pin pin : pins) {
      URI uri =
          Endpoints.under(
              base,
              Endpoints.segment(pin.name()) + "/" + Endpoints.segment(pin.version()) + "/json");
      HttpResponse response;
      try {
        response = http.get(uri, JSON_ACCEPT);
      } catch (IOException e) {
        throw new CiException("cannot reach the PyPI JSON API: " + e.getMessage(), e);
      }
      if (response.status() == 404) {
        unknown.put(pin, "not found on " + describe());
        continue;
      }
      if (response.status() != 200) {
        throw new CiException(describe() + " answered HTTP " + response.status() + " for " + pin);
      }
      JsonNode release = Json.parse(response.body(), describe() + "'s answer for " + pin);
      JsonNode vulnerabilities = release.path("vulnerabilities");
      if (!vulnerabilities.isArray()) {
        // An answer without the field cannot be told from "none": refuse it rather than guess.
        throw new CiException(describe() + " has no 'vulnerabilities' field for " + pin);
      }
      List<Advisory> found = new ArrayList<>();
      for (JsonNode vulnerability : vulnerabilities) {
        String id = vulnerability.path("id").asText("");
        if (id.isBlank()) {
          throw new CiException(describe() + " lists a vulnerability without an id for " + pin);
        }
        if (vulnerability.hasNonNull("withdrawn")) {
          console.debug(id + " was withdrawn; not reported");
          continue;
        }
        found.add(
            new Advisory(
                id,
                OsvDatabase.strings(vulnerability.path("aliases")),
                FixedVersions.above(pin, OsvDatabase.strings(vulnerability.path("fixed_in")))));
      }
      if (!found.isEmpty()) {
        advisories.put(pin, List.copyOf(found));
      }
    }
    return new Result(advisories, unknown);
  }
}
