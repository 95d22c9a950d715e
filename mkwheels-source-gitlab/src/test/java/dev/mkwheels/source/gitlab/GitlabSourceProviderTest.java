package dev.mkwheels.source.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.api.Epoch;
import dev.mkwheels.api.InstallTarget;
import dev.mkwheels.api.InvalidOptionException;
import dev.mkwheels.api.ProviderOptions;
import dev.mkwheels.api.ResolvedSource;
import dev.mkwheels.api.SourceException;
import dev.mkwheels.testkit.ForgeRequest;
import dev.mkwheels.testkit.GitRepo;
import dev.mkwheels.testkit.GitlabServer;
import dev.mkwheels.testkit.TestingSourceContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider against a GitLab-style server on loopback, serving archives {@code git archive} made
 * from a repository created here: the release as tagged, only as {@code v<tag>}, a tag with no
 * release, nothing at all; tokens by origin; 401, 404 and 429 each in one line.
 */
class GitlabSourceProviderTest {
  static final String PROJECT = "acme/tools/Widget";
  static final Instant COMMIT_1 = Instant.parse("2024-01-02T03:04:05Z");
  static final Instant COMMIT_2 = Instant.parse("2024-02-02T03:04:05Z");
  static final Instant COMMIT_3 = Instant.parse("2024-03-02T03:04:05Z");
  static final Instant RELEASED_1 = Instant.parse("2024-01-05T00:00:00Z");
  static final Instant RELEASED_2 = Instant.parse("2024-02-05T00:00:00Z");

  static GitlabServer server;
  static GitRepo repo;

  @TempDir Path work;
  final List<TestingSourceContext> contexts = new ArrayList<>();

  @BeforeAll
  static void publish(@TempDir Path repoDir) {
    repo = GitRepo.init(repoDir.resolve("widget"));
    repo.write("pyproject.toml", pyproject("1.0.0")).write("src/widget/__init__.py", "");
    repo.commit("one", COMMIT_1);
    repo.tag("1.0.0");
    repo.write("pyproject.toml", pyproject("2.0.0")).commit("two", COMMIT_2);
    repo.tag("v2.0.0");
    repo.write("pyproject.toml", pyproject("3.0.0")).commit("three", COMMIT_3);
    repo.annotatedTag("v3.0.0", COMMIT_3.plusSeconds(60));
    server = start();
  }

  static GitlabServer start() {
    try {
      return GitlabServer.start()
          .publish(repo, PROJECT, "1.0.0", Optional.of(RELEASED_1))
          .publish(repo, PROJECT, "v2.0.0", Optional.of(RELEASED_2))
          .publish(repo, PROJECT, "v3.0.0", Optional.empty());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String pyproject(String version) {
    return "[project]\nname = \"widget\"\nversion = \"" + version + "\"\n";
  }

  static ProviderOptions options(GitlabServer on, String... pairs) {
    Map<String, List<String>> values = new HashMap<>();
    values.put("project", List.of(PROJECT));
    values.put("gitlab-url", List.of(on.url()));
    for (int i = 0; i < pairs.length; i += 2) {
      values.put(pairs[i], List.of(pairs[i + 1]));
    }
    return new ProviderOptions(values);
  }

  ResolvedSource resolve(TestingSourceContext context, ProviderOptions options)
      throws SourceException {
    return new GitlabSourceProvider().resolve(options, context);
  }

  TestingSourceContext context(Map<String, String> environment) {
    return context(environment, Optional.empty());
  }

  TestingSourceContext context(Map<String, String> environment, Optional<Epoch> fixed) {
    TestingSourceContext context =
        TestingSourceContext.builder()
            .environment(environment)
            .fixedEpoch(fixed)
            .workDirectoryIn(work)
            .build();
    contexts.add(context);
    return context;
  }

  @AfterEach
  void close() {
    contexts.forEach(TestingSourceContext::close);
  }

  @Test
  void theReleaseTaggedAsGivenGivesTheEpochAndItsArchiveIsUnpacked() throws Exception {
    TestingSourceContext context = context(Map.of());
    ResolvedSource source = resolve(context, options(server, "ver", "v1.0.0"));
    assertEquals("widget", source.name(), "the project's last path segment, lower-cased");
    assertEquals("1.0.0", source.version());
    assertEquals(RELEASED_1.getEpochSecond(), source.epoch().seconds());
    assertEquals("GitLab release 1.0.0 released_at " + RELEASED_1, source.epoch().origin());
    Path tree = assertInstanceOf(InstallTarget.SourceTree.class, source.target()).directory();
    assertEquals("Widget-1.0.0-" + repo.rev("1.0.0"), tree.getFileName().toString());
    assertTrue(Files.readString(tree.resolve("pyproject.toml")).contains("\"1.0.0\""));
    String archive = "/api/v4/projects/acme%2Ftools%2FWidget/repository/archive.tar.gz";
    assertTrue(
        server.requests().stream().anyMatch(r -> r.target().equals(archive + "?sha=1.0.0")),
        server.requests().toString());
    assertTrue(
        source.notes().contains("source " + server.url() + archive), source.notes().toString());
    assertTrue(
        source.notes().contains("ref 1.0.0: the GitLab release tagged '1.0.0'"),
        source.notes().toString());
    assertEquals(
        "1.0.0", source.buildEnvironment().get("SETUPTOOLS_SCM_PRETEND_VERSION_FOR_WIDGET"));
  }

  @Test
  void withNoReleaseTaggedAsGivenTheVTagReleaseIsUsed() throws Exception {
    int before = server.requests().size();
    ResolvedSource source = resolve(context(Map.of()), options(server, "ver", "2.0.0"));
    assertEquals(RELEASED_2.getEpochSecond(), source.epoch().seconds());
    assertTrue(
        source
            .notes()
            .contains("ref v2.0.0: the GitLab release tagged 'v2.0.0' ('2.0.0' has none)"),
        source.notes().toString());
    List<String> asked =
        server.requests().subList(before, server.requests().size()).stream()
            .map(ForgeRequest::target)
            .toList();
    assertEquals(
        List.of(
            "/api/v4/projects/acme%2Ftools%2FWidget/releases/2.0.0",
            "/api/v4/projects/acme%2Ftools%2FWidget/releases/v2.0.0",
            "/api/v4/projects/acme%2Ftools%2FWidget/repository/archive.tar.gz?sha=v2.0.0"),
        asked);
  }

  @Test
  void aTagWithNoReleaseGivesItsCommitDateAndSaysSo() throws Exception {
    TestingSourceContext context = context(Map.of());
    ResolvedSource source = resolve(context, options(server, "ver", "3.0.0", "name", "gadget"));
    assertEquals("gadget", source.name());
    assertEquals(COMMIT_3.getEpochSecond(), source.epoch().seconds());
    assertEquals("commit date of tag v3.0.0 " + COMMIT_3, source.epoch().origin());
    assertTrue(
        source
            .notes()
            .contains(
                "ref v3.0.0: a tag with no GitLab release ('3.0.0' and 'v3.0.0' have none);"
                    + " the epoch"
                    + " is its commit date"),
        source.notes().toString());
    assertTrue(
        context
            .console()
            .lines()
            .contains("warn: " + PROJECT + " has no GitLab release for tag v3.0.0"));
  }

  @Test
  void aFixedEpochWins() throws Exception {
    Epoch fixed = new Epoch(42, "--epoch");
    ResolvedSource source =
        new GitlabSourceProvider()
            .resolve(options(server, "ver", "3.0.0"), context(Map.of(), Optional.of(fixed)));
    assertEquals(fixed, source.epoch());
  }

  @Test
  void gitlabTokenGoesAsPrivateTokenAndOnlyItElseTheJobToken() throws Exception {
    int before = server.requests().size();
    TestingSourceContext both =
        context(Map.of("GITLAB_TOKEN", "glpat-secret", "CI_JOB_TOKEN", "job-secret"));
    ResolvedSource source = resolve(both, options(server, "ver", "1.0.0"));
    List<ForgeRequest> seen = server.requests().subList(before, server.requests().size());
    assertFalse(seen.isEmpty());
    for (ForgeRequest request : seen) {
      assertEquals("glpat-secret", request.headers().get("private-token"), request.target());
      assertFalse(request.headers().containsKey("job-token"), request.target());
    }
    assertTrue(
        both.console().lines().stream()
            .anyMatch(n -> n.startsWith("progress: GITLAB_TOKEN sent to ")));
    assertEquals(
        resolve(context(Map.of()), options(server, "ver", "1.0.0")).notes(),
        source.notes(),
        "the notes (and so the tarball) do not depend on the token");
    assertFalse(source.notes().toString().contains("secret"), source.notes().toString());

    before = server.requests().size();
    resolve(context(Map.of("CI_JOB_TOKEN", "job-secret")), options(server, "ver", "1.0.0"));
    for (ForgeRequest request : server.requests().subList(before, server.requests().size())) {
      assertEquals("job-secret", request.headers().get("job-token"), request.target());
      assertFalse(request.headers().containsKey("private-token"), request.target());
    }
  }

  @Test
  void noSuchProjectAndNoSuchTagAreOneLineEach() {
    SourceException project =
        assertThrows(
            SourceException.class,
            () ->
                resolve(context(Map.of()), options(server, "project", "acme/nothing", "ver", "1")));
    assertEquals(
        "GitLab has no project acme/nothing (or it is private) at "
            + server.url()
            + ", looking for tag 1",
        project.getMessage());
    SourceException tag =
        assertThrows(
            SourceException.class, () -> resolve(context(Map.of()), options(server, "ver", "9.9")));
    assertEquals(
        "GitLab project acme/tools/Widget has no release or tag named '9.9' or 'v9.9'",
        tag.getMessage());
  }

  @Test
  void refusalsSayWhichTokenWasOrWasNotSetButNeverItsValue() throws Exception {
    try (GitlabServer refusing = start()) {
      refusing.answerApi(401, Map.of(), "{\"message\":\"401 Unauthorized\"}");
      SourceException with =
          assertThrows(
              SourceException.class,
              () ->
                  resolve(
                      context(Map.of("GITLAB_TOKEN", "glpat-secret")),
                      options(refusing, "ver", "1.0.0")));
      assertEquals(
          "GitLab refused project acme/tools/Widget tag 1.0.0 (401): check GITLAB_TOKEN (it was"
              + " sent), or unset it",
          with.getMessage());
      refusing.answerApi(403, Map.of(), "{}");
      SourceException without =
          assertThrows(
              SourceException.class,
              () -> resolve(context(Map.of()), options(refusing, "ver", "1.0.0")));
      assertEquals(
          "GitLab refused project acme/tools/Widget tag 1.0.0 (403): GITLAB_TOKEN and CI_JOB_TOKEN"
              + " are not set; set GITLAB_TOKEN for a private project",
          without.getMessage());
    }
  }

  @Test
  void theArchiveRequestCarriesTheTokenButItsRedirectToAnotherOriginDoesNot() throws Exception {
    try (GitlabServer redirecting = start().redirectArchives(true)) {
      resolve(
          context(Map.of("GITLAB_TOKEN", "glpat-secret")), options(redirecting, "ver", "1.0.0"));
      List<ForgeRequest> archive =
          redirecting.requests().stream().filter(r -> r.target().contains("archive")).toList();
      assertEquals(2, archive.size(), archive.toString());
      assertFalse(archive.get(0).storage());
      assertEquals("glpat-secret", archive.get(0).headers().get("private-token"));
      assertTrue(archive.get(1).storage());
      assertFalse(archive.get(1).headers().toString().contains("glpat-secret"), archive.toString());
    }
  }

  @Test
  void aMissingArchiveIsOneLineNamingIt() throws Exception {
    try (GitlabServer empty = start()) {
      empty.answerArchive(404, "Not Found");
      SourceException e =
          assertThrows(
              SourceException.class,
              () -> resolve(context(Map.of()), options(empty, "ver", "1.0.0")));
      assertTrue(
          e.getMessage()
              .startsWith(
                  "the GitLab archive of project acme/tools/Widget tag 1.0.0"
                      + " was not found: HTTP 404"),
          e.getMessage());
      assertEquals(1, e.getMessage().lines().count());
    }
  }

  @Test
  void aReleaseDateBefore1970IsNoEpochUnlessOneIsFixed() throws Exception {
    try (GitlabServer old =
        GitlabServer.start()
            .publish(repo, PROJECT, "1.0.0", Optional.of(Instant.parse("1969-12-31T23:59:59Z")))) {
      SourceException e =
          assertThrows(
              SourceException.class,
              () -> resolve(context(Map.of()), options(old, "ver", "1.0.0")));
      assertEquals(
          "GitLab gives no usable GitLab release 1.0.0 released_at for project acme/tools/Widget"
              + " tag 1.0.0 (1969-12-31T23:59:59Z); pass --epoch",
          e.getMessage());
      Epoch fixed = new Epoch(1_700_000_000L, "--epoch");
      assertEquals(
          fixed,
          new GitlabSourceProvider()
              .resolve(options(old, "ver", "1.0.0"), context(Map.of(), Optional.of(fixed)))
              .epoch());
    }
  }

  @Test
  void aRateLimitSaysWhenToRetry() throws Exception {
    try (GitlabServer limited = start()) {
      limited.answerApi(429, Map.of("Retry-After", "30"), "Retry later");
      SourceException e =
          assertThrows(
              SourceException.class,
              () -> resolve(context(Map.of()), options(limited, "ver", "1.0.0")));
      assertEquals(
          "GitLab's rate limit is used up (429) for project acme/tools/Widget tag 1.0.0: retry in"
              + " 30 seconds, or set GITLAB_TOKEN for a higher limit",
          e.getMessage());
    }
  }

  @Test
  void aMalformedProjectIsRefusedBeforeAnyRequest() {
    int before = server.requests().size();
    for (String bad :
        List.of("widget", "acme/", "/widget", "acme/../widget", "acme/w.git", "a b/c")) {
      InvalidOptionException e =
          assertThrows(
              InvalidOptionException.class,
              () -> resolve(context(Map.of()), options(server, "project", bad, "ver", "1")),
              bad);
      assertTrue(
          e.getMessage().startsWith("--project '" + bad.strip() + "' is not GROUP"),
          e.getMessage());
    }
    assertThrows(
        InvalidOptionException.class,
        () -> resolve(context(Map.of()), options(server, "ver", "1", "gitlab-url", "ftp://x")));
    assertEquals(before, server.requests().size());
  }
}
