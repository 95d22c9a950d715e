package dev.mkwheels.ci;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Console;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@code mkwheels audit}: every pin looked up, then {@code --ignore} applied, aliases included. */
public final class Auditor {
  private final VulnerabilityDatabase database;
  private final Console console;

  public Auditor(VulnerabilityDatabase database, Console console) {
    this.database = requireNonNull(database, "database is null");
    this.console = requireNonNull(console, "console is null");
  }

  /**
   * @param pins what to look up; duplicates are looked up once
   * @param ignore advisory ids or aliases to accept, any case
   */
  public AuditReport audit(Collection<Pin> pins, Collection<String> ignore) throws CiException {
    List<Pin> sorted = List.copyOf(new TreeSet<>(pins));
    console.progress(
        "looking up "
            + Plural.of(sorted.size(), "pinned distribution")
            + " in "
            + database.describe());
    VulnerabilityDatabase.Result result = database.lookup(sorted);
    Set<String> ignored = new TreeSet<>();
    ignore.forEach(id -> ignored.add(id.strip().toUpperCase(Locale.ROOT)));
    Set<String> used = new TreeSet<>();
    List<Finding> findings = new ArrayList<>();
    for (Map.Entry<Pin, List<Advisory>> entry : result.advisories().entrySet()) {
      for (Advisory advisory : entry.getValue()) {
        boolean isIgnored = advisory.namedBy(ignored);
        if (isIgnored) {
          advisory.names().forEach(n -> used.add(n.toUpperCase(Locale.ROOT)));
        }
        findings.add(new Finding(entry.getKey(), advisory, isIgnored));
      }
    }
    findings.sort(null);
    List<String> unused = new ArrayList<>();
    for (String id : new TreeSet<>(ignore)) {
      if (!used.contains(id.strip().toUpperCase(Locale.ROOT))) {
        unused.add(id.strip());
      }
    }
    return new AuditReport(
        database.describe(), sorted, findings, result.unknown(), unused, result.asOf());
  }
}
