package dev.mkwheels.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pip 26 installs the extracted artifact from its pylock.toml alone, offline: no --find-links, no
 * index, every file taken by its {@code path}. No machine has a pip 26 by default, so the test runs
 * where one is named ({@code -Dmkwheels.pip26.python=/path/to/python} or {@code
 * MKWHEELS_TEST_PIP26}) and is skipped, saying so, elsewhere.
 */
class Pip26InstallTest {
  static final String PROPERTY = "mkwheels.pip26.python";
  static final String VARIABLE = "MKWHEELS_TEST_PIP26";

  @TempDir Path temp;

  @Test
  void pip26InstallsTheExtractedTarballFromPylockTomlOffline() throws Exception {
    String python = System.getProperty(PROPERTY, System.getenv(VARIABLE));
    assumeTrue(
        python != null && !python.isBlank(),
        "no pip 26 named: set -D" + PROPERTY + "=/path/to/python or " + VARIABLE);
    Command version =
        Command.run(temp, List.of(python, "-c", "import pip; print(pip.__version__)")).succeeded();
    int major = Integer.parseInt(version.out().strip().split("\\.")[0]);
    assertTrue(major >= 26, python + " has pip " + version.out().strip() + ", not 26 or newer");

    Path wheelhouse = Wheelhouses.create(temp.resolve("wheelhouse"));
    PackResult result =
        new Packager()
            .pack(
                new PackRequest(
                    wheelhouse, "fixture", "1.0", 1_700_000_000L, temp.resolve("out"), List.of()));
    Path work = Files.createDirectories(temp.resolve("work"));
    Command.run(work, List.of("tar", "-xzf", result.tarball().toString())).succeeded();
    Path lock = work.resolve("fixture-wheels-1.0/pylock.toml");
    Command.run(work, List.of("python3", "-m", "venv", "--without-pip", "venv")).succeeded();
    Path target = work.resolve("venv/bin/python");
    // Run from elsewhere: the lock's paths are relative to the lock, not the working directory.
    Map<String, String> env = Command.ISOLATED_PIP;
    Command.run(
            temp,
            env,
            List.of(
                python,
                "-m",
                "pip",
                "--python",
                target.toString(),
                "install",
                "--no-index",
                "-r",
                lock.toString()))
        .succeeded();
    Command imported =
        Command.run(
                work,
                List.of(
                    target.toString(),
                    "-c",
                    "import alpha, beta_pkg, gamma, zeta; print(alpha.VERSION, zeta.VERSION)"))
            .succeeded();
    assertEquals("1.0 3.0.post1", imported.out().strip());
  }
}
