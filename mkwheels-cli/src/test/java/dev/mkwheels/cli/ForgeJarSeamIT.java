package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.testkit.BuildBackend;
import dev.mkwheels.testkit.ForgejoServer;
import dev.mkwheels.testkit.GitRepo;
import dev.mkwheels.testkit.IsolatedPip;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.WheelBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each forge is a drop-in jar: with the GitLab provider's jar taken out of a copy of the
 * distribution's {@code lib/}, {@code --help} works and lists the other modes, {@code --gitlab} is
 * an unknown option, and {@code --pypi} and {@code --forgejo} still build their tarballs.
 */
class ForgeJarSeamIT {
  static final Instant T1 = Instant.parse("2024-05-01T10:00:00Z");

  @TempDir Path temp;

  record Result(int code, String out, String err) {}

  @Test
  void withoutTheGitlabJarTheOtherModesStillWork() throws Exception {
    Path lib = Files.createDirectory(temp.resolve("lib"));
    List<String> removed = new ArrayList<>();
    try (Stream<Path> jars = Files.list(Path.of(System.getProperty("mkwheels.lib")))) {
      for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
        if (jar.getFileName().toString().startsWith("mkwheels-source-gitlab")) {
          removed.add(jar.getFileName().toString());
        } else {
          Files.copy(jar, lib.resolve(jar.getFileName()));
        }
      }
    }
    assertEquals(1, removed.size(), "the distribution ships the GitLab provider: " + removed);

    Result help = run(lib, "--help");
    assertEquals(0, help.code(), help.err());
    assertFalse(help.out().contains("--gitlab"), help.out());
    for (String mode : List.of("--pypi", "--gh", "--forgejo")) {
      assertTrue(help.out().contains(mode), mode + " in " + help.out());
    }
    assertEquals("", help.err(), "nothing was skipped or broken");

    Result gitlab = run(lib, "--gitlab", "--project", "a/b", "--ver", "1");
    assertEquals(2, gitlab.code(), gitlab.err());

    try (PackageIndex index =
            PackageIndex.start()
                .add(BuildBackend.wheel(), T1)
                .add(WheelBuilder.wheel("tiny", "1.0").build(), T1);
        ForgejoServer forgejo = ForgejoServer.start()) {
      Path pypiOut = Files.createDirectory(temp.resolve("pypi"));
      Result pypi =
          run(
              lib,
              "--pypi",
              "--name",
              "tiny",
              "--ver",
              "1.0",
              "--pypi-url",
              index.jsonApiUrl(),
              "--index-url",
              index.simpleUrl(),
              "--output-dir",
              pypiOut.toString());
      assertEquals(0, pypi.code(), pypi.err());
      assertTrue(Files.isRegularFile(pypiOut.resolve("tiny-wheels-1.0.tar.gz")), pypi.out());

      GitRepo repo =
          GitRepo.init(temp.resolve("repos/Small"))
              .write("pyproject.toml", GhModeIT.pyproject("small", "2.0", "\"tiny\""))
              .write("small/__init__.py", "");
      repo.commit("2.0", T1);
      repo.tag("2.0");
      forgejo.publish(repo, "acme/Small", "2.0", Optional.of(T1));
      Path forgejoOut = Files.createDirectory(temp.resolve("forgejo"));
      Result built =
          run(
              lib,
              "--forgejo",
              "--repo",
              "acme/Small",
              "--ver",
              "2.0",
              "--forgejo-url",
              forgejo.url(),
              "--index-url",
              index.simpleUrl(),
              "--output-dir",
              forgejoOut.toString());
      assertEquals(0, built.code(), built.err());
      assertTrue(Files.isRegularFile(forgejoOut.resolve("small-wheels-2.0.tar.gz")), built.out());
    }
  }

  Result run(Path lib, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-p", lib.toString(), "-m", "dev.mkwheels.cli/dev.mkwheels.cli.Main"));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(temp, "out", ".txt");
    Path err = Files.createTempFile(temp, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().clear();
    builder.environment().putAll(IsolatedPip.environment());
    Process process = builder.start();
    assertTrue(process.waitFor(300, TimeUnit.SECONDS), "the CLI finished");
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
