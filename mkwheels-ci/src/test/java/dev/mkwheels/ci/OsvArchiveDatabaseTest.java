package dev.mkwheels.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.testkit.OsvExport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OSV's offline export read from a zip the test writes: ranges, lists, withdrawn, bounds. */
class OsvArchiveDatabaseTest {
  private static final String FIXED_RANGE =
      "\"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"0\"},"
          + " {\"fixed\": \"2.10.1\"}, {\"introduced\": \"2.11.0\"}, {\"fixed\": \"2.11.3\"}]}]";

  @TempDir Path dir;
  private final RecordingConsole console = new RecordingConsole();

  private static OsvExport export() {
    return new OsvExport()
        .advisory(
            "GHSA-462w-v97r-4m45",
            "PyPI",
            "Jinja2",
            "2024-01-02T03:04:05Z",
            List.of("CVE-2019-10906", "PYSEC-2019-217"),
            FIXED_RANGE,
            "")
        // introduced without fixed: every version from 1.26.0 on.
        .advisory(
            "PYSEC-2021-108",
            "PyPI",
            "urllib3",
            "2023-05-06T07:08:09.123456Z",
            List.of("CVE-2021-33503"),
            "\"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"1.26.0\"}]}]",
            "")
        // last_affected: 1.26.4 is the last one affected, 1.26.5 is not.
        .advisory(
            "GHSA-last-affe-cted",
            "PyPI",
            "urllib3",
            "2022-01-01T00:00:00Z",
            List.of(),
            "\"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"1.0\"},"
                + " {\"last_affected\": \"1.26.4\"}]}]",
            "")
        // only an explicit versions list, spelled otherwise than the pin (PEP 440 equal).
        .advisory(
            "PYSEC-2020-1",
            "PyPI",
            "idna",
            "2020-01-01T00:00:00Z",
            List.of(),
            "\"versions\": [\"2.8\", \"3.7.0\"]",
            "")
        // withdrawn: never reported, but still dates the export.
        .advisory(
            "GHSA-with-draw-n000",
            "PyPI",
            "idna",
            "2025-06-07T08:09:10Z",
            List.of(),
            "\"versions\": [\"3.7\"]",
            "\"withdrawn\": \"2025-06-07T08:09:10Z\"")
        // another ecosystem with the same name: not PyPI's idna.
        .advisory(
            "GO-2024-0001",
            "Go",
            "idna",
            "2024-02-02T00:00:00Z",
            List.of(),
            "\"versions\": [\"3.7\"]",
            "")
        .raw("PyPI/", new byte[0]);
  }

  private VulnerabilityDatabase.Result lookup(OsvExport export, Pin... pins) throws Exception {
    Path zip = export.write(dir.resolve("all.zip"));
    return new OsvArchiveDatabase(zip, console).lookup(List.of(pins));
  }

  @Test
  void rangesListsWithdrawnAndEcosystemsDecideWhatIsAffected() throws Exception {
    var result =
        lookup(
            export(),
            new Pin("jinja2", "2.10"),
            new Pin("Jinja2", "2.10.1"),
            new Pin("jinja2", "2.11.2"),
            new Pin("urllib3", "1.26.4"),
            new Pin("urllib3", "1.25"),
            new Pin("idna", "3.7"));
    Map<Pin, List<Advisory>> found = result.advisories();
    assertEquals(
        List.of(
            new Advisory(
                "GHSA-462w-v97r-4m45",
                List.of("CVE-2019-10906", "PYSEC-2019-217"),
                List.of("2.10.1", "2.11.3"))),
        found.get(new Pin("jinja2", "2.10")));
    assertEquals(null, found.get(new Pin("jinja2", "2.10.1")), "fixed is not affected");
    assertEquals(
        List.of("2.11.3"), found.get(new Pin("jinja2", "2.11.2")).get(0).fixedIn(), "2nd range");
    assertEquals(
        List.of("GHSA-last-affe-cted", "PYSEC-2021-108"),
        found.get(new Pin("urllib3", "1.26.4")).stream().map(Advisory::id).toList());
    assertEquals(
        List.of("GHSA-last-affe-cted"),
        found.get(new Pin("urllib3", "1.25")).stream().map(Advisory::id).toList());
    assertEquals(
        List.of("PYSEC-2020-1"),
        found.get(new Pin("idna", "3.7")).stream().map(Advisory::id).toList(),
        "the versions list matches; the withdrawn and the Go advisory do not");
    assertEquals(6 - 1, found.size());
    assertEquals(Optional.of(Instant.parse("2025-06-07T08:09:10Z")), result.asOf());
    assertEquals(Map.of(), result.unknown());
  }

  @Test
  void lastAffectedStopsAboveIt() throws Exception {
    var result = lookup(export(), new Pin("urllib3", "1.26.5"));
    assertEquals(
        List.of("PYSEC-2021-108"),
        result.advisories().get(new Pin("urllib3", "1.26.5")).stream().map(Advisory::id).toList());
  }

  @Test
  void aRangeBoundThatIsNotPep440LeavesThePinNotAudited() throws Exception {
    var result =
        lookup(
            new OsvExport()
                .advisory(
                    "PYSEC-X",
                    "PyPI",
                    "idna",
                    "2020-01-01T00:00:00Z",
                    List.of(),
                    "\"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\":"
                        + " \"not a version\"}]}]",
                    ""),
            new Pin("idna", "3.7"));
    assertEquals(Map.of(), result.advisories());
    assertTrue(
        result.unknown().get(new Pin("idna", "3.7")).contains("'not a version'"),
        result.unknown().toString());
  }

  @Test
  void aMalformedEntryFailsTheLookupNamingIt() throws Exception {
    OsvExport export = export().json("PyPI/BROKEN-1.json", "{\"id\": \"BROKEN-1\", \"affected\":");
    var e = assertThrows(CiException.class, () -> lookup(export, new Pin("idna", "3.7")));
    assertTrue(e.getMessage().contains("PyPI/BROKEN-1.json"), e.getMessage());
    var noId = export().json("PyPI/NOID.json", "{\"affected\": []}");
    e = assertThrows(CiException.class, () -> lookup(noId, new Pin("idna", "3.7")));
    assertTrue(e.getMessage().contains("not an OSV record"), e.getMessage());
  }

  @Test
  void aHugeEntryIsRefusedAsItInflates() throws Exception {
    Path zip = export().raw("PyPI/HUGE.json", new byte[200_000]).write(dir.resolve("all.zip"));
    var database =
        new OsvArchiveDatabase(
            zip, console, new OsvArchiveDatabase.Limits(1000, 100_000, 1L << 30));
    var e = assertThrows(CiException.class, () -> database.lookup(List.of(new Pin("idna", "3.7"))));
    assertTrue(e.getMessage().contains("'PyPI/HUGE.json' inflates to more than"), e.getMessage());
  }

  @Test
  void tooManyEntriesOrTooManyBytesAreRefused() throws Exception {
    Path zip = export().write(dir.resolve("all.zip"));
    var few =
        new OsvArchiveDatabase(zip, console, new OsvArchiveDatabase.Limits(3, 1 << 20, 1L << 30));
    var e = assertThrows(CiException.class, () -> few.lookup(List.of(new Pin("idna", "3.7"))));
    assertTrue(e.getMessage().contains("more than 3 entries"), e.getMessage());
    var small =
        new OsvArchiveDatabase(zip, console, new OsvArchiveDatabase.Limits(100, 1 << 20, 500));
    e = assertThrows(CiException.class, () -> small.lookup(List.of(new Pin("idna", "3.7"))));
    assertTrue(e.getMessage().contains("inflates to more than 500 bytes"), e.getMessage());
  }

  @Test
  void anUnsafeNameRefusesTheArchive() throws Exception {
    for (String name : List.of("../evil.json", "/etc/evil.json", "a\\b.json", "C:x.json")) {
      OsvExport export = export().json(name, "{\"id\": \"X\"}");
      var e = assertThrows(CiException.class, () -> lookup(export, new Pin("idna", "3.7")), name);
      assertTrue(e.getMessage().contains("unsafe entry name"), e.getMessage());
    }
  }

  @Test
  void aFileThatIsNotAZipIsOneClearError() throws Exception {
    Path file = java.nio.file.Files.writeString(dir.resolve("all.zip"), "not a zip");
    var e =
        assertThrows(
            CiException.class,
            () -> new OsvArchiveDatabase(file, console).lookup(List.of(new Pin("idna", "3.7"))));
    assertTrue(e.getMessage().contains("empty or not a zip"), e.getMessage());
    var missing =
        assertThrows(
            CiException.class,
            () ->
                new OsvArchiveDatabase(dir.resolve("none.zip"), console)
                    .lookup(List.of(new Pin("idna", "3.7"))));
    assertTrue(missing.getMessage().startsWith("no such OSV export"), missing.getMessage());
  }

  @Test
  void theReportSaysTheDatabaseDate() throws Exception {
    Path zip = export().write(dir.resolve("all.zip"));
    AuditReport report =
        new Auditor(new OsvArchiveDatabase(zip, console), console)
            .audit(List.of(new Pin("idna", "3.8")), List.of());
    assertEquals(
        "database: the OSV export "
            + zip
            + ", as of 2025-06-07T08:09:10Z\n"
            + "no known vulnerabilities in 1 pinned distribution\n",
        AuditReportFormat.table(report));
    assertTrue(
        AuditReportFormat.json(report).contains("\"database_date\" : \"2025-06-07T08:09:10Z\""),
        AuditReportFormat.json(report));
  }
}
