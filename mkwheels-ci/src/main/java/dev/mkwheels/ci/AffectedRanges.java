package dev.mkwheels.ci;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mkwheels.python.version.InvalidVersionException;
import dev.mkwheels.python.version.Version;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One OSV {@code affected[]} object for a PyPI package, asked whether a version is affected: the
 * explicit {@code versions} list (PEP 440 equality), then each {@code ECOSYSTEM} range, evaluated
 * as the OSV schema says: events sorted by version, {@code introduced} turns "affected" on at its
 * version, {@code fixed} turns it off at its version, {@code last_affected} turns it off above its
 * version ({@code introduced: "0"} is the lowest version). Other range types ({@code GIT}, {@code
 * SEMVER}) say nothing about a PyPI version and are skipped.
 */
final class AffectedRanges {
  /** What a range says about one version. */
  sealed interface Verdict {
    /** Inside a range or in the versions list. */
    record Affected() implements Verdict {}

    /** Outside every range. */
    record NotAffected() implements Verdict {}

    /** A version cannot be compared (not PEP 440): neither clean nor a finding. */
    record Unknown(String reason) implements Verdict {
      public Unknown {
        requireNonNull(reason, "reason is null");
      }
    }
  }

  private enum Kind {
    INTRODUCED,
    FIXED,
    LAST_AFFECTED
  }

  private record Event(Kind kind, String text) {}

  private final JsonNode affected;

  private AffectedRanges(JsonNode affected) {
    this.affected = affected;
  }

  static AffectedRanges of(JsonNode affected) {
    return new AffectedRanges(requireNonNull(affected, "affected is null"));
  }

  Verdict test(String pinned) {
    Version version = parse(pinned);
    for (JsonNode listed : affected.path("versions")) {
      String text = listed.asText("");
      if (text.equals(pinned)) {
        return new Verdict.Affected();
      }
      Version other = parse(text);
      if (version != null && other != null && other.compareTo(version) == 0) {
        return new Verdict.Affected();
      }
    }
    for (JsonNode range : affected.path("ranges")) {
      if (!range.path("type").asText("").equals("ECOSYSTEM")) {
        continue;
      }
      if (version == null) {
        return new Verdict.Unknown(
            "has version ranges, and '" + pinned + "' is not a PEP 440 version");
      }
      List<Event> events = events(range);
      List<Version> versions = new ArrayList<>();
      for (Event event : events) {
        Version at = event.text().equals("0") ? null : parse(event.text());
        if (at == null && !event.text().equals("0")) {
          return new Verdict.Unknown(
              "has a range bound '" + event.text() + "' that is not a PEP 440 version");
        }
        versions.add(at);
      }
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < events.size(); i++) {
        order.add(i);
      }
      // "0" (null here) sorts first: it is below every version.
      order.sort(
          Comparator.comparing(versions::get, Comparator.nullsFirst(Comparator.naturalOrder())));
      boolean inside = false;
      for (int i : order) {
        Version at = versions.get(i);
        int cmp = at == null ? 1 : version.compareTo(at);
        switch (events.get(i).kind()) {
          case INTRODUCED -> inside = cmp >= 0 || inside;
          case FIXED -> inside = cmp >= 0 ? false : inside;
          case LAST_AFFECTED -> inside = cmp > 0 ? false : inside;
        }
      }
      if (inside) {
        return new Verdict.Affected();
      }
    }
    return new Verdict.NotAffected();
  }

  private static List<Event> events(JsonNode range) {
    List<Event> events = new ArrayList<>();
    for (JsonNode event : range.path("events")) {
      if (event.hasNonNull("introduced")) {
        events.add(new Event(Kind.INTRODUCED, event.get("introduced").asText()));
      } else if (event.hasNonNull("fixed")) {
        events.add(new Event(Kind.FIXED, event.get("fixed").asText()));
      } else if (event.hasNonNull("last_affected")) {
        events.add(new Event(Kind.LAST_AFFECTED, event.get("last_affected").asText()));
      }
    }
    return events;
  }

  /** Every {@code fixed} of the advisory's ECOSYSTEM ranges for {@code name} in PyPI. */
  static List<String> fixes(JsonNode vuln, String name) {
    List<String> fixes = new ArrayList<>();
    for (JsonNode affected : vuln.path("affected")) {
      JsonNode pkg = affected.path("package");
      if (!pkg.path("ecosystem").asText("").equals("PyPI")
          || !Pin.normalize(pkg.path("name").asText("")).equals(name)) {
        continue;
      }
      for (JsonNode range : affected.path("ranges")) {
        if (!range.path("type").asText("").equals("ECOSYSTEM")) {
          continue;
        }
        for (Event event : events(range)) {
          if (event.kind() == Kind.FIXED) {
            fixes.add(event.text());
          }
        }
      }
    }
    return fixes;
  }

  private static Version parse(String text) {
    try {
      return Version.parse(text);
    } catch (InvalidVersionException e) {
      return null;
    }
  }
}
