package dev.mkwheels.ci;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@code mkwheels audit} found.
 *
 * @param database which database answered, for example {@code OSV at https://api.osv.dev}
 * @param pins every pin looked up, sorted
 * @param findings every advisory of every pin, ignored ones included, sorted
 * @param notAudited pins the database did not know, with the reason; iterates sorted
 * @param unusedIgnores {@code --ignore} ids that matched no finding, sorted
 * @param databaseDate the newest {@code modified} of an offline database; empty for a live one
 */
public record AuditReport(
    String database,
    List<Pin> pins,
    List<Finding> findings,
    Map<Pin, String> notAudited,
    List<String> unusedIgnores,
    Optional<Instant> databaseDate) {

  /** A report from a live database, which has no date of its own. */
  public AuditReport(
      String database,
      List<Pin> pins,
      List<Finding> findings,
      Map<Pin, String> notAudited,
      List<String> unusedIgnores) {
    this(database, pins, findings, notAudited, unusedIgnores, Optional.empty());
  }

  public AuditReport {
    Objects.requireNonNull(database, "database is null");
    pins = List.copyOf(pins);
    findings = List.copyOf(findings);
    notAudited = Collections.unmodifiableSortedMap(new TreeMap<>(notAudited));
    unusedIgnores = List.copyOf(unusedIgnores);
    Objects.requireNonNull(databaseDate, "databaseDate is null");
  }

  /** The findings not ignored: any makes the audit fail. */
  public List<Finding> reported() {
    return findings.stream().filter(f -> !f.ignored()).toList();
  }

  public List<Finding> ignored() {
    return findings.stream().filter(Finding::ignored).toList();
  }

  /** Whether any finding was not ignored. */
  public boolean failed() {
    return !reported().isEmpty();
  }
}
