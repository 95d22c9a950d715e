package dev.mkwheels.python.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.python.metadata.CoreMetadata;
import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.version.Version;
import dev.mkwheels.testkit.Dist;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.WheelBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexClientTest {
  private static final String JSON = "application/vnd.pypi.simple.v1+json";
  private static final Instant UPLOADED = Instant.parse("2024-01-02T03:04:05.123456Z");

  @TempDir Path home;

  private IndexClient client() {
    return new IndexClient(new LoopbackFetcher(), Map.of("HOME", home.toString()));
  }

  private static ProjectName name(String name) {
    return ProjectName.of(name);
  }

  @Test
  void asksForJsonFirstAndReadsPep700FieldsFromAJsonPage() throws Exception {
    Dist wheel = WheelBuilder.wheel("demo", "1.0").build();
    try (PackageIndex index = PackageIndex.start().add(wheel, UPLOADED)) {
      ProjectPage page = client().project(index.simpleUrl(), name("Demo"));

      assertEquals(List.of("1.0"), page.versions());
      IndexFile file = page.files().get(0);
      assertEquals(wheel.filename(), file.fileName());
      assertEquals(Optional.of(wheel.sha256()), file.sha256());
      assertEquals(Optional.of(UPLOADED), file.uploadTime());
      assertEquals(wheel.bytes().length, file.size().getAsLong());
      assertEquals(
          URI.create(index.simpleUrl().replace("/simple", "/files/") + wheel.filename()),
          file.url());
      assertEquals(List.of("GET /simple/demo/ [" + IndexClient.ACCEPT + "]"), index.requests());
    }
  }

  @Test
  void readsAnHtmlPageWhenTheIndexAnswersHtmlAndResolvesItsRelativeLinks() throws Exception {
    Dist wheel = WheelBuilder.wheel("demo", "1.0").build();
    try (PackageIndex index = PackageIndex.start().add(wheel, UPLOADED).pep691(false)) {
      ProjectPage page = client().project(index.simpleUrl(), name("demo"));

      assertEquals(List.of(), page.versions());
      IndexFile file = page.files().get(0);
      assertEquals(Optional.of(wheel.sha256()), file.sha256());
      assertEquals(Optional.empty(), file.uploadTime());
      // ../../files/NAME against /simple/demo/
      assertEquals(
          URI.create(index.simpleUrl().replace("/simple", "/files/") + wheel.filename()),
          file.url());
    }
  }

  @Test
  void readsYankedRequiresPythonMetadataAndBaseHrefFromHtml() throws Exception {
    byte[] metadata =
        "Metadata-Version: 2.1\nName: foo\nVersion: 1.0\nRequires-Dist: bar>=2\n\n"
            .getBytes(StandardCharsets.UTF_8);
    try (PageServer server = new PageServer()) {
      server
          .page(
              "/simple/foo/",
              "text/html",
              "<!DOCTYPE html><html><head><base href=\"/dl/\"></head><body>\n"
                  + "<!-- <a href=\"commented-1.0.tar.gz\">x</a> -->\n"
                  + "<a href=\"foo-1.0-py3-none-any.whl#sha256=ABCD&amp;x=1\""
                  + " data-requires-python=\"&gt;=3.8,&lt;4\""
                  + " data-dist-info-metadata=\"sha256="
                  + sha256(metadata)
                  + "\">w</a>\n"
                  + "<A HREF='sub/foo-1.0-2.tar.gz' data-yanked=\"broken &amp; bad\">s</A>\n"
                  + "<a href=\"foo-0.9.tar.gz\" data-yanked data-core-metadata=\"true\""
                  + " data-dist-info-metadata=\"false\">o</a>\n"
                  + "</body></html>")
          .page("/dl/foo-1.0-py3-none-any.whl.metadata", "application/octet-stream", metadata);
      ProjectPage page = client().project(server.url() + "/simple", name("foo"));

      assertEquals(3, page.files().size());
      IndexFile wheel = page.files().get(0);
      assertEquals(URI.create(server.url() + "/dl/foo-1.0-py3-none-any.whl"), wheel.url());
      assertEquals(Optional.of("abcd"), wheel.sha256());
      assertEquals(Optional.of(">=3.8,<4"), wheel.requiresPython());
      assertFalse(wheel.yanked());
      CoreMetadata read = client().metadata(wheel);
      assertEquals(Optional.of("foo"), read.name());
      assertEquals("bar>=2", read.requiresDist().get(0).toString());

      IndexFile sdist = page.files().get(1);
      assertEquals(URI.create(server.url() + "/dl/sub/foo-1.0-2.tar.gz"), sdist.url());
      assertTrue(sdist.yanked());
      assertEquals(Optional.of("broken & bad"), sdist.yankedReason());
      assertEquals(Optional.of(Version.parse("1.0.post2")), sdist.version(name("foo")));
      assertEquals(List.of(sdist), page.files(Version.parse("1.0.post2")));

      IndexFile old = page.files().get(2);
      assertTrue(old.yanked());
      assertEquals(Optional.empty(), old.yankedReason());
      // PEP 714: data-core-metadata wins over the older attribute
      assertEquals(
          URI.create(server.url() + "/dl/foo-0.9.tar.gz.metadata"), old.metadata().get().url());
    }
  }

  @Test
  void aMetadataFileWhoseHashDiffersIsAnError() throws Exception {
    try (PageServer server = new PageServer()) {
      server
          .page(
              "/simple/foo/",
              "text/html",
              "<a href=\"/f/foo-1.0.tar.gz\" data-core-metadata=\"sha256="
                  + "0".repeat(64)
                  + "\">x</a>")
          .page("/f/foo-1.0.tar.gz.metadata", "text/plain", "Name: foo\n");
      IndexFile file = client().project(server.url() + "/simple", name("foo")).files().get(0);

      IndexException e = assertThrows(IndexException.class, () -> client().metadata(file));
      assertTrue(e.getMessage().startsWith("hash mismatch for " + server.url()), e.getMessage());
    }
  }

  @Test
  void readsYankedMetadataAndRelativeUrlsFromJson() throws Exception {
    try (PageServer server = new PageServer()) {
      server.page(
          "/simple/foo/",
          JSON,
          "{\"meta\":{\"api-version\":\"1.1\"},\"name\":\"foo\",\"versions\":[\"1.0\"],"
              + "\"files\":[{\"filename\":\"foo-1.0.tar.gz\",\"url\":\"../../f/foo-1.0.tar.gz\","
              + "\"hashes\":{\"sha256\":\"AB\"},\"requires-python\":\">=3.9\","
              + "\"yanked\":\"use 1.1\",\"core-metadata\":{\"sha256\":\"cd\"},"
              + "\"size\":10,\"upload-time\":\"2024-01-02T03:04:05Z\"},"
              + "{\"filename\":\"foo-1.0-py3-none-any.whl\",\"url\":\"/w.whl\",\"hashes\":{},"
              + "\"yanked\":false,\"dist-info-metadata\":true}]}");
      ProjectPage page = client().project(server.url() + "/simple/", name("foo"));

      IndexFile sdist = page.files().get(0);
      assertEquals(URI.create(server.url() + "/f/foo-1.0.tar.gz"), sdist.url());
      assertEquals(Optional.of("ab"), sdist.sha256());
      assertEquals(Optional.of(">=3.9"), sdist.requiresPython());
      assertTrue(sdist.yanked());
      assertEquals(Optional.of("use 1.1"), sdist.yankedReason());
      assertEquals(Map.of("sha256", "cd"), sdist.metadata().get().hashes());
      IndexFile wheel = page.files().get(1);
      assertFalse(wheel.yanked());
      assertEquals(URI.create(server.url() + "/w.whl.metadata"), wheel.metadata().get().url());
    }
  }

  @Test
  void aMalformedPageIsOneLineNamingThePageWithoutCredentials() throws Exception {
    try (PageServer server = new PageServer()) {
      server
          .page("/simple/foo/", JSON, "{\"files\": [")
          .page("/simple/bar/", "text/plain", "hello");
      String index = "http://alice:s3cret@127.0.0.1:" + server.port() + "/simple";

      IndexException json =
          assertThrows(IndexException.class, () -> client().project(index, name("foo")));
      IndexException type =
          assertThrows(IndexException.class, () -> client().project(index, name("bar")));

      for (IndexException e : List.of(json, type)) {
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(
            e.getMessage().contains("127.0.0.1:" + server.port() + "/simple/"), e.getMessage());
      }
      assertTrue(json.getMessage().contains("not a valid PEP 691 page"), json.getMessage());
    }
  }

  @Test
  void relativeLinksResolveAgainstTheUriThatAnsweredAfterRedirects() throws Exception {
    try (PageServer server = new PageServer()) {
      server
          .redirect("/simple/x/", "/other/x/")
          .page(
              "/other/x/",
              "text/html",
              "<a href=\"x-1.0.tar.gz#sha256="
                  + "a".repeat(64)
                  + "\">x-1.0.tar.gz</a>"
                  + "<a href=\"../files/x-1.0-py3-none-any.whl\">x-1.0-py3-none-any.whl</a>");
      List<IndexFile> files = client().project(server.url() + "/simple", name("x")).files();
      assertEquals(
          List.of(
              server.url() + "/other/files/x-1.0-py3-none-any.whl",
              server.url() + "/other/x/x-1.0.tar.gz"),
          files.stream().map(f -> f.url().toString()).sorted().toList());
    }
  }

  @Test
  void aMissingProjectIsAnEmptyPageAndAServerErrorIsAnError() throws Exception {
    try (PageServer server = new PageServer()) {
      assertEquals(List.of(), client().project(server.url() + "/simple", name("nope")).files());
      server.close();
      IndexException e =
          assertThrows(
              IndexException.class, () -> client().project(server.url() + "/simple", name("x")));
      assertTrue(
          e.getMessage().startsWith("cannot read the index page " + server.url()), e.getMessage());
    }
  }

  @Test
  void netrcCredentialsGoOnlyToTheirHost() throws Exception {
    try (PageServer index = new PageServer();
        PageServer files = new PageServer()) {
      Files.writeString(
          home.resolve(".netrc"),
          "# the index\nmachine 127.0.0.1 login alice password s3cret\n"
              + "machine example.invalid login bob password other\n");
      index.page(
          "/simple/foo/",
          "text/html",
          "<a href=\"http://localhost:"
              + files.port()
              + "/foo-1.0.tar.gz\" data-core-metadata=true>x</a>");
      files.page("/foo-1.0.tar.gz.metadata", "text/plain", "Name: foo\n");

      IndexClient client = client();
      IndexFile file = client.project(index.url() + "/simple", name("foo")).files().get(0);
      client.metadata(file);

      String basic =
          "Basic "
              + java.util.Base64.getEncoder()
                  .encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
      assertEquals(basic, index.requests.get(0).authorization());
      assertEquals("/foo-1.0.tar.gz.metadata", files.requests.get(0).path());
      assertNull(files.requests.get(0).authorization());
    }
  }

  @Test
  void aUrlsOwnCredentialsWinOverNetrc() throws Exception {
    try (PageServer index = new PageServer()) {
      Files.writeString(home.resolve(".netrc"), "machine 127.0.0.1 login alice password netrc\n");
      client().project("http://carol:url@127.0.0.1:" + index.port() + "/simple", name("foo"));

      String basic =
          "Basic "
              + java.util.Base64.getEncoder()
                  .encodeToString("carol:url".getBytes(StandardCharsets.UTF_8));
      assertEquals(basic, index.requests.get(0).authorization());
    }
  }

  @Test
  void readsAFileIndexTree() throws Exception {
    Path simple = Files.createDirectories(home.resolve("simple/foo"));
    Files.writeString(
        simple.resolve("index.html"),
        "<a href=\"../../files/foo-1.0-2.tar.gz#sha256=aa\">foo-1.0-2.tar.gz</a>\n"
            + "<a href=\"../../files/foo-1.0.zip\">foo-1.0.zip</a>");
    String index = home.resolve("simple").toUri().toString();

    ProjectPage page = client().project(index, name("FOO"));

    assertEquals(2, page.files().size());
    assertEquals(home.resolve("files/foo-1.0-2.tar.gz").toUri(), page.files().get(0).url());
    assertEquals(List.of(), client().project(index, name("bar")).files());
    // read for project foo, as pip's finder reads it
    Optional<IndexFile> found = client().find(index, "foo-1.0-2.tar.gz");
    assertEquals(Optional.of("aa"), found.flatMap(IndexFile::sha256));
    assertEquals(Optional.of(Version.parse("1.0.post2")), found.get().version(name("foo")));
  }

  @Test
  void readsAFindLinksDirectoryAndItsHtmlFiles() throws Exception {
    Path links = Files.createDirectories(home.resolve("links"));
    Files.write(links.resolve("foo-1.0-py3-none-any.whl"), new byte[] {1});
    Files.writeString(
        links.resolve("more.html"), "<a href=\"https://h.example/bar-2.0.tar.gz#sha256=bb\">b</a>");

    List<IndexFile> files = client().findLinks(links.toString());
    List<IndexFile> viaUrl = client().findLinks(links.toUri().toString());

    assertEquals(
        List.of("foo-1.0-py3-none-any.whl", "bar-2.0.tar.gz"),
        files.stream().map(IndexFile::fileName).toList());
    assertEquals(files, viaUrl);
    assertEquals(Optional.of("bb"), files.get(1).sha256());
    assertEquals(links.resolve("foo-1.0-py3-none-any.whl").toUri(), files.get(0).url());
    IndexException e =
        assertThrows(
            IndexException.class, () -> client().findLinks(home.resolve("none").toString()));
    assertTrue(e.getMessage().startsWith("no such find-links location"), e.getMessage());
  }

  @Test
  void readsAFindLinksPageOverHttp() throws Exception {
    try (PageServer server = new PageServer()) {
      server.page("/links.html", "text/html", "<a href='d/foo-1.0.tar.gz#md5=ff'>x</a>");
      List<IndexFile> files = client().findLinks(server.url() + "/links.html");
      assertEquals(URI.create(server.url() + "/d/foo-1.0.tar.gz"), files.get(0).url());
      assertEquals(Map.of("md5", "ff"), files.get(0).hashes());
      assertThrows(IndexException.class, () -> client().findLinks(server.url() + "/none.html"));
    }
  }

  @Test
  void aSdistNameCanBelongToEveryProjectBeforeADash() {
    assertEquals(List.of(name("foo"), name("foo-1.0")), IndexClient.projectsOf("foo-1.0-2.tar.gz"));
    assertEquals(List.of(name("foo-bar")), IndexClient.projectsOf("foo_bar-1.0-py3-none-any.whl"));
    assertEquals(List.of(), IndexClient.projectsOf("README.txt"));
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
