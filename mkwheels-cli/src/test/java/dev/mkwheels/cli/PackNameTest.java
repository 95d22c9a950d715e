package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.testkit.Distributions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pack --name} in any spelling: one artifact name, and the summary says it normalized. */
class PackNameTest {
  @TempDir static Path temp;
  static Path wheelhouse;

  @BeforeAll
  static void wheelhouse() throws Exception {
    wheelhouse = Files.createDirectories(temp.resolve("wheelhouse"));
    Distributions.wheel(wheelhouse, "deprecated", "1.2.18");
  }

  static MainTest.Result pack(String name, String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "pack",
                "--dir",
                wheelhouse.toString(),
                "--name",
                name,
                "--ver",
                "1.0",
                "--epoch",
                "1700000000",
                "--output-dir",
                temp.resolve("out-" + name).toString()));
    args.addAll(List.of(extra));
    return MainTest.run(args.toArray(String[]::new));
  }

  @Test
  void aNameThatIsNotNormalizedIsNormalizedAndTheSummarySaysSo() {
    MainTest.Result plain = pack("deprecated");
    assertEquals(0, plain.code(), plain.err());
    assertFalse(plain.out().contains("name-normalized"), plain.out());
    for (String spelling : List.of("Deprecated", "DEPRECATED")) {
      MainTest.Result result = pack(spelling);
      assertEquals(0, result.code(), result.err());
      Path tarball = temp.resolve("out-" + spelling).resolve("deprecated-wheels-1.0.tar.gz");
      assertTrue(
          result.out().contains("tarball: " + tarball.toAbsolutePath() + "\n"), result.out());
      assertTrue(
          result
              .out()
              .contains(
                  "name-normalized: '"
                      + spelling
                      + "' is 'deprecated' (PEP 503), in the file name and the tarball\n"),
          result.out());
      assertEquals(sha256(plain), sha256(result), spelling);
    }
  }

  @Test
  void theJsonSummarySaysSoToo() {
    MainTest.Result result = pack("Zope.Interface", "--json");
    assertEquals(0, result.code(), result.err());
    assertTrue(
        result
            .out()
            .contains(
                "\"name-normalized\":\"'Zope.Interface' is 'zope-interface' (PEP 503), in the file name and the"
                    + " tarball\""),
        result.out());
  }

  private static String sha256(MainTest.Result result) {
    return result.out().lines().filter(l -> l.startsWith("sha256: ")).findFirst().orElseThrow();
  }
}
