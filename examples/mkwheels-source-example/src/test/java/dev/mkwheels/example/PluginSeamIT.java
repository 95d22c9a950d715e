package dev.mkwheels.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.testkit.BuildBackend;
import dev.mkwheels.testkit.IsolatedPip;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.WheelBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party source is one jar: copied into the CLI's lib folder, it shows up as {@code --local}
 * and runs, on the module path and on the class path, with no file of the six modules changed. Runs
 * the packaged CLI in a fresh JVM, as a user would.
 */
class PluginSeamIT {
  @TempDir Path temp;
  Path lib;

  @BeforeEach
  void copyTheHostsLibFolder() throws IOException {
    lib = Files.createDirectory(temp.resolve("lib"));
    try (Stream<Path> jars = Files.list(Path.of(System.getProperty("mkwheels.lib")))) {
      for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
        Files.copy(jar, lib.resolve(jar.getFileName()));
      }
    }
  }

  record Result(int code, String out, String err) {}

  Result run(boolean modulePath, String... args) throws Exception {
    return run(modulePath, Map.of(), args);
  }

  /** The CLI with {@code env} as its whole environment when not empty. */
  Result run(boolean modulePath, Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (modulePath) {
      command.addAll(List.of("-p", lib.toString(), "-m", "dev.mkwheels.cli/dev.mkwheels.cli.Main"));
    } else {
      command.addAll(List.of("-cp", lib + "/*", "dev.mkwheels.cli.Main"));
    }
    command.addAll(List.of(args));
    Path out = temp.resolve("out.txt");
    Path err = temp.resolve("err.txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    if (!env.isEmpty()) {
      builder.environment().clear();
      builder.environment().putAll(env);
    }
    Process process = builder.start();
    assertTrue(process.waitFor(180, TimeUnit.SECONDS), "the CLI finished");
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  void dropInTheExampleJar() throws IOException {
    Path jar = Path.of(System.getProperty("example.jar"));
    Files.copy(jar, lib.resolve(jar.getFileName()));
  }

  @Test
  void withoutTheJarThereIsNoLocalMode() throws Exception {
    for (boolean modulePath : new boolean[] {true, false}) {
      Result help = run(modulePath, "--help");
      assertEquals(0, help.code(), help.err());
      assertFalse(help.out().contains("--local"), help.out());
      Result local = run(modulePath, "--local", "--path", temp.toString(), "--ver", "1");
      assertEquals(2, local.code());
    }
  }

  @Test
  void theDroppedInJarAddsItsModeToHelpOnTheModulePath() throws Exception {
    dropInTheExampleJar();
    assertHelpListsLocal(run(true, "--help"));
  }

  @Test
  void theDroppedInJarAddsItsModeToHelpOnTheClassPath() throws Exception {
    dropInTheExampleJar();
    assertHelpListsLocal(run(false, "--help"));
  }

  @Test
  void theDroppedInModeRunsAndItsOwnValidationAnswers() throws Exception {
    dropInTheExampleJar();
    for (boolean modulePath : new boolean[] {true, false}) {
      Result missing = run(modulePath, "--local", "--ver", "1");
      assertEquals(2, missing.code(), missing.err());
      assertTrue(missing.err().contains("--local needs --path DIR"), missing.err());

      Result empty =
          run(modulePath, "--local", "--path", temp.toString(), "--ver", "1", "--epoch", "0");
      assertEquals(2, empty.code(), empty.err());
      assertTrue(empty.err().contains("holds no pyproject.toml or setup.py"), empty.err());
    }
  }

  @Test
  void theDroppedInModeResolvesItsSource() throws Exception {
    dropInTheExampleJar();
    Path project = Files.createDirectory(temp.resolve("project"));
    Files.writeString(
        project.resolve("pyproject.toml"), "[project]\nname = \"demo\"\nversion = \"1.0\"\n");
    Result result =
        run(
            true,
            "--local",
            "--path",
            project.toString(),
            "--ver",
            "1.0",
            "--output-dir",
            temp.toString());
    assertEquals(1, result.code(), "no epoch was fixed: " + result.err());
    assertTrue(result.err().contains("--local needs --epoch or SOURCE_DATE_EPOCH"), result.err());
  }

  @Test
  void theDroppedInModeBuildsATarballEndToEnd() throws Exception {
    dropInTheExampleJar();
    Instant uploaded = Instant.parse("2024-01-01T00:00:00Z");
    try (PackageIndex index =
        PackageIndex.start()
            .add(BuildBackend.wheel(), uploaded)
            .add(WheelBuilder.wheel("tiny", "1.0").build(), uploaded)) {
      Path project = Files.createDirectory(temp.resolve("demo"));
      Files.writeString(
          project.resolve("pyproject.toml"),
          "[build-system]\nrequires = [\""
              + BuildBackend.PROJECT
              + "\"]\nbuild-backend = \""
              + BuildBackend.MODULE
              + "\"\n\n[project]\nname = \"demo\"\nversion = \"1.0\"\n"
              + "dependencies = [\"tiny\"]\n");
      Files.writeString(project.resolve("demo.py"), "import tiny\n");
      Path out = Files.createDirectory(temp.resolve("out"));
      Result result =
          run(
              true,
              IsolatedPip.environment(),
              "--local",
              "--path",
              project.toString(),
              "--ver",
              "1.0",
              "--epoch",
              "1700000000",
              "--index-url",
              index.simpleUrl(),
              "--output-dir",
              out.toString());
      assertEquals(0, result.code(), result.err());
      Path tarball = out.resolve("demo-wheels-1.0.tar.gz");
      assertTrue(Files.isRegularFile(tarball), result.out());
      Process tar = new ProcessBuilder("tar", "-tzf", tarball.toString()).start();
      String members = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(tar.waitFor(60, TimeUnit.SECONDS));
      assertTrue(members.contains("demo-wheels-1.0/tiny-1.0-py3-none-any.whl"), members);
      assertTrue(members.contains("demo-wheels-1.0/requirements.txt"), members);
    }
  }

  @Test
  void aPluginWhoseSelectorClashesWithAHostOptionIsSkippedAndEverythingElseWorks()
      throws Exception {
    dropInAClashingPlugin();
    for (boolean modulePath : new boolean[] {true, false}) {
      Result help = run(modulePath, "--help");
      assertEquals(0, help.code(), help.err());
      String warning =
          "mkwheels: warning: skipped source provider clash.JsonClash: its selector --json is one of"
              + " mkwheels' own options";
      assertTrue(help.err().contains(warning), help.err());
      assertTrue(help.out().contains("Plugins skipped"), help.out());
      assertTrue(help.out().contains("clash.JsonClash"), help.out());
      assertTrue(help.out().contains("--pypi") && help.out().contains("--gh"), help.out());

      Result gh = run(modulePath, "--gh", "--ver", "1");
      assertEquals(2, gh.code(), gh.err());
      assertTrue(gh.err().contains("--gh needs --repo"), gh.err());
      assertEquals(1, gh.err().lines().filter(l -> l.contains("skipped source provider")).count());
    }
  }

  /** Compiles a provider whose id is {@code json} against the host's API jar and drops it in. */
  private void dropInAClashingPlugin() throws Exception {
    Path src = Files.createDirectories(temp.resolve("clash-src/clash"));
    Files.writeString(
        src.resolve("JsonClash.java"),
        """
        package clash;

        import dev.mkwheels.api.*;
        import java.util.List;

        public final class JsonClash implements SourceProvider {
          public String id() { return "json"; }
          public String description() { return "a plugin that reuses a host option"; }
          public List<OptionSpec> options() { return List.of(); }
          public ResolvedSource resolve(ProviderOptions options, SourceContext context)
              throws SourceException {
            throw new SourceException("never reached");
          }
        }
        """);
    Path classes = Files.createDirectories(temp.resolve("clash-classes"));
    String api;
    try (Stream<Path> jars = Files.list(lib)) {
      api =
          jars.filter(p -> p.getFileName().toString().startsWith("mkwheels-api"))
              .findFirst()
              .orElseThrow()
              .toString();
    }
    Process javac =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "-d",
                classes.toString(),
                "-cp",
                api,
                src.resolve("JsonClash.java").toString())
            .inheritIO()
            .start();
    assertTrue(javac.waitFor(120, TimeUnit.SECONDS), "javac finished");
    int compiled = javac.exitValue();
    assertEquals(0, compiled, "the clashing plugin compiled");
    try (JarOutputStream jar =
        new JarOutputStream(Files.newOutputStream(lib.resolve("clash-plugin.jar")))) {
      jar.putNextEntry(new JarEntry("clash/JsonClash.class"));
      jar.write(Files.readAllBytes(classes.resolve("clash/JsonClash.class")));
      jar.closeEntry();
      jar.putNextEntry(new JarEntry("META-INF/services/dev.mkwheels.api.SourceProvider"));
      jar.write("clash.JsonClash\n".getBytes(StandardCharsets.UTF_8));
      jar.closeEntry();
    }
  }

  private static void assertHelpListsLocal(Result help) {
    assertEquals(0, help.code(), help.err());
    assertTrue(help.out().contains("--local"), help.out());
    assertTrue(help.out().contains("--path DIR"), help.out());
    assertTrue(help.out().contains("--pypi") && help.out().contains("--gh"), help.out());
  }
}
