package dev.mkwheels.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditReportFormatTest {
  private final Pin jinja = new Pin("jinja2", "2.10");
  private final Pin urllib3 = new Pin("urllib3", "1.26.4");
  private final AuditReport report =
      new AuditReport(
          "OSV at http://127.0.0.1:1",
          List.of(new Pin("idna", "3.7"), jinja, urllib3),
          List.of(
              new Finding(
                  jinja,
                  new Advisory(
                      "GHSA-462w-v97r-4m45",
                      List.of("CVE-2019-10906"),
                      List.of("2.10.1", "2.11.3")),
                  false),
              new Finding(urllib3, new Advisory("GHSA-aaaa-bbbb-cccc", List.of(), List.of()), true),
              new Finding(
                  urllib3, new Advisory("PYSEC-2021-108", List.of(), List.of("1.26.5")), false)),
          Map.of(new Pin("zzz", "1"), "not found", new Pin("aaa", "1"), "not found"),
          List.of("CVE-1999-0001"));

  @Test
  void theTableListsTheFindingsNotIgnoredInAlignedColumns() {
    assertEquals(
        """
        package  version  advisory             fixed in
        -------  -------  -------------------  --------------
        jinja2   2.10     GHSA-462w-v97r-4m45  2.10.1, 2.11.3
        urllib3  1.26.4   PYSEC-2021-108       1.26.5
        """,
        AuditReportFormat.table(report));
  }

  @Test
  void aCleanAuditSaysSoInOneLine() {
    AuditReport clean = new AuditReport("OSV", List.of(jinja), List.of(), Map.of(), List.of());
    assertEquals(
        "no known vulnerabilities in 1 pinned distribution\n", AuditReportFormat.table(clean));
  }

  @Test
  void theJsonHasEveryFindingWithSortedKeys() {
    String json = AuditReportFormat.json(report);
    assertEquals(
        """
        {
          "database" : "OSV at http://127.0.0.1:1",
          "findings" : [
            {
              "aliases" : [
                "CVE-2019-10906"
              ],
              "fixed_in" : [
                "2.10.1",
                "2.11.3"
              ],
              "id" : "GHSA-462w-v97r-4m45",
              "ignored" : false,
              "name" : "jinja2",
              "version" : "2.10"
            },
            {
              "aliases" : [ ],
              "fixed_in" : [ ],
              "id" : "GHSA-aaaa-bbbb-cccc",
              "ignored" : true,
              "name" : "urllib3",
              "version" : "1.26.4"
            },
            {
              "aliases" : [ ],
              "fixed_in" : [
                "1.26.5"
              ],
              "id" : "PYSEC-2021-108",
              "ignored" : false,
              "name" : "urllib3",
              "version" : "1.26.4"
            }
          ],
          "not_audited" : [
            {
              "name" : "aaa",
              "reason" : "not found",
              "version" : "1"
            },
            {
              "name" : "zzz",
              "reason" : "not found",
              "version" : "1"
            }
          ],
          "packages" : 3,
          "unused_ignores" : [
            "CVE-1999-0001"
          ],
          "vulnerable" : true
        }
        """,
        json);
  }
}
