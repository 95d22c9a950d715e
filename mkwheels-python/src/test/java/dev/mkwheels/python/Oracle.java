package dev.mkwheels.python;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code oracle.py} against pip's vendored packaging once for a whole list of requests: the
 * requests go in through a file, the answers come back one JSON line each.
 */
public final class Oracle {
  /** The interpreter whose pip is the reference; {@code -Dmkwheels.python=...} picks another. */
  private static final String PYTHON = System.getProperty("mkwheels.python", "python3");

  private Oracle() {}

  /** The answers, in request order; skips the calling test when python3 or pip is missing. */
  public static List<String> ask(List<String> requests) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("mkwheels-oracle");
      Path script = dir.resolve("oracle.py");
      try (InputStream in = Oracle.class.getResourceAsStream("oracle.py")) {
        Files.write(script, in.readAllBytes());
      }
      Path input = dir.resolve("requests.jsonl");
      Files.write(input, requests, StandardCharsets.UTF_8);
      Path output = dir.resolve("answers.jsonl");
      Path errors = dir.resolve("stderr.txt");
      Process p;
      try {
        p =
            new ProcessBuilder(PYTHON, script.toString())
                .redirectInput(input.toFile())
                .redirectOutput(output.toFile())
                .redirectError(errors.toFile())
                .start();
      } catch (IOException e) {
        assumeTrue(false, "no " + PYTHON + " to compare with: " + e.getMessage());
        throw e;
      }
      if (!p.waitFor(90, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        throw new AssertionError("oracle.py did not finish in 90 s");
      }
      String err = Files.readString(errors);
      assumeTrue(
          !err.contains("ModuleNotFoundError"), "python3 has no pip._vendor.packaging: " + err);
      if (p.exitValue() != 0) {
        throw new AssertionError("oracle.py failed: " + err);
      }
      List<String> answers = Files.readAllLines(output, StandardCharsets.UTF_8);
      if (answers.size() != requests.size()) {
        throw new AssertionError(
            requests.size() + " requests but " + answers.size() + " answers: " + err);
      }
      return answers;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } finally {
      if (dir != null) {
        deleteQuietly(dir);
      }
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // a temp directory left behind is not worth failing a test for
    }
  }
}
