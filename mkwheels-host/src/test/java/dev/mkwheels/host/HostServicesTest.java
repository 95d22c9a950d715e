package dev.mkwheels.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import dev.mkwheels.api.Console;
import dev.mkwheels.api.Credential;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.SourceArchive;
import dev.mkwheels.api.SourceException;
import dev.mkwheels.api.UnpackedSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.X5455_ExtendedTimestamp;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link HostServices} against real servers on 127.0.0.1 (two ports, two origins) and archives
 * written by the real {@code tar}, {@code gzip}, {@code bzip2}, {@code xz} and {@code zip}.
 */
class HostServicesTest {
  static final String TOP = "demo-1.0";

  @TempDir Path temp;
  Path work;
  Served server;
  Served other;
  final List<String> lines = new ArrayList<>();
  final Console console =
      new Console() {
        @Override
        public void progress(String message) {
          lines.add("progress: " + message);
        }

        @Override
        public void warn(String message) {
          lines.add("warn: " + message);
        }

        @Override
        public void debug(String message) {
          lines.add("debug: " + message);
        }
      };

  @BeforeEach
  void start() throws IOException {
    work = Files.createDirectories(temp.resolve("work"));
    server = new Served();
    other = new Served();
  }

  @AfterEach
  void stop() {
    server.close();
    other.close();
  }

  /** A project tree with an executable file and a link inside it, in {@code temp/src/TOP}. */
  Path project() throws IOException {
    Path root = Files.createDirectories(temp.resolve("src").resolve(TOP));
    Files.writeString(
        root.resolve("pyproject.toml"),
        "[build-system]\nrequires = [\"setuptools\", \"setuptools-scm\"]\n\n"
            + "[project]\nname = \"demo\"\ndynamic = [\"version\"]\n");
    Files.createDirectories(root.resolve("src/demo"));
    Files.writeString(root.resolve("src/demo/__init__.py"), "x = 1\n");
    Files.writeString(root.resolve("run.sh"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(
        root.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createSymbolicLink(root.resolve("src/demo/link.py"), Path.of("__init__.py"));
    return root;
  }

  /** Runs a real archiver in {@code temp/src}; returns the archive's bytes. */
  byte[] archive(String name, String... command) throws Exception {
    project();
    Path out = temp.resolve(name);
    List<String> args = new ArrayList<>(List.of(command));
    args.replaceAll(a -> a.replace("OUT", out.toString()));
    Process process =
        new ProcessBuilder(args)
            .directory(temp.resolve("src").toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), output);
    return Files.readAllBytes(out);
  }

  UnpackedSource unpack(URI url, Map<String, String> env, Credential... credentials)
      throws SourceException {
    return unpack(new HostServices(), url, env, credentials);
  }

  UnpackedSource unpack(
      HostServices host, URI url, Map<String, String> env, Credential... credentials)
      throws SourceException {
    SourceArchive.Builder archive = SourceArchive.builder(url, "the archive of demo 1.0", "1.0");
    for (Credential c : credentials) {
      archive.credential(c);
    }
    return host.unpack(archive.build(), new PlainHttp(), work, env, console);
  }

  /** Every path under {@code tree} with its kind, mode and content, sorted. */
  static List<String> describe(Path tree) throws IOException {
    try (Stream<Path> all = Files.walk(tree)) {
      List<String> out = new ArrayList<>();
      for (Path p : all.sorted().toList()) {
        String rel = tree.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          out.add(rel + " -> " + Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p)) {
          out.add(rel + "/");
        } else {
          out.add(
              rel
                  + " "
                  + PosixFilePermissions.toString(
                      Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS))
                  + " "
                  + Files.readString(p));
        }
      }
      return out;
    }
  }

  SourceException refused(URI url) {
    SourceException e = assertThrows(SourceException.class, () -> unpack(url, Map.of()));
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    return e;
  }

  void assertNothingLeft() throws IOException {
    try (Stream<Path> left = Files.list(work)) {
      assertEquals(List.of(), left.toList(), "nothing half-unpacked stays behind");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tar.gz", "tar.bz2", "tar.xz", "zip"})
  void eachFormatUnpacksToTheSameTree(String format) throws Exception {
    byte[] bytes =
        switch (format) {
          case "tar.gz" -> archive("a", "tar", "--sort=name", "-czf", "OUT", TOP);
          case "tar.bz2" -> archive("a", "tar", "--sort=name", "-cjf", "OUT", TOP);
          case "tar.xz" -> archive("a", "tar", "--sort=name", "-cJf", "OUT", TOP);
          default -> archive("a.zip", "zip", "-q", "-r", "-y", "OUT", TOP);
        };
    // The URL says nothing of the format: the bytes do.
    UnpackedSource source = unpack(server.serve("/download", bytes), Map.of());

    assertEquals(TOP, source.directory().getFileName().toString());
    assertTrue(source.directory().startsWith(work), source.directory().toString());
    assertEquals(
        List.of(
            "/",
            "pyproject.toml rw-r--r-- "
                + Files.readString(temp.resolve("src").resolve(TOP).resolve("pyproject.toml")),
            "run.sh rwxr-xr-x #!/bin/sh\n",
            "src/",
            "src/demo/",
            "src/demo/__init__.py rw-r--r-- x = 1\n",
            "src/demo/link.py -> __init__.py"),
        describe(source.directory()).stream()
            .map(s -> s.startsWith(" ") ? s.substring(1) : s)
            .toList());
    assertEquals(
        new TreeMap<>(
            Map.of(
                "POETRY_DYNAMIC_VERSIONING_OVERRIDE",
                "demo=1.0",
                "SETUPTOOLS_SCM_PRETEND_VERSION_FOR_DEMO",
                "1.0")),
        source.buildEnvironment());
    assertEquals(
        List.of(
            "source " + server.origin() + "/download",
            "version 1.0 told to version plugins through POETRY_DYNAMIC_VERSIONING_OVERRIDE,"
                + " SETUPTOOLS_SCM_PRETEND_VERSION_FOR_DEMO (a tag archive has no .git)"),
        source.notes());
    assertEquals(
        List.of(
            "progress: downloading " + server.origin() + "/download",
            "progress: unpacking the archive of demo 1.0"),
        lines);
  }

  @Test
  void aZipWithNoTopLevelDirectoryIsUnpackedUnderOne() throws Exception {
    byte[] zip =
        new Zip()
            .file("pyproject.toml", "[project]\nname = \"demo\"\n")
            .file("demo.py", "")
            .bytes();
    UnpackedSource source = unpack(server.serve("/a.zip", zip), Map.of());
    assertEquals(SafeUnpacker.NO_TOP, source.directory().getFileName().toString());
    assertTrue(Files.isRegularFile(source.directory().resolve("demo.py")));
  }

  @Test
  void aZipEntryWithAnEscapingNameIsRefused() throws Exception {
    byte[] zip =
        new Zip().file(TOP + "/setup.py", "").file(TOP + "/../../escaped.txt", "gotcha").bytes();
    SourceException e = refused(server.serve("/a.zip", zip));
    assertEquals(
        "refusing the archive of demo 1.0: entry 'demo-1.0/../../escaped.txt' leaves the source"
            + " directory",
        e.getMessage());
    assertFalse(Files.exists(temp.resolve("escaped.txt")));
    assertNothingLeft();
  }

  @Test
  void aZipEntryWithAnAbsoluteNameIsRefused() throws Exception {
    byte[] zip = new Zip().file("/tmp/escaped.txt", "gotcha").bytes();
    SourceException e = refused(server.serve("/a.zip", zip));
    assertTrue(
        e.getMessage().contains("'/tmp/escaped.txt' leaves the source directory"), e.getMessage());
    assertNothingLeft();
  }

  @Test
  void aZipSymlinkOutOfTheTreeIsRefused() throws Exception {
    byte[] zip =
        new Zip().file(TOP + "/setup.py", "").symlink(TOP + "/passwd", "../../etc/passwd").bytes();
    SourceException e = refused(server.serve("/a.zip", zip));
    assertEquals(
        "refusing the archive of demo 1.0: entry 'demo-1.0/passwd' is a symbolic link to"
            + " '../../etc/passwd', outside the source directory",
        e.getMessage());
    assertNothingLeft();
  }

  @Test
  void aZipWithTooManyEntriesIsRefused() throws Exception {
    Zip zip = new Zip();
    for (int i = 0; i < 5; i++) {
      zip.file(TOP + "/f" + i, "");
    }
    HostServices host = new HostServices(new SafeUnpacker.Limits(3, 100, 1000), 1 << 20);
    SourceException e =
        assertThrows(
            SourceException.class,
            () -> unpack(host, server.serve("/a.zip", zip.bytes()), Map.of()));
    assertEquals("refusing the archive of demo 1.0: holds more than 3 entries", e.getMessage());
    assertNothingLeft();
  }

  @Test
  void aZipEntryOverTheSizeLimitIsRefused() throws Exception {
    byte[] zip = new Zip().file(TOP + "/big", "x".repeat(101)).bytes();
    HostServices host = new HostServices(new SafeUnpacker.Limits(10, 100, 1000), 1 << 20);
    SourceException e =
        assertThrows(
            SourceException.class, () -> unpack(host, server.serve("/a.zip", zip), Map.of()));
    assertTrue(
        e.getMessage().contains("entry 'demo-1.0/big' is 101 bytes, over the"), e.getMessage());
    assertNothingLeft();
  }

  @Test
  void aZipEntryHoldingMoreThanItsStatedSizeIsRefused() throws Exception {
    byte[] zip = new Zip().file(TOP + "/setup.py", "x".repeat(100)).bytes();
    // The central directory, which the reader trusts, says 5 bytes; the data inflates to 100.
    int central = indexOf(zip, new byte[] {'P', 'K', 1, 2});
    zip[central + 24] = 5;
    zip[central + 25] = 0;
    SourceException e = refused(server.serve("/a.zip", zip));
    assertEquals(
        "refusing the archive of demo 1.0: entry 'demo-1.0/setup.py' holds more data than its"
            + " stated 5 bytes",
        e.getMessage());
    assertNothingLeft();
  }

  @Test
  void aZipEntryFailingItsCrcIsRefused() throws Exception {
    byte[] zip = new Zip().file(TOP + "/setup.py", "x".repeat(100)).bytes();
    int central = indexOf(zip, new byte[] {'P', 'K', 1, 2});
    zip[central + 16] ^= 0x01;
    SourceException e = refused(server.serve("/a.zip", zip));
    assertEquals(
        "refusing the archive of demo 1.0: entry 'demo-1.0/setup.py' does not match its CRC-32",
        e.getMessage());
    assertNothingLeft();
  }

  @Test
  void aZipsBareDosTimeGivesTheSameTreeInEveryTimeZone() throws Exception {
    ZipArchiveEntry entry = new ZipArchiveEntry(TOP + "/setup.py");
    entry.setUnixMode(0100644);
    Zip zip = new Zip();
    byte[] bytes = zip.put(entry, "").bytes();
    assertNull(
        new Zip.Reader(bytes).first().getExtraField(X5455_ExtendedTimestamp.HEADER_ID),
        "a bare DOS time");
    TimeZone zone = TimeZone.getDefault();
    List<FileTime> times = new ArrayList<>();
    try {
      for (String id : List.of("UTC", "Asia/Tokyo", "America/Los_Angeles")) {
        TimeZone.setDefault(TimeZone.getTimeZone(id));
        UnpackedSource source = unpack(server.serve("/" + id + ".zip", bytes), Map.of());
        times.add(Files.getLastModifiedTime(source.directory().resolve("setup.py")));
      }
    } finally {
      TimeZone.setDefault(zone);
    }
    assertEquals(1, times.stream().distinct().count(), times.toString());
  }

  static int indexOf(byte[] data, byte[] pattern) {
    outer:
    for (int i = 0; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  @Test
  void aZipWithTwoTopLevelDirectoriesGoesUnderOneOfItsOwn() throws Exception {
    byte[] zip = new Zip().file("a/setup.py", "").file("b/x", "").bytes();
    SourceException e = refused(server.serve("/a.zip", zip));
    // Unpacked under "source", whose root then holds neither project file.
    assertEquals(
        "the archive of demo 1.0 has neither pyproject.toml nor setup.py at its root, so pip"
            + " cannot build it",
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"tar.bz2", "tar.xz"})
  void bytesAfterTheCompressedStreamAreRefused(String format) throws Exception {
    byte[] bytes =
        format.equals("tar.bz2")
            ? archive("a", "tar", "-cjf", "OUT", TOP)
            : archive("a", "tar", "-cJf", "OUT", TOP);
    ByteArrayOutputStream appended = new ByteArrayOutputStream();
    appended.write(bytes);
    appended.write("hidden".getBytes(StandardCharsets.UTF_8));
    SourceException e = refused(server.serve("/a", appended.toByteArray()));
    String compression = format.equals("tar.bz2") ? "bzip2" : "xz";
    assertTrue(e.getMessage().contains("the archive of demo 1.0"), e.getMessage());
    assertTrue(
        e.getMessage().contains("after the end of its " + compression + " stream")
            || e.getMessage().contains("is not a valid " + compression + " file"),
        e.getMessage());
    assertNothingLeft();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tar.bz2", "tar.xz"})
  void aCorruptCompressedStreamIsOneLine(String format) throws Exception {
    // Fixed bytes (no clock, no owner), a byte flipped at a few places; SafeUnpackerTest flips
    // every byte of such an archive in turn.
    byte[] clean =
        archive(
            "a",
            "tar",
            "--sort=name",
            "--mtime=@0",
            "--owner=0",
            "--group=0",
            "--numeric-owner",
            format.equals("tar.bz2") ? "-cjf" : "-cJf",
            "OUT",
            TOP);
    for (int step = 1; step < 8; step++) {
      byte[] bytes = clean.clone();
      int at = bytes.length * step / 8;
      bytes[at] ^= 0x55;
      SourceException e = refused(server.serve("/a" + step, bytes));
      assertTrue(
          e.getMessage().startsWith("the archive of demo 1.0 is"),
          "byte " + at + ": " + e.getMessage());
      assertNothingLeft();
    }
  }

  @Test
  void anArchiveWithoutProjectFilesIsRefused() throws Exception {
    byte[] zip = new Zip().file(TOP + "/README", "").bytes();
    SourceException e = refused(server.serve("/a.zip", zip));
    assertEquals(
        "the archive of demo 1.0 has neither pyproject.toml nor setup.py at its root, so pip"
            + " cannot build it",
        e.getMessage());
    assertNothingLeft();
  }

  @Test
  void bytesOfNoKnownFormatAreOneLine() throws Exception {
    SourceException e = refused(server.serve("/a", "<html>sign in</html>".getBytes()));
    assertEquals(
        "the archive of demo 1.0 is not a .tar.gz, .tar.bz2, .tar.xz or .zip archive",
        e.getMessage());
    assertNothingLeft();
  }

  @Test
  void aMissingArchiveIsOneLine() throws Exception {
    URI url = server.answer("/gone.tar.gz", 404, Map.of(), new byte[0]);
    assertEquals(
        "the archive of demo 1.0 was not found: HTTP 404 from " + url, refused(url).getMessage());
    assertNothingLeft();
  }

  @Test
  void anUnauthorizedAnswerNamesTheVariableToSet() {
    URI url = server.answer("/private.tar.gz", 401, Map.of(), new byte[0]);
    Credential token =
        new Credential("FORGE_TOKEN", "Authorization", "token ", URI.create(server.origin()));
    SourceException unset = assertThrows(SourceException.class, () -> unpack(url, Map.of(), token));
    assertEquals(
        "the archive of demo 1.0 was refused: HTTP 401 from "
            + url
            + "; set FORGE_TOKEN to a token that may read it",
        unset.getMessage());
    SourceException sent =
        assertThrows(
            SourceException.class, () -> unpack(url, Map.of("FORGE_TOKEN", "secret"), token));
    assertEquals(
        "the archive of demo 1.0 was refused: HTTP 401 from "
            + url
            + "; FORGE_TOKEN was sent: check the token or unset it",
        sent.getMessage());
    assertFalse(sent.getMessage().contains("secret"));
  }

  @Test
  void aRateLimitIsSaidAsSuch() {
    URI url = server.answer("/busy.tar.gz", 429, Map.of("Retry-After", "7"), new byte[0]);
    assertEquals(
        "the archive of demo 1.0 was refused: the rate limit of "
            + server.origin()
            + " is used up (HTTP 429); retry in 7 seconds",
        refused(url).getMessage());
    URI github =
        server.answer(
            "/limited.tar.gz",
            403,
            Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "1700000000"),
            new byte[0]);
    assertEquals(
        "the archive of demo 1.0 was refused: the rate limit of "
            + server.origin()
            + " is used up (HTTP 403); it resets at 2023-11-14T22:13:20Z",
        refused(github).getMessage());
  }

  @Test
  void anyOtherStatusIsOneLine() {
    URI url = server.answer("/broken.tar.gz", 500, Map.of(), "trace...".getBytes());
    assertEquals(
        "the archive of demo 1.0 was refused: HTTP 500 from " + url, refused(url).getMessage());
  }

  @Test
  void aCredentialGoesToItsOwnOriginOnly() throws Exception {
    byte[] zip = new Zip().file(TOP + "/setup.py", "").bytes();
    URI here = server.serve("/a.zip", zip);
    Map<String, String> env = Map.of("HERE_TOKEN", "secret-here", "THERE_TOKEN", "secret-there");
    Credential forHere =
        new Credential("HERE_TOKEN", "PRIVATE-TOKEN", "", URI.create(server.origin() + "/api"));
    Credential forThere =
        new Credential("THERE_TOKEN", "Authorization", "token ", URI.create(other.origin()));

    unpack(here, env, forThere, forHere);

    Headers seen = server.requests.get(0);
    assertEquals("secret-here", seen.getFirst("PRIVATE-TOKEN"));
    assertNull(seen.getFirst("Authorization"));
    assertTrue(other.requests.isEmpty());
  }

  @Test
  void theCredentialedFetcherAddsTheFirstSetCredentialForTheOriginAndNothingElsewhere()
      throws Exception {
    server.serve("/api", new byte[] {'{', '}'});
    other.serve("/api", new byte[] {'{', '}'});
    HttpFetcher http =
        new HostServices()
            .credentialed(
                new PlainHttp(),
                List.of(
                    new Credential("UNSET", "X-Unset", "", URI.create(server.origin())),
                    new Credential("BLANK", "X-Blank", "", URI.create(server.origin())),
                    new Credential("SET", "Authorization", "Bearer ", URI.create(server.origin())),
                    new Credential("LATER", "X-Later", "", URI.create(server.origin()))),
                Map.of("BLANK", "  ", "SET", " t0k3n ", "LATER", "later"));

    http.get(URI.create(server.origin() + "/api"), Map.of("Accept", "application/json"));
    http.get(URI.create(other.origin() + "/api"), Map.of("Accept", "application/json"));
    http.download(URI.create(server.origin() + "/api"), Map.of(), temp.resolve("d"), 100);

    for (Headers seen : server.requests) {
      assertEquals("Bearer t0k3n", seen.getFirst("Authorization"));
      assertNull(seen.getFirst("X-Unset"));
      assertNull(seen.getFirst("X-Blank"));
      assertNull(seen.getFirst("X-Later"));
    }
    assertEquals(2, server.requests.size());
    assertEquals("application/json", server.requests.get(0).getFirst("Accept"));
    Headers elsewhere = other.requests.get(0);
    assertNull(elsewhere.getFirst("Authorization"));
    assertFalse(elsewhere.values().toString().contains("t0k3n"), elsewhere.toString());
  }

  @Test
  void aCredentialInAHeaderKeptAcrossOriginsIsRefused() {
    for (String header : List.of("Accept", "content-type", "X-GitHub-Api-Version", "Accept-Foo")) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  new HostServices()
                      .credentialed(
                          new PlainHttp(),
                          List.of(new Credential("T", header, "", URI.create(server.origin()))),
                          Map.of("T", "secret")));
      assertEquals(
          "T cannot travel in '" + header + "': a header kept on a redirect to another origin",
          e.getMessage());
    }
  }

  /** Writes zips with any name and Unix symbolic links. */
  static final class Zip {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes);

    Zip file(String name, String content) throws IOException {
      ZipArchiveEntry entry = new ZipArchiveEntry(name);
      entry.setUnixMode(0100644);
      return put(entry, content);
    }

    Zip symlink(String name, String target) throws IOException {
      ZipArchiveEntry entry = new ZipArchiveEntry(name);
      entry.setUnixMode(0120777);
      return put(entry, target);
    }

    Zip put(ZipArchiveEntry entry, String content) throws IOException {
      zip.putArchiveEntry(entry);
      zip.write(content.getBytes(StandardCharsets.UTF_8));
      zip.closeArchiveEntry();
      return this;
    }

    byte[] bytes() throws IOException {
      zip.finish();
      zip.close();
      return bytes.toByteArray();
    }

    /** Reads a zip's first entry back, as the host does. */
    record Reader(byte[] bytes) {
      ZipArchiveEntry first() throws IOException {
        try (ZipFile file =
            ZipFile.builder()
                .setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes))
                .get()) {
          return file.getEntries().nextElement();
        }
      }
    }
  }
}
