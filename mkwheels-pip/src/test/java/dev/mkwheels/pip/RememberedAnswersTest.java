package dev.mkwheels.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file store behind {@link InterpreterProbe#startRemembering} (the probe's own test runs it).
 */
class RememberedAnswersTest {
  @TempDir Path cache;

  final ChildEnvironment env = ChildEnvironment.of(Map.of("PATH", "/usr/bin"));

  RememberedAnswers answers() {
    return RememberedAnswers.of(Map.of(RememberedAnswers.VARIABLE, cache.toString())).orElseThrow();
  }

  Set<Path> files() throws IOException {
    try (Stream<Path> list = Files.list(cache)) {
      return new TreeSet<>(list.toList());
    }
  }

  @Test
  void runsFromTwoDirectoriesKeepAnAnswerEach() {
    RememberedAnswers answers = answers();
    answers.write("python3", env, "/home/a", "{\"from\": \"a\"}");
    answers.write("python3", env, "/home/b", "{\"from\": \"b\"}");
    assertEquals(Optional.of("{\"from\": \"a\"}"), answers.read("python3", env, "/home/a"));
    assertEquals(Optional.of("{\"from\": \"b\"}"), answers.read("python3", env, "/home/b"));
    assertEquals(Optional.empty(), answers.read("python3", env, "/home/c"));
    assertEquals(Optional.empty(), answers.read("python3.12", env, "/home/a"));
    ChildEnvironment other = ChildEnvironment.of(Map.of("PATH", "/opt/bin"));
    assertEquals(Optional.empty(), answers.read("python3", other, "/home/a"));
  }

  @Test
  void aShellsOwnVariablesDoNotMakeAnotherKeyButAnyOtherDoes() {
    RememberedAnswers answers = answers();
    ChildEnvironment shell =
        ChildEnvironment.of(
            Map.of("PATH", "/usr/bin", "OLDPWD", "/home/a", "SHLVL", "1", "_", "/usr/bin/env"));
    answers.write("python3", shell, "/home/a", "{\"n\": 1}");
    ChildEnvironment later =
        ChildEnvironment.of(
            Map.of("PATH", "/usr/bin", "OLDPWD", "/srv", "SHLVL", "3", "_", "./mkwheels"));
    assertEquals(Optional.of("{\"n\": 1}"), answers.read("python3", later, "/home/a"));
    assertEquals(Optional.of("{\"n\": 1}"), answers.read("python3", env, "/home/a"));
    ChildEnvironment another =
        ChildEnvironment.of(Map.of("PATH", "/usr/bin", "OLDPWD", "/srv", "PYENV_VERSION", "3.12"));
    assertEquals(Optional.empty(), answers.read("python3", another, "/home/a"));
  }

  @Test
  void anAnswerEditedSinceItWasWrittenIsNotRead() throws IOException {
    RememberedAnswers answers = answers();
    answers.write("python3", env, "/home/a", "{\"sys_platform\": \"linux\"}");
    Path file = files().iterator().next();
    String written = Files.readString(file);
    assertEquals(
        Optional.of("{\"sys_platform\": \"linux\"}"), answers.read("python3", env, "/home/a"));
    // The answer's text is a JSON string in the file: its quotes are escaped there.
    String edited = written.replace("linux", "win32");
    assertNotEquals(written, edited);
    Files.writeString(file, edited);
    assertEquals(Optional.empty(), answers.read("python3", env, "/home/a"), "its SHA-256 differs");
    String without = written.replaceAll(",\"sha256\":\"[0-9a-f]{64}\"", "");
    assertNotEquals(written, without);
    Files.writeString(file, without);
    assertEquals(Optional.empty(), answers.read("python3", env, "/home/a"), "no SHA-256");
  }

  @Test
  void onlyTheMostRecentlyWrittenAreKept() throws IOException {
    RememberedAnswers answers = answers();
    int written = RememberedAnswers.KEPT + 5;
    for (int i = 0; i < written; i++) {
      Set<Path> before = files();
      answers.write("python3", env, "/dir/" + i, "{\"n\": " + i + "}");
      // Written in the same clock tick, files would tie: each gets a time of its own.
      for (Path file : files()) {
        if (!before.contains(file)) {
          Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000L * (i + 1)));
        }
      }
    }
    // The last write pruned before its time was set: one more than KEPT may be left; the next
    // write prunes again.
    answers.write("python3", env, "/dir/" + (written - 1), "{\"n\": " + (written - 1) + "}");
    assertEquals(RememberedAnswers.KEPT, files().size(), "" + files());
    for (int i = 0; i < written; i++) {
      Optional<String> expected =
          i >= written - RememberedAnswers.KEPT
              ? Optional.of("{\"n\": " + i + "}")
              : Optional.empty();
      assertEquals(expected, answers.read("python3", env, "/dir/" + i), "answer " + i);
    }
    assertEquals(List.of(), files().stream().filter(f -> f.toString().endsWith(".tmp")).toList());
  }
}
