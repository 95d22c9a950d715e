package dev.mkwheels.selftest;

import dev.mkwheels.pip.ChildEnvironment;
import dev.mkwheels.pip.ChildProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Installs a tarball the way its README tells a packager to, with no index: real tar, a fresh venv,
 * real pip with {@code --no-index --require-hashes}; for a source build, the project from its
 * source tree afterwards with {@code --no-deps}.
 */
final class OfflineInstall {
  private final String python;
  private final Map<String, String> environment;

  OfflineInstall(String python, Map<String, String> environment) {
    this.python = python;
    this.environment = environment;
  }

  /** Installs into a venv under {@code work}; returns how many distributions were offered. */
  int install(Path tarball, Path work, Optional<Path> projectSource)
      throws IOException, InterruptedException {
    Path extract = Files.createDirectories(work.resolve("extract"));
    exec(List.of("tar", "-xzf", tarball.toString(), "-C", extract.toString()), "tar -xzf");
    Path wheels;
    try (Stream<Path> top = Files.list(extract)) {
      wheels = top.findFirst().orElseThrow(() -> new IOException("the tarball holds no directory"));
    }
    Path venv = work.resolve("venv");
    exec(List.of(python, "-m", "venv", venv.toString()), "python -m venv");
    String venvPython = venv.resolve("bin/python").toString();
    exec(
        List.of(
            venvPython,
            "-m",
            "pip",
            "install",
            "--no-index",
            "--find-links",
            wheels.toString(),
            "--require-hashes",
            "-r",
            wheels.resolve("requirements.txt").toString()),
        "pip install -r requirements.txt");
    if (projectSource.isPresent()) {
      exec(
          List.of(
              venvPython,
              "-m",
              "pip",
              "install",
              "--no-index",
              "--find-links",
              wheels.toString(),
              "--no-deps",
              projectSource.get().toString()),
          "pip install --no-deps <project source>");
      exec(List.of(venvPython, "-m", "pip", "check"), "pip check");
    }
    // Distributions only: the manifests (requirements.txt, pylock.toml, ...) are not counted.
    try (Stream<Path> files = Files.list(wheels)) {
      // The distributions only, not the manifests beside them (requirements.txt, sbom.cdx.json).
      return (int)
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.endsWith(".whl") || n.endsWith(".tar.gz") || n.endsWith(".zip"))
              .count();
    }
  }

  private void exec(List<String> command, String what) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
    try (ChildProcess child = ChildProcess.start(builder, ChildEnvironment.of(environment))) {
      Process process = child.process();
      byte[] output = process.getInputStream().readAllBytes();
      if (process.waitFor(10, TimeUnit.MINUTES) && process.exitValue() == 0) {
        return;
      }
      fail(what, output);
    }
  }

  private static void fail(String what, byte[] output) throws IOException {
    List<String> lines =
        new String(output, StandardCharsets.UTF_8)
            .strip()
            .lines()
            .filter(l -> !l.isBlank())
            .toList();
    String last =
        lines.stream()
            .filter(l -> l.startsWith("ERROR"))
            .reduce((a, b) -> b)
            .orElse(lines.isEmpty() ? "no output" : lines.get(lines.size() - 1));
    throw new IOException(what + " failed: " + last.strip());
  }
}
