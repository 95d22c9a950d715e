package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.testkit.Distributions;
import dev.mkwheels.testkit.OsvExport;
import dev.mkwheels.testkit.TarballFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mkwheels audit --osv-db} and {@code --tarball}, in-process through {@link Main#run}: an
 * export and a tarball the test makes, no network at all.
 */
class AuditOfflineTest {
  @TempDir static Path temp;
  static Path export;
  static Path tarball;

  @BeforeAll
  static void fixtures() throws Exception {
    export =
        new OsvExport()
            .advisory(
                "PYSEC-2021-108",
                "PyPI",
                "Alpha",
                "2024-03-04T05:06:07Z",
                List.of("CVE-2021-33503"),
                "\"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"0\"},"
                    + " {\"fixed\": \"1.1\"}]}]",
                "")
            .advisory(
                "GHSA-zeta-zeta-zeta",
                "PyPI",
                "zeta",
                "2023-01-01T00:00:00Z",
                List.of(),
                "\"versions\": [\"1.0\"]",
                "")
            .write(temp.resolve("all.zip"));
    Path wheelhouse = Files.createDirectories(temp.resolve("wheelhouse"));
    Distributions.wheel(wheelhouse, "alpha", "1.0");
    Distributions.wheel(wheelhouse, "zeta", "2.0");
    MainTest.Result packed =
        MainTest.run(
            "pack",
            "--dir",
            wheelhouse.toString(),
            "--name",
            "demo",
            "--ver",
            "1.0",
            "--epoch",
            "1234",
            "--output-dir",
            temp.toString());
    assertEquals(0, packed.code(), packed.err());
    tarball = temp.resolve("demo-wheels-1.0.tar.gz");
  }

  @Test
  void aPackedTarballIsAuditedAgainstTheExportAndTheReportSaysItsDate() {
    MainTest.Result result =
        MainTest.run("audit", "--tarball", tarball.toString(), "--osv-db", export.toString());
    assertEquals(1, result.code(), result.err());
    assertEquals(
        "database: the OSV export "
            + export
            + ", as of 2024-03-04T05:06:07Z\n"
            + "package  version  advisory        fixed in\n"
            + "-------  -------  --------------  --------\n"
            + "alpha    1.0      PYSEC-2021-108  1.1\n",
        result.out());
    assertTrue(
        result.err().contains("1 known vulnerability in 1 of 2 pinned distributions"),
        result.err());
  }

  @Test
  void jsonCarriesTheDatabaseDate() {
    MainTest.Result result =
        MainTest.run(
            "audit",
            "--tarball",
            tarball.toString(),
            "--osv-db",
            export.toString(),
            "--ignore",
            "CVE-2021-33503",
            "--json");
    assertEquals(0, result.code(), result.err());
    assertTrue(result.out().contains("\"database_date\" : \"2024-03-04T05:06:07Z\""), result.out());
  }

  @Test
  void pylockPinsAreAuditedBesideRequirements() throws Exception {
    Path file = temp.resolve("with-pylock.tar.gz");
    writeTarball(
        file,
        "x-wheels-1/requirements.txt",
        "alpha==1.1 --hash=sha256:00\n",
        "x-wheels-1/pylock.toml",
        """
        lock-version = "1.0"
        created-by = "mkwheels"

        [[packages]]
        name = "zeta"
        version = "1.0"

        [[packages.wheels]]
        name = "zeta-1.0-py3-none-any.whl"
        """);
    MainTest.Result result =
        MainTest.run("audit", "--tarball", file.toString(), "--osv-db", export.toString());
    assertEquals(1, result.code(), result.err());
    assertTrue(result.out().contains("zeta     1.0      GHSA-zeta-zeta-zeta  -"), result.out());
    assertTrue(result.err().contains("in 1 of 2 pinned distributions"), result.err());
  }

  @Test
  void aTarballWithoutRequirementsOrWithAnUnsafeNameIsOneLine() throws Exception {
    Path none = temp.resolve("none.tar.gz");
    writeTarball(none, "x-wheels-1/README", "hi\n");
    MainTest.Result result =
        MainTest.run("audit", "-q", "--tarball", none.toString(), "--osv-db", export.toString());
    assertEquals(1, result.code(), result.err());
    assertEquals(
        "mkwheels: "
            + none
            + " holds no <name>-wheels-<version>/requirements.txt: not an mkwheels tarball\n",
        result.err());
    Path evil = temp.resolve("evil.tar.gz");
    writeTarball(evil, "../requirements.txt", "alpha==1.0\n");
    result =
        MainTest.run("audit", "-q", "--tarball", evil.toString(), "--osv-db", export.toString());
    assertEquals(1, result.code(), result.err());
    assertTrue(result.err().contains("unsafe member name"), result.err());
    Path notGzip = Files.writeString(temp.resolve("plain.tar.gz"), "plain text");
    result =
        MainTest.run("audit", "-q", "--tarball", notGzip.toString(), "--osv-db", export.toString());
    assertEquals(1, result.code(), result.err());
    assertEquals(1, result.err().lines().count(), result.err());
  }

  @Test
  void osvDbTakesNoUrlAndOneSourceIsNeeded() {
    MainTest.Result result =
        MainTest.run(
            "audit",
            "--tarball",
            tarball.toString(),
            "--osv-db",
            export.toString(),
            "--osv-url",
            "http://127.0.0.1:1");
    assertEquals(2, result.code(), result.err());
    assertTrue(result.err().contains("--osv-db reads OSV's offline export"), result.err());
    result =
        MainTest.run(
            "audit",
            "--tarball",
            tarball.toString(),
            "--dir",
            temp.toString(),
            "--osv-db",
            export.toString());
    assertEquals(2, result.code(), result.err());
    assertTrue(result.err().contains("--tarball FILE"), result.err());
  }

  @Test
  void aMalformedExportFailsTheAuditWithOneLine() throws Exception {
    Path broken =
        new OsvExport().json("PyPI/BAD.json", "{\"id\": ").write(temp.resolve("broken.zip"));
    MainTest.Result result =
        MainTest.run("audit", "-q", "--tarball", tarball.toString(), "--osv-db", broken.toString());
    assertEquals(1, result.code(), result.err());
    assertEquals(1, result.err().lines().count(), result.err());
    assertTrue(result.err().contains("entry 'PyPI/BAD.json' is not valid JSON"), result.err());
  }

  private static void writeTarball(Path file, String... namesAndTexts) throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 0; i < namesAndTexts.length; i += 2) {
      files.put(namesAndTexts[i], namesAndTexts[i + 1]);
    }
    TarballFiles.write(file, files);
  }
}
