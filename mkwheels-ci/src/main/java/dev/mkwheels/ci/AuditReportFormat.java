package dev.mkwheels.ci;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An {@link AuditReport} as a table for people or JSON for machines. */
public final class AuditReportFormat {
  private static final List<String> HEADINGS =
      List.of("package", "version", "advisory", "fixed in");

  private AuditReportFormat() {}

  /**
   * The findings not ignored, one row each, sorted by package, version and advisory; or a single
   * line saying there were none.
   */
  public static String table(AuditReport report) {
    return dateLine(report) + rows(report);
  }

  /**
   * {@code database: ... as of <newest modified>} for an offline database, whose data is only as
   * recent as its export; nothing for a live one.
   */
  private static String dateLine(AuditReport report) {
    return report
        .databaseDate()
        .map(date -> "database: " + report.database() + ", as of " + date + "\n")
        .orElse("");
  }

  private static String rows(AuditReport report) {
    List<Finding> rows = report.reported();
    if (rows.isEmpty()) {
      return "no known vulnerabilities in "
          + Plural.of(report.pins().size(), "pinned distribution")
          + "\n";
    }
    List<List<String>> cells = new ArrayList<>();
    cells.add(HEADINGS);
    for (Finding finding : rows) {
      List<String> fixes = finding.advisory().fixedIn();
      cells.add(
          List.of(
              finding.pin().name(),
              finding.pin().version(),
              finding.advisory().id(),
              fixes.isEmpty() ? "-" : String.join(", ", fixes)));
    }
    int[] widths = new int[HEADINGS.size()];
    for (List<String> row : cells) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    appendRow(out, cells.get(0), widths);
    List<String> rules = new ArrayList<>();
    for (int width : widths) {
      rules.add("-".repeat(width));
    }
    appendRow(out, rules, widths);
    for (List<String> row : cells.subList(1, cells.size())) {
      appendRow(out, row, widths);
    }
    return out.toString();
  }

  private static void appendRow(StringBuilder out, List<String> row, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < row.size(); i++) {
      if (i > 0) {
        line.append("  ");
      }
      line.append(row.get(i));
      if (i < row.size() - 1) {
        line.append(" ".repeat(widths[i] - row.get(i).length()));
      }
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }

  /**
   * One JSON object: every finding (with {@code ignored}), the pins not audited, the counts; {@code
   * database_date} when the database is an offline export.
   */
  public static String json(AuditReport report) {
    ObjectNode root = Json.object();
    root.put("database", report.database());
    report.databaseDate().ifPresent(date -> root.put("database_date", date.toString()));
    root.put("packages", report.pins().size());
    root.put("vulnerable", !report.reported().isEmpty());
    ArrayNode findings = root.putArray("findings");
    for (Finding finding : report.findings()) {
      ObjectNode node = findings.addObject();
      node.put("name", finding.pin().name());
      node.put("version", finding.pin().version());
      node.put("id", finding.advisory().id());
      ArrayNode aliases = node.putArray("aliases");
      finding.advisory().aliases().forEach(aliases::add);
      ArrayNode fixed = node.putArray("fixed_in");
      finding.advisory().fixedIn().forEach(fixed::add);
      node.put("ignored", finding.ignored());
    }
    ArrayNode notAudited = root.putArray("not_audited");
    for (Map.Entry<Pin, String> entry : report.notAudited().entrySet()) {
      notAudited
          .addObject()
          .put("name", entry.getKey().name())
          .put("version", entry.getKey().version())
          .put("reason", entry.getValue());
    }
    ArrayNode unused = root.putArray("unused_ignores");
    report.unusedIgnores().forEach(unused::add);
    return Json.pretty(root);
  }
}
