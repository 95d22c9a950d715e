package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.testkit.BuildBackend;
import dev.mkwheels.testkit.ForgeRequest;
import dev.mkwheels.testkit.GitRepo;
import dev.mkwheels.testkit.GitlabServer;
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
 * {@code mkwheels --gitlab} run as a user runs it (the packaged CLI in a fresh JVM, real pip, real
 * git) against a GitLab-style server on loopback: a project in a subgroup, released as {@code
 * v1.2.3} while the user passes {@code --ver 1.2.3}, with a PyPI dependency and a git dependency.
 */
class GitlabModeIT {
  static final String PROJECT = "acme/py/GlTool";
  static final Instant T1 = Instant.parse("2024-05-01T10:00:00Z");
  static final Instant T2 = Instant.parse("2024-05-02T10:00:00Z");
  static final Instant RELEASED = Instant.parse("2024-05-03T12:34:56Z");
  static final String SECRET = "glpat-s3cr3t-value";

  @TempDir static Path shared;
  static PackageIndex index;
  static GitlabServer gitlab;
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
        GitRepo.init(shared.resolve("repos/GlTool"))
            .write(
                "pyproject.toml",
                GhModeIT.pyproject(
                    "gltool", "1.2.3", "\"alpha\", \"gdep @ " + gdep.pipUrl() + "@v0.5\""))
            .write("gltool/__init__.py", "import alpha, gdep\n");
    project.commit("1.2.3", T2);
    project.annotatedTag("v1.2.3", T2);
    gitlab = published();
  }

  static GitlabServer published() throws IOException {
    return GitlabServer.start().publish(project, PROJECT, "v1.2.3", Optional.of(RELEASED));
  }

  @AfterAll
  static void stop() {
    index.close();
    gitlab.close();
  }

  static String[] args(GitlabServer server, String name, Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--gitlab",
                "--project",
                name,
                "--ver",
                "1.2.3",
                "--gitlab-url",
                server.url(),
                "--index-url",
                index.simpleUrl(),
                "--output-dir",
                out.toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void aTagArchiveWithAGitDependencyVendorsByteIdenticallyAndTheTokenGoesToGitlabOnly()
      throws Exception {
    Path tmpdir = Files.createDirectory(temp.resolve("tmp"));
    Path out1 = Files.createDirectory(temp.resolve("out1"));
    Path out2 = Files.createDirectory(temp.resolve("out2"));
    int gitlabBefore = gitlab.requests().size();
    int indexBefore = index.requestHeaders().size();
    CliProcess.Result first =
        CliProcess.run(
            temp,
            tmpdir,
            Map.of("TMPDIR", tmpdir.toString(), "GITLAB_TOKEN", SECRET),
            Optional.empty(),
            args(gitlab, PROJECT, out1));
    assertEquals(0, first.code(), first.err());
    CliProcess.Result second =
        CliProcess.run(
            temp,
            tmpdir,
            Map.of("TMPDIR", tmpdir.toString(), "TZ", "Pacific/Kiritimati", "LC_ALL", "C"),
            Optional.of("077"),
            args(gitlab, PROJECT, out2));
    assertEquals(0, second.code(), second.err());
    Path tarball = out1.resolve("gltool-wheels-1.2.3.tar.gz");
    assertArrayEquals(
        Files.readAllBytes(tarball),
        Files.readAllBytes(out2.resolve("gltool-wheels-1.2.3.tar.gz")),
        "byte-identical under another umask and time zone, with and without a token");
    assertEquals(List.of(), GhModeIT.list(tmpdir), "no work directory left");

    List<String> lines = first.out().lines().toList();
    assertTrue(lines.contains("epoch: " + RELEASED.getEpochSecond()), first.out());
    assertTrue(lines.contains("distributions: 3"), "alpha, gdep, mkw-backend: " + first.out());
    assertFalse(first.out().contains(SECRET) || first.err().contains(SECRET), first.err());

    List<ForgeRequest> seen = gitlab.requests().subList(gitlabBefore, gitlab.requests().size());
    List<String> targets = seen.stream().map(ForgeRequest::target).toList();
    String api = "/api/v4/projects/acme%2Fpy%2FGlTool";
    assertEquals(
        List.of(
            api + "/releases/1.2.3",
            api + "/releases/v1.2.3",
            api + "/repository/archive.tar.gz?sha=v1.2.3"),
        targets.subList(0, 3),
        "the tag fallback: 1.2.3 has no release, v1.2.3 has");
    for (ForgeRequest request : seen.subList(0, 3)) {
      assertEquals(SECRET, request.headers().get("private-token"), request.target());
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
    try (GitlabServer redirecting = published().redirectArchives(true)) {
      CliProcess.Result result =
          CliProcess.run(
              temp,
              tmpdir,
              Map.of("TMPDIR", tmpdir.toString(), "CI_JOB_TOKEN", SECRET),
              Optional.empty(),
              args(redirecting, PROJECT, out));
      assertEquals(0, result.code(), result.err());
      List<ForgeRequest> storage =
          redirecting.requests().stream().filter(ForgeRequest::storage).toList();
      assertEquals(1, storage.size(), redirecting.requests().toString());
      assertFalse(storage.get(0).headers().toString().contains(SECRET), storage.toString());
      assertTrue(
          redirecting.requests().stream()
              .filter(r -> !r.storage())
              .allMatch(r -> SECRET.equals(r.headers().get("job-token"))),
          "CI_JOB_TOKEN as JOB-TOKEN to the instance: " + redirecting.requests());
    }
  }

  @Test
  void missingProjectRefusedTokenRateLimitAndMissingArchiveAreOneLineEachAndExit1()
      throws Exception {
    Path tmpdir = Files.createDirectory(temp.resolve("tmp"));
    Path out = Files.createDirectory(temp.resolve("out"));
    Map<String, String> env = new HashMap<>(Map.of("TMPDIR", tmpdir.toString()));

    String missing = fail(tmpdir, env, args(gitlab, "acme/none", out), "acme/none");
    assertEquals(
        "mkwheels: GitLab has no project acme/none (or it is private) at "
            + gitlab.url()
            + ", looking for tag 1.2.3",
        missing);

    try (GitlabServer refusing = published()) {
      refusing.answerApi(401, Map.of(), "{\"message\":\"401 Unauthorized\"}");
      env.put("GITLAB_TOKEN", SECRET);
      String refused = fail(tmpdir, env, args(refusing, PROJECT, out), PROJECT);
      assertTrue(refused.contains("(401): check GITLAB_TOKEN (it was sent)"), refused);
      env.remove("GITLAB_TOKEN");

      refusing.answerApi(429, Map.of("Retry-After", "30"), "Retry later");
      String limited = fail(tmpdir, env, args(refusing, PROJECT, out), PROJECT);
      assertTrue(limited.contains("rate limit is used up (429)"), limited);
      assertTrue(limited.contains("retry in 30 seconds"), limited);

      refusing.answerApi(0, Map.of(), null).answerArchive(404, "404 Not Found");
      String archive = fail(tmpdir, env, args(refusing, PROJECT, out), PROJECT);
      assertTrue(
          archive.contains("the GitLab archive of project " + PROJECT + " tag v1.2.3"), archive);
      assertTrue(archive.contains("404"), archive);
    }
    assertEquals(List.of(), GhModeIT.list(out), "no tarball");
    assertEquals(List.of(), GhModeIT.list(tmpdir), "no work directory left");
  }

  @Test
  void aMalformedProjectIsBadUsage() throws Exception {
    Path tmpdir = Files.createDirectory(temp.resolve("tmp"));
    Path out = Files.createDirectory(temp.resolve("out"));
    CliProcess.Result result =
        CliProcess.run(
            temp,
            tmpdir,
            Map.of("TMPDIR", tmpdir.toString()),
            Optional.empty(),
            args(gitlab, "no-group", out));
    assertEquals(2, result.code(), result.err());
    assertTrue(result.err().contains("--project 'no-group' is not GROUP"), result.err());
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
