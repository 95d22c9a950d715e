package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.testkit.Loopback;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What reaches the terminal, through {@link Main#run}: no credential, no control character from a
 * server or an argument, one line per failure; and a server that stalls or floods ends the run with
 * one line.
 */
class TerminalOutputTest {
  private static final String SECRET = "s3cr3t-pw";

  private static void assertNoSecret(MainTest.Result result) {
    assertFalse(result.out().contains(SECRET), result.out());
    assertFalse(result.err().contains(SECRET), result.err());
  }

  @Test
  void aPasswordInTheApiUrlIsNotEchoedByTheUsageError() {
    MainTest.Result result =
        MainTest.run(
            "--gh",
            "--repo",
            "o/r",
            "--ver",
            "1",
            "--github-api-url",
            "https://user:" + SECRET + "@github.example/api");

    MainTest.assertUsageError(result, "--github-api-url 'https://****@github.example/api'");
    assertNoSecret(result);
  }

  @Test
  void aPasswordInAnUnknownOptionOrAStrayArgumentIsNotEchoed() {
    for (String[] args :
        List.of(
            new String[] {
              "--gh", "--repo", "o/r", "--ver", "1", "--bogus=https://u:" + SECRET + "@h/"
            },
            new String[] {"--gh", "--repo", "o/r", "--ver", "1", "https://u:" + SECRET + "@h/"},
            new String[] {
              "--gh", "--repo", "o/r", "--ver", "1", "--github-url", "u:" + SECRET + "@h"
            },
            new String[] {
              "--gh",
              "--repo",
              "o/r",
              "--ver",
              "1",
              "--verbose",
              "--github-url",
              "u:" + SECRET + "@h"
            },
            new String[] {"lock", "--bogus", "https://u:" + SECRET + "@h/"})) {
      MainTest.Result result = MainTest.run(args);
      assertEquals(2, result.code(), result.err());
      assertNoSecret(result);
    }
  }

  @Test
  void controlCharactersInAMessageAreEscapedAndForgeNoLine() {
    MainTest.Result result =
        MainTest.run(
            GithubUsageTest.gh(
                "--repo", "o/r", "--ver", "1", "--tag", "a\u001b[2J\nmkwheels: done\u0007"));

    MainTest.assertUsageError(
        result, "--tag 'a\\x1b[2J\\nmkwheels: done\\x07' is not a valid git tag name");
    assertFalse(result.err().contains("\u001b"), result.err());
    assertFalse(result.err().contains("\u0007"), result.err());
  }

  @Test
  void anErrorMessageFromTheServerReachesTheTerminalEscaped(@TempDir Path out) throws IOException {
    try (Loopback github = Loopback.start()) {
      github
          .server()
          .createContext(
              "/",
              exchange -> {
                byte[] body =
                    "{\"message\": \"\\u001b[2J\\u009b31m\\rmkwheels: done\\u202e\"}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(500, body.length);
                try (OutputStream stream = exchange.getResponseBody()) {
                  stream.write(body);
                }
              });

      MainTest.Result result =
          MainTest.run(
              Map.of("MKWHEELS_HTTP_TIMEOUT", "5"),
              "--gh",
              "--quiet",
              "--repo",
              "o/r",
              "--ver",
              "1",
              "--epoch",
              "0",
              "--output-dir",
              out.toString(),
              "--github-api-url",
              github.url() + "/api",
              "--github-url",
              github.url());

      assertEquals(1, result.code(), result.err());
      assertEquals(1, result.err().lines().count(), result.err());
      assertTrue(result.err().contains("\\x1b[2J\\x9b31m mkwheels: done\\u202e"), result.err());
      for (char c : new char[] {'\u001b', '\u009b', '\r', '\u202e'}) {
        assertFalse(
            result.err().indexOf(c) >= 0, "raw U+" + Integer.toHexString(c) + ": " + result.err());
      }
    }
  }

  @Test
  void aServerThatStallsAfterItsHeadersEndsTheRunWithOneLine(@TempDir Path out) throws IOException {
    try (Loopback github = Loopback.start()) {
      github
          .server()
          .createContext(
              "/",
              exchange -> {
                exchange.sendResponseHeaders(200, 10_000);
                exchange.getResponseBody().write("{\"tag_name\"".getBytes(StandardCharsets.UTF_8));
                exchange.getResponseBody().flush();
                try {
                  Thread.sleep(60_000);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                exchange.close();
              });

      MainTest.Result result =
          assertTimeoutPreemptively(
              Duration.ofSeconds(30),
              () ->
                  MainTest.run(
                      Map.of("MKWHEELS_HTTP_TIMEOUT", "1"),
                      "--gh",
                      "--quiet",
                      "--repo",
                      "o/r",
                      "--ver",
                      "1",
                      "--epoch",
                      "0",
                      "--output-dir",
                      out.toString(),
                      "--github-api-url",
                      github.url() + "/api",
                      "--github-url",
                      github.url()));

      assertEquals(1, result.code(), result.err());
      assertEquals(1, result.err().lines().count(), result.err());
      assertTrue(
          result.err().endsWith("the server stopped sending for 1s; gave up\n"), result.err());
      try (Stream<Path> left = Files.list(out)) {
        assertEquals(List.of(), left.toList());
      }
    }
  }

  @Test
  void aFloodOfJsonIsRefusedWithOneLineAndNoStackTrace(@TempDir Path out) throws IOException {
    try (Loopback github = Loopback.start()) {
      github
          .server()
          .createContext(
              "/",
              exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 0);
                byte[] chunk = " ".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
                try (OutputStream stream = exchange.getResponseBody()) {
                  stream.write('[');
                  for (int i = 0; i < 1024; i++) {
                    stream.write(chunk);
                  }
                } catch (IOException hungUp) {
                  // Expected: mkwheels hangs up at the cap.
                }
              });

      MainTest.Result result =
          MainTest.run(
              Map.of("MKWHEELS_HTTP_TIMEOUT", "10"),
              "--gh",
              "--quiet",
              "--repo",
              "o/r",
              "--ver",
              "1",
              "--epoch",
              "0",
              "--output-dir",
              out.toString(),
              "--github-api-url",
              github.url() + "/api",
              "--github-url",
              github.url());

      assertEquals(1, result.code(), result.err());
      assertEquals(1, result.err().lines().count(), result.err());
      assertTrue(result.err().endsWith("the answer is over 32 MiB; refused\n"), result.err());
    }
  }

  @Test
  void everyControlCharacterIsEscapedAndEveryUrlPasswordMasked() {
    assertEquals(
        "a\\x1bb\\x9bc\\rd\\ne\\x7ff\\u2028g\\u202eh\\ti",
        TerminalText.line("a\u001bb\u009bc\rd\ne\u007ff\u2028g\u202eh\ti"));
    assertEquals("\tat x\n\\x1b\\r\n", TerminalText.lines("\tat x\n\u001b\r\n"));
    assertEquals(
        "see https://****@host/simple and ****@host, not git@github.com:o/r",
        TerminalText.line(
            "see https://user:tok@host/simple and user:tok@host, not git@github.com:o/r"));
    assertEquals("plain text stays", TerminalText.line("plain text stays"));
  }
}
