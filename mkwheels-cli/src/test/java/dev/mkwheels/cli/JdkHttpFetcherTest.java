package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.mkwheels.api.Credential;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.HttpResponse;
import dev.mkwheels.testkit.Loopback;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's HTTP against two real servers on 127.0.0.1: their ports differ, so they are two
 * origins. Credentials reach only the origin they were sent to; a body that stalls or never ends
 * stops the request with one line.
 */
class JdkHttpFetcherTest {
  private static final Map<String, String> CREDENTIALS =
      new TreeMap<>(
          Map.of(
              "Authorization", "Bearer secret-token",
              "PRIVATE-TOKEN", "secret-gitlab",
              "JOB-TOKEN", "secret-job",
              "Cookie", "session=secret-cookie",
              "Proxy-Authorization", "Basic secret-proxy",
              "X-Forge-Token", "secret-forge",
              "Accept", "application/json"));

  private Loopback origin;
  private Loopback other;
  private final List<Headers> seenByOther = new CopyOnWriteArrayList<>();
  private final List<Headers> seenByOrigin = new CopyOnWriteArrayList<>();

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
              reply(exchange, 200, "from the other origin");
            });
  }

  @AfterEach
  void stop() {
    origin.close();
    other.close();
  }

  private static JdkHttpFetcher fetcher() {
    return new JdkHttpFetcher(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(10));
  }

  private void redirect(String path, int status, String location) {
    origin
        .server()
        .createContext(
            path,
            exchange -> {
              seenByOrigin.add(exchange.getRequestHeaders());
              exchange.getResponseHeaders().add("Location", location);
              reply(exchange, status, "");
            });
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    exchange.getRequestBody().readAllBytes();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Test
  void aRedirectToAnotherOriginDropsEveryCredentialHeader() throws IOException {
    redirect("/api", 302, other.url() + "/elsewhere");

    HttpResponse response = fetcher().get(URI.create(origin.url() + "/api"), CREDENTIALS);

    assertEquals(200, response.status());
    assertEquals("from the other origin", response.text());
    assertEquals("Bearer secret-token", seenByOrigin.get(0).getFirst("Authorization"));
    Headers seen = seenByOther.get(0);
    for (String name :
        List.of(
            "Authorization",
            "PRIVATE-TOKEN",
            "JOB-TOKEN",
            "Cookie",
            "Proxy-Authorization",
            "X-Forge-Token")) {
      assertFalse(seen.containsKey(name), name + " reached the other origin");
    }
    assertFalse(seen.values().toString().contains("secret"), seen.values().toString());
    assertEquals("application/json", seen.getFirst("Accept"));
  }

  @Test
  void aDownloadRedirectedToAnotherOriginSendsNoToken(@TempDir Path dir) throws IOException {
    redirect("/archive.tar.gz", 301, other.url() + "/codeload/archive.tar.gz");

    HttpResponse response =
        fetcher()
            .download(
                URI.create(origin.url() + "/archive.tar.gz"),
                Map.of("Authorization", "Bearer secret-token"),
                dir.resolve("a.tar.gz"),
                1000);

    assertEquals(200, response.status());
    assertEquals("from the other origin", Files.readString(dir.resolve("a.tar.gz")));
    assertFalse(seenByOther.get(0).containsKey("Authorization"));
  }

  @Test
  void aProvidersCredentialGoesToItsOriginAndNotOnAcrossARedirect(@TempDir Path dir)
      throws IOException {
    redirect("/api", 302, other.url() + "/elsewhere");
    RunContext context =
        new RunContext(
            fetcher(),
            text -> text,
            dir,
            null,
            Map.of("GITLAB_TOKEN", " secret-gitlab "),
            Optional.empty(),
            List.of());
    HttpFetcher http =
        context.http(
            List.of(new Credential("GITLAB_TOKEN", "PRIVATE-TOKEN", "", URI.create(origin.url()))));

    HttpResponse redirected = http.get(URI.create(origin.url() + "/api"), Map.of());
    HttpResponse direct = http.get(URI.create(other.url() + "/direct"), Map.of());

    assertEquals(200, redirected.status());
    assertEquals(200, direct.status());
    assertEquals("secret-gitlab", seenByOrigin.get(0).getFirst("PRIVATE-TOKEN"));
    assertEquals(2, seenByOther.size());
    for (Headers seen : seenByOther) {
      assertFalse(seen.containsKey("PRIVATE-TOKEN"), seen.keySet().toString());
      assertFalse(seen.values().toString().contains("secret"), seen.values().toString());
    }
  }

  @Test
  void anIndexUrlsPasswordIsBasicAuthForItsOriginOnly() throws IOException {
    redirect("/simple/alpha/", 302, other.url() + "/files/alpha/");
    URI index = URI.create(origin.url().replace("://", "://user:pa%40ss@") + "/simple/alpha/");

    assertEquals(
        "from the other origin", fetcher().get(index, Map.of("Accept", "text/html")).text());

    String basic =
        "Basic "
            + Base64.getEncoder().encodeToString("user:pa@ss".getBytes(StandardCharsets.UTF_8));
    assertEquals(basic, seenByOrigin.get(0).getFirst("Authorization"));
    assertFalse(seenByOther.get(0).containsKey("Authorization"));
  }

  @Test
  void theResponseNamesTheUriThatAnsweredWithoutItsPassword() throws IOException {
    redirect("/simple/alpha/", 302, other.url() + "/files/alpha/");
    URI index = URI.create(origin.url().replace("://", "://user:pa%40ss@") + "/simple/alpha/");

    HttpResponse redirected = fetcher().get(index, Map.of());
    assertEquals(Optional.of(URI.create(other.url() + "/files/alpha/")), redirected.finalUri());

    URI direct = URI.create(other.url() + "/files/alpha/");
    assertEquals(Optional.of(direct), fetcher().get(direct, Map.of()).finalUri());
  }

  @Test
  void aRedirectToTheSameOriginKeepsTheToken() throws IOException {
    redirect("/api", 307, "/moved");
    origin
        .server()
        .createContext(
            "/moved",
            exchange -> {
              seenByOrigin.add(exchange.getRequestHeaders());
              reply(exchange, 200, "moved");
            });

    HttpResponse response = fetcher().get(URI.create(origin.url() + "/api"), CREDENTIALS);

    assertEquals("moved", response.text());
    assertEquals(2, seenByOrigin.size());
    assertEquals("Bearer secret-token", seenByOrigin.get(1).getFirst("Authorization"));
    assertEquals("secret-gitlab", seenByOrigin.get(1).getFirst("PRIVATE-TOKEN"));
  }

  @Test
  void aTokenDroppedOnceStaysDroppedWhenTheChainComesBack() throws IOException {
    redirect("/api", 302, other.url() + "/bounce");
    other
        .server()
        .createContext(
            "/bounce",
            exchange -> {
              seenByOther.add(exchange.getRequestHeaders());
              exchange.getResponseHeaders().add("Location", origin.url() + "/back");
              reply(exchange, 302, "");
            });
    origin
        .server()
        .createContext(
            "/back",
            exchange -> {
              seenByOrigin.add(exchange.getRequestHeaders());
              reply(exchange, 200, "back");
            });

    assertEquals("back", fetcher().get(URI.create(origin.url() + "/api"), CREDENTIALS).text());
    assertFalse(seenByOrigin.get(1).containsKey("Authorization"));
  }

  @Test
  void aRedirectToANonHttpSchemeIsRefusedWithOneLine() {
    redirect("/api", 302, "file:///etc/passwd");

    IOException e =
        assertThrows(
            IOException.class, () -> fetcher().get(URI.create(origin.url() + "/api"), CREDENTIALS));

    assertEquals(
        origin.url() + "/api redirects to a file: URL; only http and https redirects are followed",
        e.getMessage());
    assertEquals(1, seenByOrigin.size(), "a refused redirect is not retried");
  }

  @Test
  void anEndlessRedirectChainStops() {
    redirect("/loop", 302, "/loop");

    IOException e =
        assertThrows(
            IOException.class, () -> fetcher().get(URI.create(origin.url() + "/loop"), Map.of()));

    assertEquals(origin.url() + "/loop: more than 5 redirects; not followed", e.getMessage());
    assertEquals(Redirects.MAX_HOPS + 1, seenByOrigin.size());
  }

  @Test
  void aPostRedirectedWith307KeepsItsBodyAndWith303BecomesAGet() throws IOException {
    List<String> seen = new CopyOnWriteArrayList<>();
    origin
        .server()
        .createContext(
            "/target",
            exchange -> {
              seen.add(
                  exchange.getRequestMethod()
                      + " "
                      + new String(
                          exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
              reply(exchange, 200, "ok");
            });
    redirect("/307", 307, "/target");
    redirect("/303", 303, "/target");

    fetcher()
        .post(
            URI.create(origin.url() + "/307"),
            Map.of(),
            "{}".getBytes(StandardCharsets.UTF_8),
            "application/json");
    fetcher()
        .post(
            URI.create(origin.url() + "/303"),
            Map.of(),
            "{}".getBytes(StandardCharsets.UTF_8),
            "application/json");

    assertEquals(List.of("POST {}", "GET "), seen);
  }

  /** Headers, the first bytes of a 1 MB body, then nothing for a minute. */
  private void stallAfterHeaders(String path) {
    origin
        .server()
        .createContext(
            path,
            exchange -> {
              exchange.sendResponseHeaders(200, 1_000_000);
              OutputStream out = exchange.getResponseBody();
              out.write(new byte[100]);
              out.flush();
              try {
                Thread.sleep(60_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              exchange.close();
            });
  }

  private static JdkHttpFetcher oneSecond() {
    return new JdkHttpFetcher(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(10));
  }

  @Test
  void aBodyThatStallsEndsTheRequestWithOneLine() {
    stallAfterHeaders("/stall");

    IOException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20),
            () ->
                assertThrows(
                    IOException.class,
                    () -> oneSecond().get(URI.create(origin.url() + "/stall"), Map.of())));

    assertEquals(
        origin.url() + "/stall: the server stopped sending for 1s; gave up", e.getMessage());
  }

  @Test
  void aDownloadThatStallsLeavesNothing(@TempDir Path dir) throws IOException {
    stallAfterHeaders("/stall.tar.gz");

    IOException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20),
            () ->
                assertThrows(
                    IOException.class,
                    () ->
                        oneSecond()
                            .download(
                                URI.create(origin.url() + "/stall.tar.gz"),
                                Map.of(),
                                dir.resolve("a.tar.gz"),
                                10_000_000)));

    assertTrue(
        e.getMessage().endsWith("the server stopped sending for 1s; gave up"), e.getMessage());
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(), left.toList());
    }
  }

  @Test
  void anAnswerOverTheCapIsRefusedWithoutReadingItAll() {
    // Streams 256 MiB in 64 KiB chunks: the test never holds it, and the client must not either.
    origin
        .server()
        .createContext(
            "/huge.json",
            exchange -> {
              exchange.getResponseHeaders().add("Content-Type", "application/json");
              exchange.sendResponseHeaders(200, 0);
              byte[] chunk = new byte[64 * 1024];
              try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 4096; i++) {
                  out.write(chunk);
                }
              } catch (IOException closedByTheClient) {
                // Expected: the client hangs up at the cap.
              }
            });
    JdkHttpFetcher capped =
        new JdkHttpFetcher(
            Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(10), 1024 * 1024);

    IOException e =
        assertThrows(
            IOException.class, () -> capped.get(URI.create(origin.url() + "/huge.json"), Map.of()));

    assertEquals(origin.url() + "/huge.json: the answer is over 1 MiB; refused", e.getMessage());
  }

  @Test
  void aDownloadIsHashedAsItIsWrittenAndARetryStartsTheHashAgain(@TempDir Path dir)
      throws Exception {
    byte[] body = new byte[3 * 1024 * 1024 + 17];
    new Random(42).nextBytes(body);
    AtomicInteger requests = new AtomicInteger();
    origin
        .server()
        .createContext(
            "/file.whl",
            exchange -> {
              exchange.getRequestBody().readAllBytes();
              exchange.sendResponseHeaders(200, body.length);
              OutputStream out = exchange.getResponseBody();
              if (requests.incrementAndGet() == 1) {
                // The first answer breaks off halfway: the client retries, and what it hashed of
                // the first half must not count.
                out.write(body, 0, body.length / 2);
                out.flush();
                exchange.close();
                return;
              }
              out.write(body);
              out.close();
            });
    Path target = dir.resolve("file.whl");
    MessageDigest digest = MessageDigest.getInstance("SHA-256");

    HttpResponse response =
        fetcher()
            .download(URI.create(origin.url() + "/file.whl"), Map.of(), target, 1 << 30, digest);

    assertEquals(200, response.status());
    assertEquals(2, requests.get());
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    assertEquals(expected, HexFormat.of().formatHex(digest.digest()));
    assertArrayEquals(body, Files.readAllBytes(target));
  }
}
