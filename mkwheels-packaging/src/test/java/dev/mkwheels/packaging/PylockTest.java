package dev.mkwheels.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.testkit.Distributions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pylock.toml in the artifact, as Python's tomllib and Jackson's TOML parser read it. */
class PylockTest {
  static final long EPOCH = 1_700_000_000L;
  static final String TOP = "fixture-wheels-1.0";
  static final Instant UPLOADED = Instant.parse("2021-05-05T14:18:17.771234Z");

  // Prints the lock as JSON; TOML date-times become {"datetime": isoformat} so their type shows.
  static final String TOMLLIB_TO_JSON =
      String.join(
          "\n",
          "import datetime, json, sys, tomllib",
          "def conv(o):",
          "    if isinstance(o, datetime.datetime):",
          "        assert o.tzinfo is not None, 'upload-time has no offset'",
          "        return {'datetime': o.astimezone(datetime.timezone.utc).isoformat()}",
          "    raise TypeError(type(o))",
          "with open(sys.argv[1], 'rb') as f:",
          "    print(json.dumps(tomllib.load(f), default=conv, sort_keys=True))");

  @TempDir static Path temp;
  static Path wheelhouse;
  static Path lock;

  @BeforeAll
  static void pack() throws Exception {
    wheelhouse = Wheelhouses.create(temp.resolve("wheelhouse"));
    PackResult result = new Packager().pack(request(wheelhouse, temp.resolve("out"), origins()));
    Path into = Files.createDirectories(temp.resolve("x"));
    Command.run(into, List.of("tar", "-xzf", result.tarball().toString())).succeeded();
    lock = into.resolve(TOP).resolve("pylock.toml");
  }

  static Map<String, FileOrigin> origins() {
    // alpha: index with credentials and an upload time; the rest unknown.
    return Map.of(
        "alpha-1.0-py3-none-any.whl",
        new FileOrigin("https://user:s3cret@pypi.example/simple/", UPLOADED));
  }

  static PackRequest request(Path wheelhouse, Path out, Map<String, FileOrigin> origins) {
    return new PackRequest(
        wheelhouse,
        "Fixture",
        "1.0",
        EPOCH,
        out,
        List.of("built from abc123", "quote \" and backslash \\ kept"),
        origins);
  }

  @Test
  void tomllibReadsEveryPackageAndFileWithItsSizeHashAndPath() throws Exception {
    JsonNode parsed = tomllib(lock);
    assertEquals("1.0", parsed.get("lock-version").asText());
    assertEquals("mkwheels", parsed.get("created-by").asText());
    Map<String, List<String>> byProject = new TreeMap<>();
    for (String file : inputNames()) {
      DistributionFile d = DistributionFile.parse(file).orElseThrow();
      byProject.computeIfAbsent(d.project(), p -> new ArrayList<>()).add(file);
    }
    JsonNode packages = parsed.get("packages");
    List<String> names = new ArrayList<>();
    packages.forEach(p -> names.add(p.get("name").asText()));
    assertEquals(List.copyOf(byProject.keySet()), names, "one package per project, sorted");
    int files = 0;
    for (JsonNode pkg : packages) {
      List<String> expected = byProject.get(pkg.get("name").asText());
      String version = DistributionFile.parse(expected.get(0)).orElseThrow().version();
      assertEquals(version, pkg.get("version").asText());
      List<String> wheels = new ArrayList<>();
      if (pkg.has("wheels")) {
        for (JsonNode wheel : pkg.get("wheels")) {
          wheels.add(wheel.get("name").asText());
          checkFile(wheel);
          files++;
        }
      }
      List<String> sorted = new ArrayList<>(wheels);
      sorted.sort(null);
      assertEquals(sorted, wheels, "wheels sorted by name");
      if (pkg.has("sdist")) {
        checkFile(pkg.get("sdist"));
        files++;
        assertTrue(pkg.get("sdist").get("name").asText().endsWith(".tar.gz"));
      }
    }
    assertEquals(inputNames().size(), files, "every file is locked");

    JsonNode alpha = packages.get(1);
    assertEquals("alpha", alpha.get("name").asText());
    assertEquals("https://pypi.example/simple/", alpha.get("index").asText(), "no credentials");
    assertEquals(
        "2021-05-05T14:18:17.771234+00:00",
        alpha.get("wheels").get(0).get("upload-time").get("datetime").asText(),
        "a TOML date-time, not a string");
    assertFalse(packages.get(2).has("index"), "unknown index: key left out");
    assertFalse(Files.readString(lock).contains("s3cret"));

    JsonNode tool = parsed.get("tool").get("mkwheels");
    assertEquals("fixture", tool.get("name").asText());
    assertEquals("1.0", tool.get("version").asText());
    assertEquals(EPOCH, tool.get("epoch").asLong());
    assertEquals(PackFormat.VERSION, tool.get("format").asInt());
    assertEquals(
        List.of("built from abc123", "quote \" and backslash \\ kept"),
        List.of(tool.get("notes").get(0).asText(), tool.get("notes").get(1).asText()));
    assertEquals(2, tool.get("notes").size());
  }

  private static void checkFile(JsonNode file) throws Exception {
    String name = file.get("name").asText();
    byte[] bytes = Files.readAllBytes(wheelhouse.resolve(name));
    assertEquals("./" + name, file.get("path").asText());
    assertTrue(Files.isRegularFile(lock.resolveSibling(file.get("path").asText())));
    assertEquals(bytes.length, file.get("size").asLong(), name);
    assertEquals(PackagerTest.hex("SHA-256", bytes), file.get("hashes").get("sha256").asText());
    assertEquals(1, file.get("hashes").size());
  }

  @Test
  void jacksonTomlReadsTheSameDocumentAsTomllib() throws Exception {
    JsonNode jackson = new TomlMapper().readTree(lock.toFile());
    JsonNode python = tomllib(lock);
    // Jackson reads a date-time as text; tomllib's is tagged: compare with the tag unwrapped.
    JsonNode upload = python.get("packages").get(1).get("wheels").get(0);
    ((com.fasterxml.jackson.databind.node.ObjectNode) upload)
        .put("upload-time", "2021-05-05T14:18:17.771234Z");
    assertEquals(
        python, new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(jackson)));
  }

  @Test
  void theLockIsTheSameBytesWhateverOrderTheOriginsCameIn() throws Exception {
    Map<String, FileOrigin> origins = new LinkedHashMap<>();
    origins.put("zeta-3.0.post1-py3-none-any.whl", FileOrigin.UNKNOWN);
    origins.putAll(origins());
    PackResult again = new Packager().pack(request(wheelhouse, temp.resolve("again"), origins));
    Path into = Files.createDirectories(temp.resolve("again-x"));
    Command.run(into, List.of("tar", "-xzf", again.tarball().toString())).succeeded();
    assertArrayEquals(
        Files.readAllBytes(lock), Files.readAllBytes(into.resolve(TOP + "/pylock.toml")));
  }

  @Test
  void theLayoutIsFixed() {
    DistributionFile wheel =
        DistributionFile.parse("six-1.16.0-py2.py3-none-any.whl").orElseThrow();
    DistributionFile sdist = DistributionFile.parse("six-1.16.0.tar.gz").orElseThrow();
    byte[] text =
        PylockFile.render(
            "six",
            "1.16.0",
            0,
            List.of(),
            List.of(
                new PylockFile.Locked(sdist, 3, "bb", new FileOrigin("https://i/simple/", null)),
                new PylockFile.Locked(
                    wheel, 2, "aa", new FileOrigin("https://i/simple/", Instant.EPOCH))));
    assertEquals(
        String.join(
            "\n",
            "lock-version = \"1.0\"",
            "created-by = \"mkwheels\"",
            "",
            "[[packages]]",
            "name = \"six\"",
            "version = \"1.16.0\"",
            "index = \"https://i/simple/\"",
            "",
            "[[packages.wheels]]",
            "name = \"six-1.16.0-py2.py3-none-any.whl\"",
            "upload-time = 1970-01-01T00:00:00.000000Z",
            "path = \"./six-1.16.0-py2.py3-none-any.whl\"",
            "size = 2",
            "hashes = {sha256 = \"aa\"}",
            "",
            "[packages.sdist]",
            "name = \"six-1.16.0.tar.gz\"",
            "path = \"./six-1.16.0.tar.gz\"",
            "size = 3",
            "hashes = {sha256 = \"bb\"}",
            "",
            "[tool.mkwheels]",
            "name = \"six\"",
            "version = \"1.16.0\"",
            "epoch = 0",
            "format = " + PackFormat.VERSION,
            "notes = []",
            ""),
        new String(text, StandardCharsets.UTF_8));
  }

  @Test
  void aGitDependencysArchiveIsAnArchiveByPathWithItsCommitInMkwheelsTable() throws Exception {
    DistributionFile zip = DistributionFile.parse("gdep-0.5.zip").orElseThrow();
    String commit = "0123456789abcdef0123456789abcdef01234567";
    byte[] text =
        PylockFile.render(
            "app",
            "1.0",
            0,
            List.of(),
            List.of(
                new PylockFile.Locked(
                    zip, 7, "cc", FileOrigin.git("https://u:tok@git.example/gdep.git", commit))));
    assertEquals(
        String.join(
            "\n",
            "lock-version = \"1.0\"",
            "created-by = \"mkwheels\"",
            "",
            "[[packages]]",
            "name = \"gdep\"",
            "version = \"0.5\"",
            "",
            "[packages.archive]",
            "path = \"./gdep-0.5.zip\"",
            "size = 7",
            "hashes = {sha256 = \"cc\"}",
            "",
            "[packages.tool.mkwheels.vcs]",
            "type = \"git\"",
            "url = \"https://git.example/gdep.git\"",
            "commit-id = \"" + commit + "\"",
            "",
            "[tool.mkwheels]",
            "name = \"app\"",
            "version = \"1.0\"",
            "epoch = 0",
            "format = " + PackFormat.VERSION,
            "notes = []",
            ""),
        new String(text, StandardCharsets.UTF_8));
    JsonNode parsed = tomllib(Files.write(temp.resolve("git.toml"), text));
    JsonNode pkg = parsed.get("packages").get(0);
    assertEquals("./gdep-0.5.zip", pkg.get("archive").get("path").asText());
    assertFalse(pkg.has("sdist"), "exactly one of vcs, directory, archive, sdist, wheels");
    assertFalse(pkg.has("vcs"), "exactly one of vcs, directory, archive, sdist, wheels");
    assertEquals(commit, pkg.get("tool").get("mkwheels").get("vcs").get("commit-id").asText());
  }

  @Test
  void controlCharactersInANoteAreEscapedSoTheTomlStaysValid() throws Exception {
    byte[] text = PylockFile.render("x", "1", 0, List.of("tab\there\u0001 \u007f end"), List.of());
    Path file = Files.write(temp.resolve("escaped.toml"), text);
    assertEquals(
        "tab\there\u0001 \u007f end",
        tomllib(file).get("tool").get("mkwheels").get("notes").get(0).asText());
  }

  @Test
  void credentialsAreDroppedFromTheIndexUrl() {
    assertEquals("https://h/simple/", FileOrigin.redact("https://u:p@h/simple/"));
    assertEquals("https://h/simple/", FileOrigin.redact("https://token@h/simple/"));
    assertEquals("https://h/s?a=b@c", FileOrigin.redact("https://h/s?a=b@c"));
    assertEquals("https://h:8080/s/", FileOrigin.redact("https://u:p@x@h:8080/s/"));
  }

  @Test
  void twoSdistsOfOneProjectAreRefusedBeforeAnythingIsWritten() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("two-sdists"));
    Distributions.sdist(dir, "omega", "1.0");
    Files.write(dir.resolve("omega-1.0.zip"), GoldenInputs.zip(List.of()));
    Path out = temp.resolve("two-sdists-out");
    MkwheelsException e =
        assertThrows(
            MkwheelsException.class, () -> new Packager().pack(request(dir, out, Map.of())));
    assertTrue(e.getMessage().contains("two sdists of omega"), e.getMessage());
    assertFalse(Files.exists(out), "nothing written");
  }

  static List<String> inputNames() throws Exception {
    try (Stream<Path> files = Files.list(wheelhouse)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static JsonNode tomllib(Path file) throws Exception {
    Command parsed =
        Command.run(temp, List.of("python3", "-c", TOMLLIB_TO_JSON, file.toString())).succeeded();
    return new ObjectMapper().readTree(parsed.out());
  }
}
