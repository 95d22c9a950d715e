package dev.mkwheels.source.forgejo;

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
import dev.mkwheels.testkit.ForgejoServer;
import dev.mkwheels.testkit.GitRepo;
import dev.mkwheels.testkit.TestingSourceContext;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * The provider against a Forgejo-style server on loopback, serving archives {@code git archive}
 * made from a repository created here: the release as tagged, only as {@code v<tag>}, a draft, a
 * tag with no release, nothing at all; the token by origin; 401, 404 and 429 each in one line.
 */
class ForgejoSourceProviderTest {
  static final String REPO = "acme/Widget";
  static final Instant COMMIT_1 = Instant.parse("2024-01-02T03:04:05Z");
  static final Instant COMMIT_2 = Instant.parse("2024-02-02T03:04:05Z");
  static final Instant COMMIT_3 = Instant.parse("2024-03-02T03:04:05Z");
  static final Instant PUBLISHED_1 = Instant.parse("2024-01-05T00:00:00Z");
  static final Instant PUBLISHED_2 = Instant.parse("2024-02-05T00:00:00Z");

  static ForgejoServer server;
  static GitRepo repo;

  @TempDir Path work;
  final List<TestingSourceContext> contexts = new ArrayList<>();

  @BeforeAll
  static void publish(@TempDir Path repoDir) {
    repo = GitRepo.init(repoDir.resolve("widget"));
    repo.write("pyproject.toml", pyproject("1.0.0")).write("src/widget/__init__.py", "");
    repo.commit("one", COMMIT_1);
    repo.tag("1.0.0").tag("v4.0.0");
    repo.write("pyproject.toml", pyproject("2.0.0")).commit("two", COMMIT_2);
    repo.tag("v2.0.0");
    repo.write("pyproject.toml", pyproject("3.0.0")).commit("three", COMMIT_3);
    repo.annotatedTag("v3.0.0", COMMIT_3.plusSeconds(60));
    server = start();
  }

  static ForgejoServer start() {
    try {
      return ForgejoServer.start()
          .publish(repo, REPO, "1.0.0", Optional.of(PUBLISHED_1))
          .publish(repo, REPO, "v2.0.0", Optional.of(PUBLISHED_2))
          .publish(repo, REPO, "v3.0.0", Optional.empty())
          .publish(repo, REPO, "v4.0.0", Optional.empty())
          .draftRelease(REPO, "v4.0.0", PUBLISHED_2);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String pyproject(String version) {
    return "[project]\nname = \"widget\"\nversion = \"" + version + "\"\n";
  }

  static ProviderOptions options(ForgejoServer on, String... pairs) {
    Map<String, List<String>> values = new HashMap<>();
    values.put("repo", List.of(REPO));
    values.put("forgejo-url", List.of(on.url()));
    for (int i = 0; i < pairs.length; i += 2) {
      values.put(pairs[i], List.of(pairs[i + 1]));
    }
    return new ProviderOptions(values);
  }

  ResolvedSource resolve(TestingSourceContext context, ProviderOptions options)
      throws SourceException {
    return new ForgejoSourceProvider().resolve(options, context);
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
    assertEquals("widget", source.name(), "the repository name, lower-cased");
    assertEquals("1.0.0", source.version());
    assertEquals(PUBLISHED_1.getEpochSecond(), source.epoch().seconds());
    assertEquals("Forgejo release 1.0.0 published_at " + PUBLISHED_1, source.epoch().origin());
    Path tree = assertInstanceOf(InstallTarget.SourceTree.class, source.target()).directory();
    assertEquals("Widget", tree.getFileName().toString());
    assertTrue(Files.readString(tree.resolve("pyproject.toml")).contains("\"1.0.0\""));
    assertTrue(
        source.notes().contains("source " + server.url() + "/acme/Widget/archive/1.0.0.tar.gz"),
        source.notes().toString());
    assertTrue(
        source.notes().contains("ref 1.0.0: the Forgejo release tagged '1.0.0'"),
        source.notes().toString());
  }

  @Test
  void withNoReleaseTaggedAsGivenTheVTagReleaseIsUsed() throws Exception {
    int before = server.requests().size();
    ResolvedSource source = resolve(context(Map.of()), options(server, "ver", "2.0.0"));
    assertEquals(PUBLISHED_2.getEpochSecond(), source.epoch().seconds());
    assertTrue(
        source
            .notes()
            .contains("ref v2.0.0: the Forgejo release tagged 'v2.0.0' ('2.0.0' has none)"),
        source.notes().toString());
    List<String> asked =
        server.requests().subList(before, server.requests().size()).stream()
            .map(ForgeRequest::target)
            .toList();
    assertEquals(
        List.of(
            "/api/v1/repos/acme/Widget/releases/tags/2.0.0",
            "/api/v1/repos/acme/Widget/releases/tags/v2.0.0",
            "/acme/Widget/archive/v2.0.0.tar.gz"),
        asked);
  }

  @Test
  void aTagWithNoReleaseGivesItsCommitDateAndSaysSo() throws Exception {
    TestingSourceContext context = context(Map.of());
    ResolvedSource source = resolve(context, options(server, "ver", "3.0.0"));
    assertEquals(COMMIT_3.getEpochSecond(), source.epoch().seconds());
    assertEquals("commit date of tag v3.0.0 " + COMMIT_3, source.epoch().origin());
    assertTrue(
        source
            .notes()
            .contains(
                "ref v3.0.0: a tag with no Forgejo release ('3.0.0' and 'v3.0.0' have none); the"
                    + " epoch is its commit date"),
        source.notes().toString());
    assertTrue(
        context
            .console()
            .lines()
            .contains("warn: " + REPO + " has no Forgejo release for tag v3.0.0"));
  }

  @Test
  void aFixedEpochWinsAndADraftIsRefused() throws Exception {
    Epoch fixed = new Epoch(42, "--epoch");
    ResolvedSource source =
        new ForgejoSourceProvider()
            .resolve(options(server, "ver", "3.0.0"), context(Map.of(), Optional.of(fixed)));
    assertEquals(fixed, source.epoch());
    SourceException draft =
        assertThrows(
            SourceException.class,
            () -> resolve(context(Map.of()), options(server, "ver", "4.0.0")));
    assertEquals(
        "the Forgejo release of repository acme/Widget tag v4.0.0 is a draft: publish it first",
        draft.getMessage());
  }

  @Test
  void forgejoTokenGoesAsAuthorizationTokenToTheForgeOnly() throws Exception {
    int before = server.requests().size();
    TestingSourceContext with = context(Map.of("FORGEJO_TOKEN", "fj-secret"));
    ResolvedSource source = resolve(with, options(server, "ver", "1.0.0"));
    List<ForgeRequest> seen = server.requests().subList(before, server.requests().size());
    assertFalse(seen.isEmpty());
    for (ForgeRequest request : seen) {
      assertEquals("token fj-secret", request.headers().get("authorization"), request.target());
    }
    assertTrue(
        with.console().lines().stream()
            .anyMatch(n -> n.startsWith("progress: FORGEJO_TOKEN sent to ")));
    assertEquals(
        resolve(context(Map.of()), options(server, "ver", "1.0.0")).notes(),
        source.notes(),
        "the notes (and so the tarball) do not depend on the token");
    assertFalse(source.notes().toString().contains("fj-secret"), source.notes().toString());
  }

  @Test
  void noSuchRepositoryAndNoSuchTagAreOneLineEach() {
    SourceException repository =
        assertThrows(
            SourceException.class,
            () -> resolve(context(Map.of()), options(server, "repo", "acme/nothing", "ver", "1")));
    assertEquals(
        "Forgejo has no repository acme/nothing (or it is private) at "
            + server.url()
            + ", looking for tag 1",
        repository.getMessage());
    SourceException tag =
        assertThrows(
            SourceException.class, () -> resolve(context(Map.of()), options(server, "ver", "9.9")));
    assertEquals(
        "Forgejo repository acme/Widget has no release or tag named '9.9' or 'v9.9'",
        tag.getMessage());
  }

  @Test
  void refusalsSayWhetherTheTokenWasSetButNeverItsValue() throws Exception {
    try (ForgejoServer refusing = start()) {
      refusing.answerApi(401, Map.of(), "{\"message\":\"token is required\"}");
      SourceException with =
          assertThrows(
              SourceException.class,
              () ->
                  resolve(
                      context(Map.of("FORGEJO_TOKEN", "fj-secret")),
                      options(refusing, "ver", "1.0.0")));
      assertEquals(
          "Forgejo refused repository acme/Widget tag 1.0.0 (401): check FORGEJO_TOKEN (it was"
              + " sent), or unset it",
          with.getMessage());
      SourceException without =
          assertThrows(
              SourceException.class,
              () -> resolve(context(Map.of()), options(refusing, "ver", "1.0.0")));
      assertEquals(
          "Forgejo refused repository acme/Widget tag 1.0.0 (401): FORGEJO_TOKEN is not set; set it"
              + " for a private repository",
          without.getMessage());
    }
  }

  @Test
  void theArchiveRequestCarriesTheTokenButItsRedirectToAnotherOriginDoesNot() throws Exception {
    try (ForgejoServer redirecting = start().redirectArchives(true)) {
      resolve(context(Map.of("FORGEJO_TOKEN", "fj-secret")), options(redirecting, "ver", "1.0.0"));
      List<ForgeRequest> archive =
          redirecting.requests().stream().filter(r -> r.target().contains("archive")).toList();
      assertEquals(2, archive.size(), archive.toString());
      assertFalse(archive.get(0).storage());
      assertEquals("token fj-secret", archive.get(0).headers().get("authorization"));
      assertTrue(archive.get(1).storage());
      assertFalse(archive.get(1).headers().toString().contains("fj-secret"), archive.toString());
    }
  }

  @Test
  void aMissingArchiveIsOneLineNamingIt() throws Exception {
    try (ForgejoServer empty = start()) {
      empty.answerArchive(404, "Not Found");
      SourceException e =
          assertThrows(
              SourceException.class,
              () -> resolve(context(Map.of()), options(empty, "ver", "1.0.0")));
      assertTrue(
          e.getMessage()
              .startsWith(
                  "the Forgejo archive of repository acme/Widget tag 1.0.0 was not found: HTTP 404"),
          e.getMessage());
      assertEquals(1, e.getMessage().lines().count());
    }
  }

  @Test
  void aRateLimitSaysWhenToRetry() throws Exception {
    try (ForgejoServer limited = start()) {
      limited.answerApi(429, Map.of("Retry-After", "7"), "Too Many Requests");
      SourceException e =
          assertThrows(
              SourceException.class,
              () -> resolve(context(Map.of()), options(limited, "ver", "1.0.0")));
      assertEquals(
          "Forgejo's rate limit is used up (429) for repository acme/Widget tag 1.0.0: retry in 7"
              + " seconds, or set FORGEJO_TOKEN for a higher limit",
          e.getMessage());
    }
  }

  @Test
  void aMalformedRepoIsRefusedBeforeAnyRequest() {
    int before = server.requests().size();
    for (String bad : List.of("widget", "acme/", "/widget", "a/b/c", "../w", "acme/..", "a b/c")) {
      InvalidOptionException e =
          assertThrows(
              InvalidOptionException.class,
              () -> resolve(context(Map.of()), options(server, "repo", bad, "ver", "1")),
              bad);
      assertTrue(
          e.getMessage().startsWith("--repo '" + bad + "' is not OWNER/REPO"), e.getMessage());
    }
    assertThrows(
        InvalidOptionException.class,
        () -> resolve(context(Map.of()), options(server, "ver", "1", "forgejo-url", "x://u@h")));
    assertEquals(before, server.requests().size());
  }
}
