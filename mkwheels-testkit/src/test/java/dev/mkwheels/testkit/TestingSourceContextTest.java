package dev.mkwheels.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.mkwheels.api.Credential;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.HttpResponse;
import dev.mkwheels.api.SourceArchive;
import dev.mkwheels.api.SourceException;
import dev.mkwheels.api.UnpackedSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The testing context against two loopback servers (two ports, two origins). */
class TestingSourceContextTest {
  Loopback origin;
  Loopback other;
  final List<Headers> seenByOrigin = new CopyOnWriteArrayList<>();
  final List<Headers> seenByOther = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    origin = Loopback.start();
    other = Loopback.start();
    other
        .server()
        .createContext(
            "/",
            exchange -> {
              seenByOther.add(exchange.getRequestHeaders());
              reply(exchange, 200, "elsewhere".getBytes(StandardCharsets.UTF_8));
            });
  }

  @AfterEach
  void stop() {
    origin.close();
    other.close();
  }

  static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  void redirect(String path, String location) {
    origin
        .server()
        .createContext(
            path,
            exchange -> {
              seenByOrigin.add(exchange.getRequestHeaders());
              exchange.getResponseHeaders().add("Location", location);
              reply(exchange, 302, new byte[0]);
            });
  }

  @Test
  void aCredentialReachesItsOriginButNotAcrossARedirect() throws Exception {
    redirect("/api", other.url() + "/moved");
    try (TestingSourceContext context =
        TestingSourceContext.builder().environment("FORGE_TOKEN", "secret").build()) {
      HttpFetcher http =
          context.http(
              List.of(
                  new Credential(
                      "FORGE_TOKEN", "Authorization", "token ", URI.create(origin.url()))));

      HttpResponse response =
          http.get(URI.create(origin.url() + "/api"), Map.of("Accept", "application/json"));

      assertEquals("elsewhere", response.text());
      assertEquals("token secret", seenByOrigin.get(0).getFirst("Authorization"));
      assertFalse(seenByOther.get(0).containsKey("Authorization"));
      assertFalse(seenByOther.get(0).values().toString().contains("secret"));
      assertEquals("application/json", seenByOther.get(0).getFirst("Accept"));
    }
  }

  @Test
  void aCallersOwnTokenIsDroppedOnARedirectToAnotherOriginToo() throws Exception {
    redirect("/dl", other.url() + "/file");
    Path target = Files.createTempFile("download-", "");
    try {
      HttpResponse response =
          new LoopbackFetcher()
              .download(
                  URI.create(origin.url() + "/dl"), Map.of("PRIVATE-TOKEN", "secret"), target, 100);
      assertEquals(200, response.status());
      assertEquals("elsewhere", Files.readString(target));
      assertEquals("secret", seenByOrigin.get(0).getFirst("PRIVATE-TOKEN"));
      assertFalse(seenByOther.get(0).containsKey("PRIVATE-TOKEN"));
    } finally {
      Files.deleteIfExists(target);
    }
  }

  @Test
  void itReachesLoopbackOnly() {
    IOException e =
        assertThrows(
            IOException.class,
            () -> new LoopbackFetcher().get(URI.create("https://pypi.org/simple/"), Map.of()));
    assertEquals(
        "the testkit's fetcher reaches loopback only, not https://pypi.org", e.getMessage());
  }

  @Test
  void unpackIsTheHostsAndCloseDeletesTheWorkDirectory(@TempDir Path temp) throws Exception {
    byte[] archive = SdistBuilder.sdist("demo", "1.0").file("setup.py", "").build().bytes();
    origin.server().createContext("/demo.tar.gz", exchange -> reply(exchange, 200, archive));
    Path work;
    try (TestingSourceContext context =
        TestingSourceContext.builder().workDirectoryIn(temp).build()) {
      work = context.workDirectory();
      UnpackedSource source =
          context.unpack(
              SourceArchive.builder(
                      URI.create(origin.url() + "/demo.tar.gz"), "the archive of demo", "1.0")
                  .build());
      assertTrue(Files.isRegularFile(source.directory().resolve("setup.py")));
      assertTrue(source.directory().startsWith(work));
      assertEquals(
          List.of(
              "progress: downloading " + origin.url() + "/demo.tar.gz",
              "progress: unpacking the archive of demo"),
          context.console().lines());
      SourceException missing =
          assertThrows(
              SourceException.class,
              () ->
                  context.unpack(
                      SourceArchive.builder(
                              URI.create(origin.url() + "/gone.tar.gz"), "the gone one", "1.0")
                          .build()));
      assertEquals(
          "the gone one was not found: HTTP 404 from " + origin.url() + "/gone.tar.gz",
          missing.getMessage());
    }
    assertFalse(Files.exists(work));
  }
}
