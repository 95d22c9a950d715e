package dev.mkwheels.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party source is one jar: copied into the CLI's lib folder, it shows up as {@code
 * --local} and runs, on the module path and on the class path, with no file of the six modules
 * changed. Runs the packaged CLI in a fresh JVM, as a user would.
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
    Process process =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the CLI finished");
    return new Result(
        process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
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

      Result empty = run(modulePath, "--local", "--path", temp.toString(), "--ver", "1", "--epoch", "0");
      assertEquals(2, empty.code(), empty.err());
      assertTrue(empty.err().contains("holds no pyproject.toml or setup.py"), empty.err());
    }
  }

  @Test
  void theDroppedInModeResolvesItsSource() throws Exception {
    dropInTheExampleJar();
    Path project = Files.createDirectory(temp.resolve("project"));
    Files.writeString(project.resolve("pyproject.toml"), "[project]\nname = \"demo\"\nversion = \"1.0\"\n");
    Result result =
        run(true, "--local", "--path", project.toString(), "--ver", "1.0", "--output-dir", temp.toString());
    assertEquals(1, result.code(), "no epoch was fixed: " + result.err());
    assertTrue(result.err().contains("--local needs --epoch or SOURCE_DATE_EPOCH"), result.err());
  }

  private static void assertHelpListsLocal(Result help) {
    assertEquals(0, help.code(), help.err());
    assertTrue(help.out().contains("--local"), help.out());
    assertTrue(help.out().contains("--path DIR"), help.out());
    assertTrue(help.out().contains("--pypi") && help.out().contains("--gh"), help.out());
  }
}
