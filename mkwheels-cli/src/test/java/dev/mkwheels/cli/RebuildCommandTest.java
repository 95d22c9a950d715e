package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.testkit.Dist;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.WheelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mkwheels rebuild} as a user meets it, in-process through {@link Main#run}, against a real
 * index on loopback and tarballs made with real tar. (That a whole rebuild says {@code identical}
 * is RebuilderTest's, in mkwheels-rebuild.)
 */
class RebuildCommandTest {
  static final Instant UPLOADED = Instant.parse("2024-01-02T03:04:05Z");

  @TempDir Path temp;
  PackageIndex index;
  Dist alpha = WheelBuilder.wheel("alpha", "1.0").build();
  Dist zeta = WheelBuilder.wheel("zeta", "2.0").build();

  @BeforeEach
  void start() throws Exception {
    index = PackageIndex.start().jsonApi(false);
  }

  @AfterEach
  void stop() {
    index.close();
  }

  /** demo-wheels-1.0.tar.gz holding the files and a pylock.toml locking them on the index. */
  Path tarball(String pylock, Dist... dists) throws Exception {
    Path root = Files.createDirectories(temp.resolve("tree"));
    Path top = Files.createDirectories(root.resolve("demo-wheels-1.0"));
    for (Dist dist : dists) {
      dist.writeTo(top);
    }
    if (pylock != null) {
      Files.writeString(top.resolve("pylock.toml"), pylock);
    }
    Path tarball = temp.resolve("demo-wheels-1.0.tar.gz");
    Process tar =
        new ProcessBuilder(
                "tar", "-czf", tarball.toString(), "-C", root.toString(), "demo-wheels-1.0")
            .inheritIO()
            .start();
    assertEquals(0, tar.waitFor());
    return tarball;
  }

  String pylock(String indexUrl, Dist... dists) {
    StringBuilder toml = new StringBuilder("lock-version = \"1.0\"\ncreated-by = \"mkwheels\"\n");
    for (Dist dist : dists) {
      toml.append("\n[[packages]]\nname = \"")
          .append(dist.project())
          .append("\"\nversion = \"")
          .append(dist.version())
          .append("\"\nindex = \"")
          .append(indexUrl)
          .append("\"\n[[packages.wheels]]\nname = \"")
          .append(dist.filename())
          .append("\"\nsize = ")
          .append(dist.bytes().length)
          .append("\nhashes = {sha256 = \"")
          .append(dist.sha256())
          .append("\"}\n");
    }
    return toml.append(
            "\n[tool.mkwheels]\nname = \"demo\"\nversion = \"1.0\"\nepoch = 1700000000\n"
                + "notes = []\n")
        .toString();
  }

  @Test
  void aTamperedFileOnTheIndexExitsOneNamingTheFileAndBothHashes() throws Exception {
    Path tarball = tarball(pylock(index.simpleUrl(), alpha, zeta), alpha, zeta);
    byte[] bytes = alpha.bytes();
    bytes[10] ^= 0x01;
    Dist tampered = new Dist("alpha", "1.0", alpha.filename(), bytes);
    index.add(tampered, UPLOADED).add(zeta, UPLOADED);
    MainTest.Result result = MainTest.run("rebuild", tarball.toString());
    assertEquals(1, result.code(), result.err());
    List<String> lines = result.out().lines().toList();
    assertEquals("tarball: " + tarball.toAbsolutePath(), lines.get(0));
    assertTrue(lines.contains("result: differs"), result.out());
    String expected =
        "difference: "
            + alpha.filename()
            + " from "
            + index.simpleUrl().replace("/simple", "/files/")
            + alpha.filename()
            + " has sha256 "
            + tampered.sha256()
            + "; pylock.toml locks "
            + alpha.sha256();
    assertTrue(lines.contains(expected), result.out());
    assertEquals(
        List.of("mkwheels: warning: the rebuild differs: " + expected.substring(12)),
        result.err().lines().filter(l -> l.contains("differs")).toList(),
        result.err());
  }

  @Test
  void aFileTheIndexLacksExitsOneNamingIt() throws Exception {
    Path tarball = tarball(pylock(index.simpleUrl(), alpha, zeta), alpha, zeta);
    index.add(alpha, UPLOADED);
    MainTest.Result result = MainTest.run("rebuild", tarball.toString(), "--json");
    assertEquals(1, result.code(), result.err());
    assertTrue(
        result
            .out()
            .contains(
                "\"difference\":\""
                    + zeta.filename()
                    + " is missing: not found in "
                    + index.simpleUrl()
                    + "/zeta/\""),
        result.out());
    assertTrue(result.out().contains("\"result\":\"differs\""), result.out());
  }

  @Test
  void findLinksAreAskedBeforeTheIndexOptions() throws Exception {
    Path tarball = tarball(pylock("http://127.0.0.1:9/simple", alpha, zeta), alpha, zeta);
    Path links = Files.createDirectories(temp.resolve("links"));
    alpha.writeTo(links);
    index.add(zeta, UPLOADED);
    MainTest.Result result =
        MainTest.run(
            "rebuild",
            tarball.toString(),
            "--find-links",
            links.toString(),
            "--index-url",
            index.simpleUrl());
    // Both files come with the locked bytes; the tarball was packed by tar, not mkwheels, so
    // the comparison names where the bytes part.
    assertEquals(1, result.code(), result.err());
    assertTrue(result.out().contains("files: 2\n"), result.out());
    assertTrue(result.out().contains("difference: tarball vs rebuild: "), result.out());
    assertTrue(
        index.requests().stream().noneMatch(r -> r.startsWith("GET /files/alpha")),
        index.requests().toString());
  }

  @Test
  void aTarballWithoutPylockIsAFailureInOneLine() throws Exception {
    Path tarball = tarball(null, alpha);
    MainTest.Result result = MainTest.run("rebuild", tarball.toString());
    assertEquals(1, result.code(), result.err());
    assertEquals("", result.out());
    assertEquals(1, result.err().lines().count(), result.err());
    assertTrue(result.err().contains("holds no demo-wheels-1.0/pylock.toml"), result.err());
  }

  @Test
  void aTarballWithALinkIsRefusedAndNothingIsUnpacked() throws Exception {
    Path root = Files.createDirectories(temp.resolve("evil"));
    Path top = Files.createDirectories(root.resolve("demo-wheels-1.0"));
    Files.createSymbolicLink(top.resolve("pylock.toml"), Path.of("/etc/passwd"));
    Path tarball = temp.resolve("evil.tar.gz");
    Process tar =
        new ProcessBuilder(
                "tar", "-czf", tarball.toString(), "-C", root.toString(), "demo-wheels-1.0")
            .inheritIO()
            .start();
    assertEquals(0, tar.waitFor());
    MainTest.Result result = MainTest.run("rebuild", tarball.toString());
    assertEquals(1, result.code(), result.err());
    assertTrue(
        result
            .err()
            .contains(
                "refusing evil.tar.gz: entry 'demo-wheels-1.0/pylock.toml' is not a plain file"),
        result.err());
  }

  @Test
  void usageErrorsExitTwo() throws Exception {
    MainTest.assertUsageError(MainTest.run("rebuild"), "TARBALL");
    MainTest.assertUsageError(
        MainTest.run("rebuild", temp.resolve("nothing.tar.gz").toString()), "is not a file");
    Path tarball = tarball(pylock(index.simpleUrl(), alpha), alpha);
    MainTest.assertUsageError(
        MainTest.run(
            Map.of(), "rebuild", tarball.toString(), "--extra-index-url", index.simpleUrl()),
        "--extra-index-url needs --index-url");
  }

  @Test
  void helpListsRebuild() {
    MainTest.Result result = MainTest.run("--help");
    assertTrue(result.out().contains("Fetch a tarball's locked files again"), result.out());
  }
}
