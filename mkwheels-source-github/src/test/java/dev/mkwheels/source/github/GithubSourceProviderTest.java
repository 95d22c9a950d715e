package dev.mkwheels.source.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.api.Epoch;
import dev.mkwheels.api.InstallTarget;
import dev.mkwheels.api.ProviderOptions;
import dev.mkwheels.api.ResolvedSource;
import dev.mkwheels.api.SourceException;
import dev.mkwheels.testkit.GitRepo;
import dev.mkwheels.testkit.GithubServer;
import dev.mkwheels.testkit.TestingSourceContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider against a GitHub-style server on loopback, serving archives {@code git archive} made
 * from a repository created here: the tag found as given, only as {@code v<tag>}, with no release,
 * as a draft, not at all; a rate limit; the token.
 */
class GithubSourceProviderTest {
  static final String REPO = "acme/Widget";
  static final Instant COMMIT_1 = Instant.parse("2024-01-02T03:04:05Z");
  static final Instant COMMIT_2 = Instant.parse("2024-02-02T03:04:05Z");
  static final Instant COMMIT_3 = Instant.parse("2024-03-02T03:04:05Z");
  static final Instant PUBLISHED_1 = Instant.parse("2024-01-05T00:00:00Z");
  static final Instant PUBLISHED_2 = Instant.parse("2024-02-05T00:00:00Z");

  static GithubServer server;
  static GitRepo repo;

  @TempDir Path sandbox;

  /** The work directory of the last context made. */
  Path work;

  final List<TestingSourceContext> contexts = new ArrayList<>();

  @AfterEach
  void close() {
    contexts.forEach(TestingSourceContext::close);
  }

  @BeforeAll
  static void publish(@TempDir Path repoDir) throws IOException {
    repo = GitRepo.init(repoDir.resolve("widget"));
    repo.write("pyproject.toml", pyproject("1.0.0"))
        .write("src/widget/__init__.py", "")
        .write("bin/widget", "#!/bin/sh\necho widget\n")
        .write("README.md", "widget\n");
    Files.createDirectories(repo.directory().resolve("docs"));
    Files.createSymbolicLink(repo.directory().resolve("docs/README.md"), Path.of("../README.md"));
    Files.setPosixFilePermissions(
        repo.directory().resolve("bin/widget"), PosixFilePermissions.fromString("rwxr-xr-x"));
    repo.commit("one", COMMIT_1);
    repo.tag("1.0.0").tag("v4.0.0");
    repo.write("pyproject.toml", pyproject("2.0.0")).commit("two", COMMIT_2);
    repo.tag("v2.0.0");
    repo.write("pyproject.toml", pyproject("3.0.0")).commit("three", COMMIT_3);
    repo.annotatedTag("v3.0.0", COMMIT_3.plusSeconds(60));

    server = GithubServer.start();
    server.publish(repo, REPO, "1.0.0", Optional.of(PUBLISHED_1));
    server.publish(repo, REPO, "v2.0.0", Optional.of(PUBLISHED_2));
    server.publish(repo, REPO, "v3.0.0", Optional.empty());
    server.publish(repo, REPO, "v4.0.0", Optional.empty()).draftRelease(REPO, "v4.0.0");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String pyproject(String version) {
    return "[build-system]\nrequires = [\"setuptools>=61\", \"setuptools-scm>=8\"]\n"
        + "build-backend = \"setuptools.build_meta\"\n\n[project]\nname = \"widget\"\ndynamic = [\"version\"]\n"
        + "# "
        + version
        + "\n";
  }

  static ProviderOptions options(String... pairs) {
    Map<String, List<String>> values = new HashMap<>();
    values.put("github-api-url", List.of(server.apiUrl()));
    values.put("github-url", List.of(server.url()));
    for (int i = 0; i < pairs.length; i += 2) {
      values.put(pairs[i], List.of(pairs[i + 1]));
    }
    return new ProviderOptions(values);
  }

  TestingSourceContext context(Map<String, String> env, Optional<Epoch> fixed) {
    TestingSourceContext context =
        TestingSourceContext.builder()
            .environment(env)
            .fixedEpoch(fixed)
            .workDirectoryIn(sandbox)
            .build();
    contexts.add(context);
    work = context.workDirectory();
    return context;
  }

  ResolvedSource resolve(TestingSourceContext context, String... pairs) throws SourceException {
    return new GithubSourceProvider().resolve(options(pairs), context);
  }

  List<String> apiPaths(int since) {
    return server.requests().subList(since, server.requests().size()).stream()
        .map(GithubServer.Request::path)
        .filter(p -> p.startsWith("/api/"))
        .toList();
  }

  @Test
  void aReleaseTaggedAsGivenGivesItsSourceAndPublishedAt() throws Exception {
    int before = server.requests().size();
    TestingSourceContext context = context(Map.of(), Optional.empty());
    ResolvedSource source = resolve(context, "repo", REPO, "ver", "v1.0.0");

    assertEquals("widget", source.name());
    assertEquals("1.0.0", source.version());
    assertEquals(
        new Epoch(
            PUBLISHED_1.getEpochSecond(), "GitHub release 1.0.0 published_at 2024-01-05T00:00:00Z"),
        source.epoch());
    Path tree = assertInstanceOf(InstallTarget.SourceTree.class, source.target()).directory();
    assertEquals("Widget-1.0.0", tree.getFileName().toString());
    assertTrue(tree.startsWith(work), tree.toString());
    assertEquals(pyproject("1.0.0"), Files.readString(tree.resolve("pyproject.toml")));
    assertTrue(
        Files.getPosixFilePermissions(tree.resolve("bin/widget"))
            .contains(PosixFilePermission.OWNER_EXECUTE));
    assertEquals(Path.of("../README.md"), Files.readSymbolicLink(tree.resolve("docs/README.md")));
    assertEquals(
        Map.of(
            "POETRY_DYNAMIC_VERSIONING_OVERRIDE",
            "widget=1.0.0",
            "SETUPTOOLS_SCM_PRETEND_VERSION_FOR_WIDGET",
            "1.0.0"),
        source.buildEnvironment());
    assertTrue(source.notes().get(0).startsWith("ref 1.0.0: "), source.notes().toString());
    assertEquals(List.of("/api/v3/repos/acme/Widget/releases/tags/1.0.0"), apiPaths(before));
    // Nothing but the unpacked tree is left in the work directory.
    try (Stream<Path> left = Files.walk(work, 3)) {
      assertEquals(
          List.of(tree.getParent().getParent(), tree.getParent(), tree),
          left.filter(p -> !p.equals(work)).sorted().toList());
    }
  }

  @Test
  void aTagReleasedOnlyAsVTagIsFoundAndItsRefRemembered() throws Exception {
    int before = server.requests().size();
    ResolvedSource source =
        resolve(context(Map.of(), Optional.empty()), "repo", REPO, "ver", "2.0.0");

    assertEquals("2.0.0", source.version());
    assertEquals(PUBLISHED_2.getEpochSecond(), source.epoch().seconds());
    assertTrue(source.epoch().origin().contains("release v2.0.0"), source.epoch().origin());
    Path tree = ((InstallTarget.SourceTree) source.target()).directory();
    assertEquals(pyproject("2.0.0"), Files.readString(tree.resolve("pyproject.toml")));
    assertEquals(
        List.of(
            "/api/v3/repos/acme/Widget/releases/tags/2.0.0",
            "/api/v3/repos/acme/Widget/releases/tags/v2.0.0"),
        apiPaths(before));
    assertTrue(source.notes().get(0).startsWith("ref v2.0.0: "), source.notes().toString());
    assertTrue(
        server.requests().stream()
            .anyMatch(r -> r.path().equals("/acme/Widget/archive/refs/tags/v2.0.0.tar.gz")));
  }

  @Test
  void aTagWithNoReleaseFallsBackToItsCommitDateAndSaysSo() throws Exception {
    TestingSourceContext context = context(Map.of(), Optional.empty());
    ResolvedSource source = resolve(context, "repo", REPO, "ver", "3.0.0", "name", "Widget-Tool");

    assertEquals("Widget-Tool", source.name());
    assertEquals(
        new Epoch(
            COMMIT_3.getEpochSecond(),
            "commit date of tag v3.0.0 (2024-03-02T03:04:05Z), no GitHub release"),
        source.epoch());
    assertTrue(
        context.console().lines().stream()
            .anyMatch(
                l -> l.startsWith("warn: ") && l.contains("no GitHub release for tag v3.0.0")),
        context.console().text());
    Path tree = ((InstallTarget.SourceTree) source.target()).directory();
    assertEquals(pyproject("3.0.0"), Files.readString(tree.resolve("pyproject.toml")));
  }

  @Test
  void aFixedEpochWinsOverPublishedAt() throws Exception {
    Epoch fixed = new Epoch(42, "--epoch");
    ResolvedSource source =
        resolve(context(Map.of(), Optional.of(fixed)), "repo", REPO, "ver", "1.0.0");
    assertEquals(fixed, source.epoch());
  }

  @Test
  void aFixedEpochNeedsNoCommitDateForATagWithoutRelease() throws Exception {
    int before = server.requests().size();
    Epoch fixed = new Epoch(7, "SOURCE_DATE_EPOCH");
    TestingSourceContext context = context(Map.of(), Optional.of(fixed));
    ResolvedSource source = resolve(context, "repo", REPO, "ver", "3.0.0");
    assertEquals(fixed, source.epoch());
    assertTrue(
        apiPaths(before).stream().noneMatch(p -> p.contains("/commits/")),
        apiPaths(before).toString());
    assertTrue(
        context.console().text().contains("warn: acme/Widget has no GitHub release for tag v3.0.0"),
        context.console().text());
  }

  @Test
  void aReleaseWhoseArchiveIsMissingIsOneClearLine() {
    server.release(REPO, "6.0.0", PUBLISHED_2);
    SourceException e =
        assertThrows(
            SourceException.class,
            () -> resolve(context(Map.of(), Optional.empty()), "repo", REPO, "ver", "6.0.0"));
    assertEquals(
        "the archive of acme/Widget 6.0.0 was not found: HTTP 404 from "
            + server.url()
            + "/acme/Widget/archive/refs/tags/6.0.0.tar.gz",
        e.getMessage());
  }

  @Test
  void aDraftReleaseIsRefused() {
    SourceException e =
        assertThrows(
            SourceException.class,
            () -> resolve(context(Map.of(), Optional.empty()), "repo", REPO, "ver", "4.0.0"));
    assertEquals(
        "the GitHub release v4.0.0 of acme/Widget is a draft: publish it, or vendor a published release",
        e.getMessage());
    assertEquals(1, e.exitCode());
  }

  @Test
  void neitherTagNorVTagNamesBoth() throws Exception {
    int before = server.requests().size();
    SourceException e =
        assertThrows(
            SourceException.class,
            () -> resolve(context(Map.of(), Optional.empty()), "repo", REPO, "ver", "5.0.0"));
    assertEquals(
        "acme/Widget has no GitHub release or tag named '5.0.0' or 'v5.0.0'", e.getMessage());
    assertEquals(
        List.of(
            "/api/v3/repos/acme/Widget/releases/tags/5.0.0",
            "/api/v3/repos/acme/Widget/releases/tags/v5.0.0",
            "/api/v3/repos/acme/Widget/git/ref/tags/5.0.0",
            "/api/v3/repos/acme/Widget/git/ref/tags/v5.0.0",
            "/api/v3/repos/acme/Widget"),
        apiPaths(before));
    try (Stream<Path> left = Files.list(work)) {
      assertEquals(List.of(), left.toList(), "nothing written");
    }
  }

  @Test
  void anUnknownRepositoryIsNamed() {
    SourceException e =
        assertThrows(
            SourceException.class,
            () ->
                resolve(
                    context(Map.of(), Optional.empty()), "repo", "acme/Nothing", "ver", "1.0.0"));
    assertEquals("GitHub has no repository acme/Nothing (or it is private)", e.getMessage());
  }

  @Test
  void theTokenIsSentToTheApiOnlyAndNeverPrinted() throws Exception {
    String token = "ghp_s3cretTOKENvalue";
    int before = server.requests().size();
    TestingSourceContext context = context(Map.of("GITHUB_TOKEN", token), Optional.empty());
    ResolvedSource source = resolve(context, "repo", REPO, "ver", "2.0.0");

    List<GithubServer.Request> seen = server.requests().subList(before, server.requests().size());
    for (GithubServer.Request request : seen) {
      if (request.path().startsWith("/api/")) {
        assertEquals("Bearer " + token, request.headers().get("authorization"), request.path());
        assertEquals("application/vnd.github+json", request.headers().get("accept"));
        assertEquals(GithubApi.API_VERSION, request.headers().get("x-github-api-version"));
      } else {
        assertFalse(
            request.headers().containsKey("authorization"), "no token to " + request.path());
      }
    }
    assertTrue(
        seen.stream().anyMatch(r -> !r.path().startsWith("/api/")), "the archive was fetched");
    assertFalse(context.console().text().contains(token));
    assertFalse(source.toString().contains(token));
  }

  @Test
  void aRateLimitSaysWhenItResetsAndToSetGithubToken() throws Exception {
    try (GithubServer limited = GithubServer.start()) {
      limited.rateLimited(Instant.parse("2030-01-02T03:04:05Z"));
      Map<String, List<String>> values =
          Map.of(
              "repo",
              List.of(REPO),
              "ver",
              List.of("1.0.0"),
              "github-api-url",
              List.of(limited.apiUrl()),
              "github-url",
              List.of(limited.url()));
      SourceException anonymous =
          assertThrows(
              SourceException.class,
              () ->
                  new GithubSourceProvider()
                      .resolve(new ProviderOptions(values), context(Map.of(), Optional.empty())));
      assertEquals(
          "the GitHub API rate limit is used up until 2030-01-02T03:04:05Z (UTC); set GITHUB_TOKEN to a"
              + " GitHub token for a higher limit, or wait for the reset",
          anonymous.getMessage());

      String token = "ghp_another_secret";
      SourceException withToken =
          assertThrows(
              SourceException.class,
              () ->
                  new GithubSourceProvider()
                      .resolve(
                          new ProviderOptions(values),
                          context(Map.of("GITHUB_TOKEN", token), Optional.empty())));
      assertTrue(withToken.getMessage().contains("wait for the reset"), withToken.getMessage());
      assertFalse(withToken.getMessage().contains(token));
    }
  }

  @Test
  void anotherApiFailureIsOneLineWithTheStatus() throws Exception {
    try (GithubServer failing = GithubServer.start()) {
      failing.answerApi(500, Map.of(), "{\"message\":\"Server Error\\nwith a second line\"}");
      Map<String, List<String>> values =
          Map.of(
              "repo",
              List.of(REPO),
              "ver",
              List.of("1.0.0"),
              "github-api-url",
              List.of(failing.apiUrl()),
              "github-url",
              List.of(failing.url()));
      SourceException e =
          assertThrows(
              SourceException.class,
              () ->
                  new GithubSourceProvider()
                      .resolve(new ProviderOptions(values), context(Map.of(), Optional.empty())));
      assertEquals(
          "the GitHub API answered HTTP 500 for "
              + failing.apiUrl()
              + "/repos/acme/Widget/releases/tags/1.0.0: Server Error with a second line",
          e.getMessage());
    }
  }
}
