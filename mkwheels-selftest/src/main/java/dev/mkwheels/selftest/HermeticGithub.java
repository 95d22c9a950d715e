package dev.mkwheels.selftest;

import dev.mkwheels.testkit.BuildBackend;
import dev.mkwheels.testkit.GitRepo;
import dev.mkwheels.testkit.GithubServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@code --gh} check on loopback: a small pure-Python project in a git repository, released as
 * {@code v1.0.0} on a GitHub-style server, depending on the hermetic index's tree and on a second
 * repository through {@code name @ git+file://...}. mkwheels' own resolver vendors it: the git
 * dependency's archive is written from its pinned commit.
 */
final class HermeticGithub {
  static final String REPO = "selftest/selftest-tool";
  static final Instant PUBLISHED = Instant.parse("2025-06-07T08:09:10Z");

  private HermeticGithub() {}

  static List<Outcome> check(
      HermeticIndex index,
      ReproducibilityCheck check,
      List<String> common,
      Path work,
      Consumer<String> progress)
      throws IOException, InterruptedException {
    Path repos = Files.createDirectories(work.resolve("repos"));
    GitRepo dependency =
        project(
            GitRepo.init(repos.resolve("selftest-gitdep")),
            "selftest-gitdep",
            "0.1.0",
            List.of("selftest-lib>=1"));
    dependency.commit("selftest-gitdep 0.1.0", PUBLISHED.minusSeconds(3_600));
    dependency.tag("v0.1.0");
    GitRepo tool =
        project(
            GitRepo.init(repos.resolve("selftest-tool")),
            "selftest-tool",
            "1.0.0",
            List.of(
                "selftest-util[fast]>=0.3",
                "selftest-gitdep @ " + dependency.pipUrl() + "@v0.1.0"));
    tool.commit("selftest-tool 1.0.0", PUBLISHED.minusSeconds(60));
    tool.tag("v1.0.0");
    try (GithubServer github = GithubServer.start()) {
      github.publish(tool, REPO, "v1.0.0", Optional.of(PUBLISHED));
      List<String> args =
          new ArrayList<>(
              List.of(
                  "--gh",
                  "--repo",
                  REPO,
                  "--ver",
                  "1.0.0",
                  "--github-api-url",
                  github.apiUrl(),
                  "--github-url",
                  github.url(),
                  "--index-url",
                  index.simpleUrl(),
                  "--resolver",
                  "native"));
      args.addAll(common);
      return check.run("gh --resolver native", args, work, Optional.of(tool.directory()), progress);
    }
  }

  /** A project built by the index's tiny backend, as an sdist of it would be. */
  private static GitRepo project(GitRepo repo, String name, String version, List<String> requires) {
    String requirements = String.join(", ", requires.stream().map(r -> "\"" + r + "\"").toList());
    String module = name.replace('-', '_');
    return repo.write(
            "pyproject.toml",
            "[build-system]\nrequires = [\""
                + BuildBackend.PROJECT
                + "\"]\n"
                + "build-backend = \""
                + BuildBackend.MODULE
                + "\"\n\n[project]\nname = \""
                + name
                + "\"\n"
                + "version = \""
                + version
                + "\"\ndependencies = ["
                + requirements
                + "]\n")
        .write(
            "mkw.json",
            "{\"files\": {\""
                + module
                + "/__init__.py\": \"VERSION = '"
                + version
                + "'\\n\"}, "
                + "\"name\": \""
                + name
                + "\", \"requires\": ["
                + requirements
                + "], \"version\": \""
                + version
                + "\"}\n")
        .write(module + "/__init__.py", "VERSION = '" + version + "'\n");
  }
}
