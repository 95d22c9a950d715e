package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.testkit.BuildBackend;
import dev.mkwheels.testkit.ForgeRequest;
import dev.mkwheels.testkit.ForgejoServer;
import dev.mkwheels.testkit.GitRepo;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.WheelBuilder;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mkwheels --forgejo} run as a user runs it (the packaged CLI in a fresh JVM, real pip, real
 * git) against a Forgejo-style server on loopback: a repository released as {@code v1.2.3} while
 * the user passes {@code --ver 1.2.3}, with a PyPI dependency and a git dependency.
 */
class ForgejoModeIT {
  static final String REPO = "acme/FjTool";
  static final Instant T1 = Instant.parse("2024-05-01T10:00:00Z");
  static final Instant T2 = Instant.parse("2024-05-02T10:00:00Z");
  static final Instant RELEASED = Instant.parse("2024-05-03T12:34:56Z");
  static final String SECRET = "fj-s3cr3t-value";

  @TempDir static Path shared;
  static PackageIndex index;
  static ForgejoServer forgejo;
  static GitRepo project;

  @TempDir Path temp;

  @BeforeAll
  static void publish() throws IOException {
    index =
        PackageIndex.start()
            .add(BuildBackend.wheel(), T1)
            .add(WheelBuilder.wheel("alpha", "1.0").build(), T1);
    GitRepo gdep =
        GitRepo.init(shared.resolve("repos/gdep"))
            .write("pyproject.toml", GhModeIT.pyproject("gdep", "0.5", "\"alpha\""))
            .write("gdep/__init__.py", "");
    gdep.commit("0.5", T1);
    gdep.annotatedTag("v0.5", T1);
    project =
        GitRepo.init(shared.resolve("repos/FjTool"))
            .write(
                "pyproject.toml",
                GhModeIT.pyproject(
                    "fjtool", "1.2.3", "\"alpha\", \"gdep @ " + gdep.pipUrl() + "@v0.5\""))
            .write("fjtool/__init__.py", "import alpha, gdep\n");
    project.commit("1.2.3", T2);
    project.annotatedTag("v1.2.3", T2);
    forgejo = published();
  }

  static ForgejoServer published() throws IOException {
    return ForgejoServer.start().publish(project, REPO, "v1.2.3", Optional.of(RELEASED));
  }

  @AfterAll
  static void stop() {
    index.close();
    forgejo.close();
  }

  static String[] args(ForgejoServer server, String name, Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--forgejo",
                "--repo",
                name,
                "--ver",
                "1.2.3",
                "--forgejo-url",
                server.url(),
                "--index-url",
                index.simpleUrl(),
                "--output-dir",
                out.toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void aTagArchiveWithAGitDependencyVendorsByteIdenticallyAndTheTokenGoesToForgejoOnly()
      throws Exception {
    Path tmpdir = Files.createDirectory(temp.resolve("tmp"));
    Path out1 = Files.createDirectory(temp.resolve("out1"));
    Path out2 = Files.createDirectory(temp.resolve("out2"));
    int forgejoBefore = forgejo.requests().size();
    int indexBefore = index.requestHeaders().size();
    CliProcess.Result first =
        CliProcess.run(
            temp,
            tmpdir,
            Map.of("TMPDIR", tmpdir.toString(), "FORGEJO_TOKEN", SECRET),
            Optional.empty(),
            args(forgejo, REPO, out1));
    assertEquals(0, first.code(), first.err());
    CliProcess.Result second =
        CliProcess.run(
            temp,
            tmpdir,
            Map.of("TMPDIR", tmpdir.toString(), "TZ", "Pacific/Kiritimati", "LC_ALL", "C"),
            Optional.of("077"),
            args(forgejo, REPO, out2));
    assertEquals(0, second.code(), second.err());
    Path tarball = out1.resolve("fjtool-wheels-1.2.3.tar.gz");
    assertArrayEquals(
        Files.readAllBytes(tarball),
        Files.readAllBytes(out2.resolve("fjtool-wheels-1.2.3.tar.gz")),
        "byte-identical under another umask and time zone, with and without a token");
    assertEquals(List.of(), GhModeIT.list(tmpdir), "no work directory left");

    List<String> lines = first.out().lines().toList();
    assertTrue(lines.contains("epoch: " + RELEASED.getEpochSecond()), first.out());
    assertTrue(lines.contains("distributions: 3"), "alpha, gdep, mkw-backend: " + first.out());
    assertFalse(first.out().contains(SECRET) || first.err().contains(SECRET), first.err());

    List<ForgeRequest> seen = forgejo.requests().subList(forgejoBefore, forgejo.requests().size());
    List<String> targets = seen.stream().map(ForgeRequest::target).toList();
    String api = "/api/v1/repos/acme/FjTool";
    assertEquals(
        List.of(
            api + "/releases/tags/1.2.3",
            api + "/releases/tags/v1.2.3",
            "/acme/FjTool/archive/v1.2.3.tar.gz"),
        targets.subList(0, 3),
        "the tag fallback: 1.2.3 has no release, v1.2.3 has");
    for (ForgeRequest request : seen.subList(0, 3)) {
      assertEquals("token " + SECRET, request.headers().get("authorization"), request.target());
    }
    List<Map<String, String>> indexHeaders =
        index.requestHeaders().subList(indexBefore, index.requestHeaders().size());
    assertFalse(indexHeaders.isEmpty());
    assertTrue(
        indexHeaders.stream().noneMatch(h -> h.toString().contains(SECRET)),
        "the token never reaches the index: " + indexHeaders);
  }

  @Test
  void aRedirectOfTheArchiveToAnotherOriginCarriesNoToken() throws Exception {
    Path tmpdir = Files.createDirectory(temp.resolve("tmp"));
    Path out = Files.createDirectory(temp.resolve("out"));
    try (ForgejoServer redirecting = published().redirectArchives(true)) {
      CliProcess.Result result =
          CliProcess.run(
              temp,
              tmpdir,
              Map.of("TMPDIR", tmpdir.toString(), "FORGEJO_TOKEN", SECRET),
              Optional.empty(),
              args(redirecting, REPO, out));
      assertEquals(0, result.code(), result.err());
      List<ForgeRequest> storage =
          redirecting.requests().stream().filter(ForgeRequest::storage).toList();
      assertEquals(1, storage.size(), redirecting.requests().toString());
      assertFalse(storage.get(0).headers().toString().contains(SECRET), storage.toString());
      assertTrue(
          redirecting.requests().stream()
              .filter(r -> !r.storage())
              .allMatch(r -> ("token " + SECRET).equals(r.headers().get("authorization"))),
          "FORGEJO_TOKEN to the instance: " + redirecting.requests());
    }
  }

  @Test
  void missingRepoRefusedTokenRateLimitAndMissingArchiveAreOneLineEachAndExit1() throws Exception {
    Path tmpdir = Files.createDirectory(temp.resolve("tmp"));
    Path out = Files.createDirectory(temp.resolve("out"));
    Map<String, String> env = new HashMap<>(Map.of("TMPDIR", tmpdir.toString()));

    String missing = fail(tmpdir, env, args(forgejo, "acme/none", out), "acme/none");
    assertEquals(
        "mkwheels: Forgejo has no repository acme/none (or it is private) at "
            + forgejo.url()
            + ", looking for tag 1.2.3",
        missing);

    try (ForgejoServer refusing = published()) {
      refusing.answerApi(401, Map.of(), "{\"message\":\"401 Unauthorized\"}");
      env.put("FORGEJO_TOKEN", SECRET);
      String refused = fail(tmpdir, env, args(refusing, REPO, out), REPO);
      assertTrue(refused.contains("(401): check FORGEJO_TOKEN (it was sent)"), refused);
      env.remove("FORGEJO_TOKEN");

      refusing.answerApi(429, Map.of("Retry-After", "30"), "Retry later");
      String limited = fail(tmpdir, env, args(refusing, REPO, out), REPO);
      assertTrue(limited.contains("rate limit is used up (429)"), limited);
      assertTrue(limited.contains("retry in 30 seconds"), limited);

      refusing.answerApi(0, Map.of(), null).answerArchive(404, "404 Not Found");
      String archive = fail(tmpdir, env, args(refusing, REPO, out), REPO);
      assertTrue(
          archive.contains("the Forgejo archive of repository " + REPO + " tag v1.2.3"), archive);
      assertTrue(archive.contains("404"), archive);
    }
    assertEquals(List.of(), GhModeIT.list(out), "no tarball");
    assertEquals(List.of(), GhModeIT.list(tmpdir), "no work directory left");
  }

  @Test
  void aMalformedRepoIsBadUsage() throws Exception {
    Path tmpdir = Files.createDirectory(temp.resolve("tmp"));
    Path out = Files.createDirectory(temp.resolve("out"));
    CliProcess.Result result =
        CliProcess.run(
            temp,
            tmpdir,
            Map.of("TMPDIR", tmpdir.toString()),
            Optional.empty(),
            args(forgejo, "no-owner", out));
    assertEquals(2, result.code(), result.err());
    assertTrue(result.err().contains("--repo 'no-owner' is not OWNER/REPO"), result.err());
  }

  /** Runs the CLI, expects exit 1 and one line on stderr naming {@code what}; returns the line. */
  String fail(Path tmpdir, Map<String, String> env, String[] args, String what) throws Exception {
    List<String> quiet = new ArrayList<>(List.of(args));
    quiet.add("--quiet");
    CliProcess.Result result =
        CliProcess.run(temp, tmpdir, env, Optional.empty(), quiet.toArray(String[]::new));
    assertEquals(1, result.code(), result.err());
    assertEquals(1, result.err().lines().count(), result.err());
    assertTrue(result.err().contains(what), result.err());
    assertFalse(result.err().contains(SECRET), result.err());
    return result.err().strip();
  }
}
