package dev.mkwheels.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.testkit.KnownVulnerability;
import dev.mkwheels.testkit.Loopback;
import dev.mkwheels.testkit.OsvServer;
import dev.mkwheels.testkit.VulnerabilityJsonApi;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit against real loopback servers speaking OSV's and PyPI's JSON. */
class AuditorTest {
  private static final KnownVulnerability JINJA =
      new KnownVulnerability(
          "Jinja2",
          "2.10",
          "GHSA-462w-v97r-4m45",
          List.of("CVE-2019-10906", "PYSEC-2019-217"),
          List.of("2.10.1", "2.11.3", "2.9.9"));
  private static final KnownVulnerability URLLIB3 =
      new KnownVulnerability(
          "urllib3", "1.26.4", "PYSEC-2021-108", List.of("CVE-2021-33503"), List.of("1.26.5"));
  private static final KnownVulnerability URLLIB3_UNFIXED =
      new KnownVulnerability("urllib3", "1.26.4", "GHSA-aaaa-bbbb-cccc", List.of(), List.of());

  private OsvServer osv;
  private VulnerabilityJsonApi pypi;
  private final RecordingConsole console = new RecordingConsole();
  private final List<Pin> pins =
      List.of(new Pin("jinja2", "2.10"), new Pin("urllib3", "1.26.4"), new Pin("idna", "3.7"));

  @BeforeEach
  void start() throws Exception {
    osv = OsvServer.start().add(JINJA).add(URLLIB3).add(URLLIB3_UNFIXED);
    pypi =
        VulnerabilityJsonApi.start()
            .add(JINJA)
            .add(URLLIB3)
            .add(URLLIB3_UNFIXED)
            .release("idna", "3.7");
  }

  @AfterEach
  void stop() {
    osv.close();
    pypi.close();
  }

  private Auditor osvAuditor() {
    return new Auditor(
        new OsvDatabase(new LoopbackHttp(), URI.create(osv.url()), console), console);
  }

  private Auditor pypiAuditor() {
    return new Auditor(
        new PypiJsonDatabase(new LoopbackHttp(), URI.create(pypi.url()), console), console);
  }

  @Test
  void osvFindsEachAdvisoryWithItsAliasesAndTheFixesAboveThePin() throws Exception {
    AuditReport report = osvAuditor().audit(pins, List.of());
    assertEquals(3, report.findings().size(), report.toString());
    Finding jinja = report.findings().get(0);
    assertEquals(new Pin("jinja2", "2.10"), jinja.pin());
    assertEquals("GHSA-462w-v97r-4m45", jinja.advisory().id());
    assertEquals(List.of("CVE-2019-10906", "PYSEC-2019-217"), jinja.advisory().aliases());
    // 2.9.9 fixes an older branch: not a way out of 2.10.
    assertEquals(List.of("2.10.1", "2.11.3"), jinja.advisory().fixedIn());
    assertEquals("GHSA-aaaa-bbbb-cccc", report.findings().get(1).advisory().id());
    assertEquals(List.of(), report.findings().get(1).advisory().fixedIn());
    assertEquals("PYSEC-2021-108", report.findings().get(2).advisory().id());
    assertTrue(report.failed());
    assertEquals(1, osv.batches().size(), "one batch for three pins");
    assertTrue(osv.batches().get(0).contains("\"ecosystem\":\"PyPI\""), osv.batches().get(0));
  }

  @Test
  void anAdvisoryIgnoredByAnAliasNoLongerFailsTheAudit() throws Exception {
    AuditReport report =
        osvAuditor()
            .audit(
                pins,
                List.of(
                    "cve-2019-10906", "GHSA-aaaa-bbbb-cccc", "PYSEC-2021-108", "CVE-1999-0001"));
    assertFalse(report.failed(), report.toString());
    assertEquals(3, report.ignored().size());
    assertEquals(List.of("CVE-1999-0001"), report.unusedIgnores());
  }

  @Test
  void oneAdvisoryFoundAndOneIgnored() throws Exception {
    AuditReport report = osvAuditor().audit(pins, List.of("PYSEC-2019-217", "GHSA-aaaa-bbbb-cccc"));
    assertTrue(report.failed());
    assertEquals(
        List.of("PYSEC-2021-108"), report.reported().stream().map(f -> f.advisory().id()).toList());
    assertEquals(2, report.ignored().size());
    assertEquals(List.of(), report.unusedIgnores());
  }

  @Test
  void osvResultsArePagedThroughTheirNextPageToken() throws Exception {
    osv.pageSize(1);
    AuditReport report = osvAuditor().audit(pins, List.of());
    assertEquals(3, report.findings().size());
    // urllib3's second advisory needs a second round, asking for urllib3 alone.
    assertEquals(2, osv.batches().size(), osv.batches().toString());
    assertTrue(osv.batches().get(1).contains("\"page_token\":\"1\""), osv.batches().get(1));
    assertFalse(osv.batches().get(1).contains("jinja2"), osv.batches().get(1));
  }

  @Test
  void anOsvServerThatAnswersAnErrorFailsTheAuditNamingTheStatus() {
    osv.failWith(503);
    CiException e = assertThrows(CiException.class, () -> osvAuditor().audit(pins, List.of()));
    assertEquals("OSV at " + osv.url() + " answered HTTP 503 to querybatch", e.getMessage());
  }

  @Test
  void anUnreachableOsvIsAnErrorNeverNoVulnerabilities() throws Exception {
    String url;
    try (Loopback closed = Loopback.start()) {
      url = closed.url();
    }
    Auditor auditor =
        new Auditor(new OsvDatabase(new LoopbackHttp(), URI.create(url), console), console);
    CiException e = assertThrows(CiException.class, () -> auditor.audit(pins, List.of()));
    assertTrue(
        e.getMessage().startsWith("cannot reach OSV: " + url + "/v1/querybatch"), e.getMessage());
    assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
  }

  @Test
  void pypiJsonReportsTheSameFindingsAndAnUnknownReleaseAsNotAudited() throws Exception {
    List<Pin> withPrivate =
        List.of(pins.get(0), pins.get(1), pins.get(2), new Pin("our-private-lib", "1.0"));
    AuditReport report = pypiAuditor().audit(withPrivate, List.of());
    assertEquals(
        List.of("GHSA-462w-v97r-4m45", "GHSA-aaaa-bbbb-cccc", "PYSEC-2021-108"),
        report.findings().stream().map(f -> f.advisory().id()).toList());
    assertEquals(List.of("2.10.1", "2.11.3"), report.findings().get(0).advisory().fixedIn());
    assertEquals(
        Map.of(
            new Pin("our-private-lib", "1.0"), "not found on the PyPI JSON API at " + pypi.url()),
        report.notAudited());
  }

  @Test
  void aPypiJsonApiThatAnswersAnErrorFailsTheAudit() {
    pypi.failWith(500);
    CiException e = assertThrows(CiException.class, () -> pypiAuditor().audit(pins, List.of()));
    assertEquals(
        "the PyPI JSON API at " + pypi.url() + " answered HTTP 500 for idna==3.7", e.getMessage());
  }
}
