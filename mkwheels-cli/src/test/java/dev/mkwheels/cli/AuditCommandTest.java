package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.testkit.KnownVulnerability;
import dev.mkwheels.testkit.Loopback;
import dev.mkwheels.testkit.OsvServer;
import dev.mkwheels.testkit.VulnerabilityJsonApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mkwheels audit} as a user runs it, against loopback OSV and PyPI-style servers. */
class AuditCommandTest {
  private static final KnownVulnerability JINJA =
      new KnownVulnerability(
          "jinja2", "2.10", "GHSA-462w-v97r-4m45", List.of("CVE-2019-10906"), List.of("2.10.1"));
  private static final KnownVulnerability URLLIB3 =
      new KnownVulnerability(
          "urllib3", "1.26.4", "PYSEC-2021-108", List.of("CVE-2021-33503"), List.of("1.26.5"));

  private static OsvServer osv;
  private static VulnerabilityJsonApi pypi;
  @TempDir static Path dir;
  private static Path lock;

  @BeforeAll
  static void start() throws Exception {
    osv = OsvServer.start().add(JINJA).add(URLLIB3);
    pypi = VulnerabilityJsonApi.start().add(JINJA).add(URLLIB3).release("idna", "3.7");
    lock = dir.resolve("requirements.lock");
    Files.writeString(
        lock,
        """
        idna==3.7 \\
            --hash=sha256:82fee1fc78add43492d3a1898bfa6d8a904cc97d8427f683ed8e798d07761aa0
            # via requests
        jinja2==2.10 \\
            --hash=sha256:74c935a1b8bb9a3947c50a54766a969d4846290e1e788ea44c1392163723c3bd
            # via -r requirements.txt
        urllib3==1.26.4
        """);
  }

  @AfterAll
  static void stop() {
    osv.close();
    pypi.close();
  }

  @Test
  void anAuditThatFindsOneAdvisoryAndIgnoresAnotherPrintsOneRowAndExitsOne() {
    MainTest.Result result =
        MainTest.run(
            "audit",
            "--lock",
            lock.toString(),
            "--osv-url",
            osv.url(),
            "--ignore",
            "CVE-2019-10906");
    assertEquals(1, result.code(), result.err());
    assertEquals(
        """
        package  version  advisory        fixed in
        -------  -------  --------------  --------
        urllib3  1.26.4   PYSEC-2021-108  1.26.5
        """,
        result.out());
    assertTrue(
        result
            .err()
            .endsWith(
                "mkwheels: warning: 1 known vulnerability in 1 of 3 pinned distributions (1 ignored)\n"),
        result.err());
  }

  @Test
  void anAuditWhoseEveryAdvisoryIsIgnoredPasses() {
    MainTest.Result result =
        MainTest.run(
            "audit",
            "--lock",
            lock.toString(),
            "--osv-url",
            osv.url(),
            "-q",
            "--ignore",
            "GHSA-462w-v97r-4m45",
            "--ignore",
            "PYSEC-2021-108");
    assertEquals(0, result.code(), result.err());
    assertEquals("no known vulnerabilities in 3 pinned distributions\n", result.out());
    assertEquals("", result.err());
  }

  @Test
  void jsonListsEveryFindingIgnoredOrNot() {
    MainTest.Result result =
        MainTest.run(
            "audit",
            "--lock",
            lock.toString(),
            "--osv-url",
            osv.url(),
            "--json",
            "--ignore",
            "PYSEC-2021-108");
    assertEquals(1, result.code(), result.err());
    assertTrue(
        result.out().startsWith("{\n  \"database\" : \"OSV at " + osv.url() + "\",\n"),
        result.out());
    assertTrue(
        result.out().contains("\"id\" : \"GHSA-462w-v97r-4m45\",\n      \"ignored\" : false"),
        result.out());
    assertTrue(
        result.out().contains("\"id\" : \"PYSEC-2021-108\",\n      \"ignored\" : true"),
        result.out());
  }

  @Test
  void theWheelsOfADirectoryAreAuditedInThePypiJsonApi() throws Exception {
    Path wheelhouse = Files.createDirectories(dir.resolve("wheelhouse"));
    Files.writeString(wheelhouse.resolve("Jinja2-2.10-py2.py3-none-any.whl"), "");
    Files.writeString(wheelhouse.resolve("idna-3.7.tar.gz"), "");
    MainTest.Result result =
        MainTest.run("audit", "--dir", wheelhouse.toString(), "--pypi-url", pypi.url());
    assertEquals(1, result.code(), result.err());
    assertTrue(
        result.out().contains("\njinja2   2.10     GHSA-462w-v97r-4m45  2.10.1\n"), result.out());
  }

  @Test
  void anUnreachableDatabaseIsOneLineAndExitOneNeverAClean() throws Exception {
    String url;
    try (Loopback closed = Loopback.start()) {
      url = closed.url();
    }
    MainTest.Result result =
        MainTest.run("audit", "--lock", lock.toString(), "--osv-url", url, "-q");
    assertEquals(1, result.code());
    assertEquals("", result.out());
    assertEquals(
        "mkwheels: cannot reach OSV: " + url + "/v1/querybatch: connection refused\n",
        result.err());
  }

  @Test
  void aDatabaseAnsweringAnErrorFailsTheAudit() {
    pypi.failWith(500);
    try {
      MainTest.Result result =
          MainTest.run(
              "audit", "--lock", lock.toString(), "--db", "pypi", "--pypi-url", pypi.url(), "-q");
      assertEquals(1, result.code());
      assertEquals("", result.out());
      assertEquals(
          "mkwheels: the PyPI JSON API at " + pypi.url() + " answered HTTP 500 for idna==3.7\n",
          result.err());
    } finally {
      pypi.failWith(0);
    }
  }

  @Test
  void usageErrorsNameTheProblem() {
    assertSubcommandUsageError(
        MainTest.run("audit"), "give one of --lock FILE, --dir DIR or --tarball FILE");
    assertSubcommandUsageError(
        MainTest.run("audit", "--lock", "a", "--dir", "b"),
        "give one of --lock FILE, --dir DIR or --tarball FILE");
    assertSubcommandUsageError(
        MainTest.run("audit", "--lock", "a", "--db", "osv", "--pypi-url", "http://x/pypi"),
        "--pypi-url is for --db pypi");
    assertSubcommandUsageError(MainTest.run("audit", "--lock", "a", "--db", "nvd"), "--db");
    assertSubcommandUsageError(
        MainTest.run("audit", "--lock", "a", "--osv-url", "ftp://x"),
        "--osv-url must be an http(s) URL");
  }

  @Test
  void aMissingLockIsOneLine() {
    MainTest.Result result = MainTest.run("audit", "--lock", dir.resolve("nope.lock").toString());
    assertEquals(1, result.code());
    assertEquals("mkwheels: no such lock file: " + dir.resolve("nope.lock") + "\n", result.err());
  }

  static void assertSubcommandUsageError(MainTest.Result result, String expected) {
    assertEquals(2, result.code(), result.err());
    assertEquals("", result.out());
    assertEquals(1, result.err().lines().count(), result.err());
    assertTrue(result.err().contains(expected), result.err());
    assertTrue(result.err().contains("--help"), result.err());
  }
}
