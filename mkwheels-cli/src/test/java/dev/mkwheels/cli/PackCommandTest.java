package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mkwheels.testkit.Distributions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mkwheels pack} as a user meets it, in-process through {@link Main#run}. */
class PackCommandTest {
  @TempDir static Path temp;
  static Path wheelhouse;

  @BeforeAll
  static void wheelhouse() throws Exception {
    wheelhouse = Files.createDirectories(temp.resolve("wheelhouse"));
    Distributions.wheel(wheelhouse, "alpha", "1.0");
    Distributions.wheel(wheelhouse, "zeta", "2.0");
  }

  static MainTest.Result pack(Map<String, String> env, Path out, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "pack",
                "--dir",
                wheelhouse.toString(),
                "--name",
                "demo",
                "--ver",
                "1.0",
                "--output-dir",
                out.toString()));
    args.addAll(List.of(extra));
    return MainTest.run(env, args.toArray(String[]::new));
  }

  @Test
  void printsTheTarballEpochDigestsSizeAndCountAsLines() throws Exception {
    Path out = temp.resolve("lines");
    MainTest.Result result = pack(Map.of(), out, "--epoch", "1234");
    assertEquals(0, result.code(), result.err());
    Path tarball = out.resolve("demo-wheels-1.0.tar.gz").toAbsolutePath();
    List<String> lines = result.out().lines().toList();
    assertEquals(6, lines.size(), result.out());
    assertEquals("tarball: " + tarball, lines.get(0));
    assertEquals("epoch: 1234", lines.get(1));
    assertTrue(lines.get(2).matches("md5: [0-9a-f]{32}"), lines.get(2));
    assertTrue(lines.get(3).matches("sha256: [0-9a-f]{64}"), lines.get(3));
    assertEquals("size: " + Files.size(tarball), lines.get(4));
    assertEquals("distributions: 2", lines.get(5));
    assertTrue(result.err().contains("mkwheels: packing 2 distributions"), result.err());
  }

  @Test
  void verifyInstallsThePackedWheelhouseOfflineAndSaysSo() throws Exception {
    Path out = temp.resolve("verified");
    MainTest.Result result =
        pack(dev.mkwheels.testkit.IsolatedPip.environment(), out, "--epoch", "1234", "--verify");
    assertEquals(0, result.code(), result.err());
    assertTrue(
        result.out().contains("verify: installed offline into a fresh venv of python3"),
        result.out());
    assertTrue(Files.isRegularFile(out.resolve("demo-wheels-1.0.tar.gz")));
  }

  @Test
  void verifyRemovesATarballThatDoesNotInstallAndGivesPipsReason() throws Exception {
    Path broken = Files.createDirectories(temp.resolve("broken-wheelhouse"));
    dev.mkwheels.testkit.WheelBuilder.wheel("needy", "1.0")
        .requires("missing-dependency")
        .build()
        .writeTo(broken);
    Path out = temp.resolve("unverified");
    MainTest.Result result =
        MainTest.run(
            dev.mkwheels.testkit.IsolatedPip.environment(),
            "pack",
            "--dir",
            broken.toString(),
            "--name",
            "needy",
            "--ver",
            "1.0",
            "--epoch",
            "1",
            "--output-dir",
            out.toString(),
            "--verify",
            "--quiet");
    assertEquals(1, result.code(), result.err());
    assertEquals("", result.out());
    assertEquals(1, result.err().lines().count(), result.err());
    assertTrue(result.err().contains("missing-dependency"), result.err());
    assertTrue(result.err().contains("(needy-wheels-1.0.tar.gz removed)"), result.err());
    assertFalse(Files.exists(out.resolve("needy-wheels-1.0.tar.gz")));
  }

  @Test
  void jsonIsOneObjectWithSortedKeys() throws Exception {
    MainTest.Result result =
        pack(Map.of(), temp.resolve("json"), "--epoch", "1234", "--json", "--quiet");
    assertEquals(0, result.code(), result.err());
    assertEquals("", result.err(), "--quiet");
    assertEquals(1, result.out().lines().count());
    JsonNode json = new ObjectMapper().readTree(result.out());
    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("distributions", "epoch", "md5", "sha256", "size", "tarball"), keys);
    assertEquals(1234, json.get("epoch").asLong());
    assertEquals(2, json.get("distributions").asInt());
    assertEquals(Files.size(Path.of(json.get("tarball").asText())), json.get("size").asLong());
  }

  @Test
  void theEpochComesFromSourceDateEpochUnlessGiven() {
    MainTest.Result fromEnv = pack(Map.of("SOURCE_DATE_EPOCH", "777"), temp.resolve("env"));
    assertEquals(0, fromEnv.code(), fromEnv.err());
    assertTrue(fromEnv.out().contains("epoch: 777\n"), fromEnv.out());
    MainTest.Result given =
        pack(Map.of("SOURCE_DATE_EPOCH", "777"), temp.resolve("given"), "--epoch", "5");
    assertTrue(given.out().contains("epoch: 5\n"), given.out());
  }

  @Test
  void aMissingOrMalformedEpochIsAUsageErrorNamingPackHelp() {
    for (String[] extra :
        new String[][] {{}, {"--epoch", "soon"}, {"--epoch", "-5"}, {"--epoch", "1.5"}}) {
      MainTest.Result result = pack(Map.of(), temp.resolve("bad-epoch"), extra);
      assertEquals(2, result.code(), result.err());
      assertEquals("", result.out());
      assertEquals(1, result.err().lines().count(), result.err());
      assertTrue(result.err().startsWith("mkwheels pack: "), result.err());
      assertTrue(result.err().contains("'mkwheels pack --help'"), result.err());
    }
    assertFalse(Files.exists(temp.resolve("bad-epoch")));
  }

  @Test
  void aNameThatWouldEscapeTheOutputDirectoryIsAUsageError() {
    MainTest.Result result =
        MainTest.run(
            "pack",
            "--dir",
            wheelhouse.toString(),
            "--name",
            "../../etc",
            "--ver",
            "1",
            "--epoch",
            "0",
            "--output-dir",
            temp.resolve("escape").toString());
    assertEquals(2, result.code());
    assertTrue(result.err().contains("cannot be part of a file name"), result.err());
  }

  @Test
  void aForeignFileFailsWithOneLineAndWritesNothing() throws Exception {
    Path dirty = Files.createDirectories(temp.resolve("dirty"));
    Distributions.wheel(dirty, "alpha", "1.0");
    Files.writeString(dirty.resolve("README.md"), "hello");
    Path out = temp.resolve("dirty-out");
    MainTest.Result result =
        MainTest.run(
            "pack",
            "--dir",
            dirty.toString(),
            "--name",
            "demo",
            "--ver",
            "1",
            "--epoch",
            "0",
            "--output-dir",
            out.toString(),
            "-q");
    assertEquals(1, result.code());
    assertEquals("", result.out());
    assertEquals(1, result.err().lines().count(), result.err());
    assertTrue(result.err().contains("'README.md' is neither a wheel nor an sdist"), result.err());
    if (Files.exists(out)) {
      try (Stream<Path> files = Files.list(out)) {
        assertEquals(0, files.count());
      }
    }
  }

  @Test
  void helpListsPackAndPackHelpListsItsOptions() {
    MainTest.Result help = MainTest.run("--help");
    assertTrue(help.out().contains("pack "), help.out());
    MainTest.Result packHelp = MainTest.run("pack", "--help");
    assertEquals(0, packHelp.code());
    for (String option :
        new String[] {"--dir", "--name", "--ver", "--epoch", "--output-dir", "--json"}) {
      assertTrue(packHelp.out().contains(option), packHelp.out());
    }
  }
}
