package dev.mkwheels.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.testkit.IsolatedPip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one run of the machine's real python3 that answers for {@code pip --version}, {@code pip
 * config list} and the host target, checked against those very commands.
 */
class InterpreterProbeTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  @TempDir Path temp;
  final RecordingConsole console = new RecordingConsole();

  /** pip isolated from the machine, then reading only {@code conf} and {@code more}. */
  private Map<String, String> environment(String conf, Map<String, String> more)
      throws IOException {
    Map<String, String> env = new TreeMap<>(IsolatedPip.environment());
    env.put("PIP_CONFIG_FILE", Files.writeString(temp.resolve("pip.conf"), conf).toString());
    env.putAll(more);
    return env;
  }

  private static String pip(Map<String, String> env, String... args) throws PipException {
    PipResult result =
        new PipRunner("python3", env, new RecordingConsole()).run(PipCommand.of(args));
    assertTrue(result.succeeded(), result.stderr());
    return result.stdout();
  }

  @Test
  void answersWhatPipVersionPipConfigListAndTheHostTargetAnswer() throws Exception {
    Map<String, String> env =
        environment(
            """
            [global]
            index-url = https://global.example/simple
            extra-index-url = file:///a/simple file:///b/simple
            [download]
            find-links = /from/download
            """,
            Map.of("PIP_FIND_LINKS", "/from/env", "PIP_DEFAULT_TIMEOUT", "7"));
    InterpreterFacts facts;
    try (InterpreterProbe probe = InterpreterProbe.start("python3", env, MINUTE, console)) {
      facts = probe.facts();
    }
    String version =
        pip(env, "--version").lines().filter(l -> l.startsWith("pip ")).findFirst().get();
    assertEquals(PipVersion.parse(version), facts.pip());
    Map<String, String> listed = PipIndexes.parse(pip(env, "config", "list"));
    assertEquals(new TreeMap<>(listed), facts.configuration());
    assertEquals("/from/env", facts.configuration().get(":env:.find-links"), listed.toString());
    assertEquals(HostTarget.read("python3", PipRunner.childEnvironment(env)), facts.host());
    assertEquals(
        PipIndexes.of(listed, PipOptions.DEFAULTS, "download"),
        PipIndexes.of(facts.configuration(), PipOptions.DEFAULTS, "download"));
  }

  @Test
  void pipsIsolatedModeIsHonouredAsPipConfigListHonoursIt() throws Exception {
    Map<String, String> env =
        environment(
            "[global]\nindex-url = https://global.example/simple\n",
            Map.of("PIP_ISOLATED", "yes", "PIP_FIND_LINKS", "/from/env"));
    try (InterpreterProbe probe = InterpreterProbe.start("python3", env, MINUTE, console)) {
      Map<String, String> listed = new TreeMap<>(PipIndexes.parse(pip(env, "config", "list")));
      assertEquals(listed, probe.facts().configuration());
      assertFalse(listed.containsKey(":env:.find-links"), listed.toString());
    }
  }

  @Test
  void aValueOnSeveralLinesKeepsItsLineBreaks() throws Exception {
    // pip config list prints repr(value): '\nfile:///a/simple\n...' on one line, escaped.
    Map<String, String> env =
        environment(
            "[global]\nextra-index-url =\n    file:///a/simple\n    file:///b/simple\n", Map.of());
    PipRunner runner = new PipRunner("python3", env, console);
    assertEquals(
        List.of(PipIndexes.PYPI, "file:///a/simple", "file:///b/simple"),
        PipIndexes.of(runner, PipOptions.DEFAULTS, "download").indexUrls());
  }

  @Test
  void theRunnerAsksTheInterpreterOnceForVersionConfigurationAndHost() throws Exception {
    Map<String, String> env = environment("", Map.of());
    PipRunner runner = new PipRunner("python3", env, console);
    try (InterpreterProbe probe = InterpreterProbe.start("python3", env, MINUTE, console)) {
      assertTrue(runner.use(probe));
      assertEquals(probe.facts().pip(), runner.version());
      assertEquals(runner.version(), runner.version());
      assertEquals(probe.facts().configuration(), runner.configuration());
      PipIndexes.of(runner, PipOptions.DEFAULTS, "download");
      assertEquals(probe.facts().host(), runner.hostTarget());
    }
    // No pip run (each says a progress line), and one start of the interpreter (a debug line).
    assertEquals(List.of(), console.progress);
    assertEquals(
        1, console.debug.stream().filter(l -> l.startsWith(InterpreterProbe.LABEL)).count());
  }

  @Test
  void aRunnerWithNoProbeStartsOneForItsVersionAndAsksItForTheRest() throws Exception {
    PipRunner runner = new PipRunner("python3", environment("", Map.of()), console);
    PipVersion version = runner.version();
    assertTrue(version.major() >= 20, version.toString());
    runner.configuration();
    runner.hostTarget();
    assertEquals(List.of(), console.progress, "no pip --version, no pip config list");
    assertEquals(
        List.of(InterpreterProbe.LABEL + " (python3)"),
        console.debug.stream().filter(l -> l.startsWith(InterpreterProbe.LABEL)).toList());
  }

  @Test
  void aProbeOfAnotherEnvironmentOrInterpreterIsNotUsed() throws Exception {
    // Nothing runs: the interpreter does not exist.
    String python = temp.resolve("no-such-python").toString();
    Map<String, String> env = environment("", Map.of());
    Map<String, String> other = new TreeMap<>(env);
    other.put("PIP_INDEX_URL", "http://127.0.0.1:1/simple");
    try (InterpreterProbe probe = InterpreterProbe.start(python, other, MINUTE, console)) {
      assertFalse(new PipRunner(python, env, console).use(probe));
      assertFalse(new PipRunner(python + "3", other, console).use(probe));
      PipRunner runner = new PipRunner(python, other, console);
      assertTrue(runner.use(probe));
      assertFalse(runner.use(probe), "one probe per runner");
    }
  }

  @Test
  void aMissingInterpreterIsSaidAsThePipRunnerSaysIt() throws Exception {
    String missing = temp.resolve("no-such-python").toString();
    Map<String, String> env = environment("", Map.of());
    PipException version =
        assertThrows(PipException.class, new PipRunner(missing, env, console)::version);
    try (InterpreterProbe probe = InterpreterProbe.start(missing, env, MINUTE, console)) {
      PipException e = assertThrows(PipException.class, probe::facts);
      assertEquals(version.getMessage(), e.getMessage());
    }
    PipException config =
        assertThrows(PipException.class, new PipRunner(missing, env, console)::configuration);
    assertEquals(version.getMessage(), config.getMessage());
  }

  @Test
  void anInterpreterWithoutPipIsSaidAsThePipRunnerSaysIt() throws Exception {
    // The real python3, with a pip that cannot be imported ahead of the real one on its path.
    Path shadow = Files.createDirectories(temp.resolve("shadow/pip"));
    Files.writeString(
        shadow.resolve("__init__.py"), "raise ModuleNotFoundError(\"No module named 'pip'\")\n");
    Map<String, String> env = environment("", Map.of("PYTHONPATH", shadow.getParent().toString()));
    try (InterpreterProbe probe = InterpreterProbe.start("python3", env, MINUTE, console)) {
      PipException e = assertThrows(PipException.class, probe::facts);
      assertEquals(
          "the Python interpreter 'python3' (--python) has no pip; install it with 'python3 -m"
              + " ensurepip' or choose another --python",
          e.getMessage());
    }
  }

  @Test
  void aConfigurationPipRefusesIsPipConfigListFailingInOneLine() throws Exception {
    Map<String, String> env = environment("[global\nindex-url = x\n", Map.of());
    PipException e =
        assertThrows(PipException.class, new PipRunner("python3", env, console)::configuration);
    assertTrue(e.getMessage().startsWith("pip config list failed: "), e.getMessage());
    assertTrue(e.getMessage().contains("could not be loaded"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void anAnswerWithoutVersionOrConfigurationIsRefusedInOneLine() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> InterpreterProbe.parse("{\"tags\": 1}"));
    assertEquals("no pip version and configuration in: {\"tags\": 1}", e.getMessage());
  }

  /**
   * An interpreter that waits for {@code gate} to exist before it starts: a remembered answer must
   * be given while it waits.
   */
  private Path gatedPython(Path gate) throws IOException {
    Path script = temp.resolve("gated-python");
    Files.writeString(
        script,
        "#!/bin/sh\nwhile [ ! -e '" + gate + "' ]; do sleep 0.05; done\nexec python3 \"$@\"\n");
    script.toFile().setExecutable(true);
    return script;
  }

  @Test
  void aRememberedAnswerIsGivenAtOnceThenCheckedAgainstTheInterpretersOwn() throws Exception {
    Path cache = temp.resolve("cache");
    Path conf = temp.resolve("pip.conf");
    Map<String, String> env =
        environment(
            "[global]\nindex-url = https://one.example/simple\n",
            Map.of(RememberedAnswers.VARIABLE, cache.toString()));
    Path gate = temp.resolve("gate");
    String python = gatedPython(gate).toString();
    Files.createFile(gate);
    try (InterpreterProbe probe = InterpreterProbe.startRemembering(python, env, MINUTE, console)) {
      assertFalse(probe.guessing(), "nothing is remembered yet");
      assertEquals(
          "https://one.example/simple", probe.facts().configuration().get("global.index-url"));
      assertTrue(probe.confirm());
    }
    InterpreterFacts first;
    Files.delete(gate);
    try (InterpreterProbe probe = InterpreterProbe.startRemembering(python, env, MINUTE, console)) {
      assertTrue(probe.guessing());
      // The interpreter has not even started: the answer is the one remembered.
      first = probe.facts();
      assertEquals("https://one.example/simple", first.configuration().get("global.index-url"));
      Files.createFile(gate);
      assertTrue(probe.confirm(), "it answers the same");
      assertFalse(probe.guessing());
      assertEquals(first, probe.facts());
    }
    // pip.conf changes (same file, same environment): the remembered answer is given, then
    // confirm says it was wrong, and the real one takes its place, in the file too.
    Files.writeString(conf, "[global]\nindex-url = https://two.example/simple\n");
    Files.delete(gate);
    try (InterpreterProbe probe = InterpreterProbe.startRemembering(python, env, MINUTE, console)) {
      assertEquals(first, probe.facts());
      Files.createFile(gate);
      assertFalse(probe.confirm(), "the interpreter answered otherwise");
      assertEquals(
          "https://two.example/simple", probe.facts().configuration().get("global.index-url"));
    }
    try (InterpreterProbe probe = InterpreterProbe.startRemembering(python, env, MINUTE, console)) {
      assertEquals(
          "https://two.example/simple", probe.facts().configuration().get("global.index-url"));
      assertTrue(probe.confirm());
    }
    // Another environment is another key: nothing remembered for it.
    Map<String, String> other = new TreeMap<>(env);
    other.put("PIP_DEFAULT_TIMEOUT", "9");
    try (InterpreterProbe probe =
        InterpreterProbe.startRemembering(python, other, MINUTE, console)) {
      assertFalse(probe.guessing());
      assertTrue(probe.confirm());
    }
  }

  /**
   * An interpreter that writes, for each run, whether it was given the whole script or only the
   * witness check to {@code log}, then runs the interpreter named in {@code choice} (python3 while
   * that file does not exist).
   */
  private Path loggingPython(Path log, Path choice) throws IOException {
    Path script = temp.resolve("logging-python");
    Files.writeString(
        script,
        """
        #!/bin/sh
        case "$2" in *iter_config_files*) echo script ;; *) echo check ;; esac >>'LOG'
        exec "$(cat 'CHOICE' 2>/dev/null || echo python3)" "$@"
        """
            .replace("LOG", log.toString())
            .replace("CHOICE", choice.toString()));
    script.toFile().setExecutable(true);
    return script;
  }

  /** Each run's remembered answer, checked: true when it held. */
  private boolean remembering(String python, Map<String, String> env) throws PipException {
    try (InterpreterProbe probe = InterpreterProbe.startRemembering(python, env, MINUTE, console)) {
      InterpreterFacts given = probe.facts();
      boolean held = probe.confirm();
      assertEquals(held, given.equals(probe.facts()));
      return held;
    }
  }

  @Test
  void aRememberedAnswerIsConfirmedByItsWitnessWithoutPipUntilAFileItNamesChanges()
      throws Exception {
    Path log = temp.resolve("runs.log");
    Path conf = temp.resolve("pip.conf");
    Map<String, String> env =
        environment(
            "[global]\nindex-url = https://one.example/simple\n",
            Map.of(RememberedAnswers.VARIABLE, temp.resolve("cache").toString()));
    String python = loggingPython(log, temp.resolve("choice")).toString();
    assertTrue(remembering(python, env), "nothing remembered: the interpreter's own answer");
    assertEquals(List.of("script"), Files.readAllLines(log));
    assertTrue(remembering(python, env));
    assertEquals(List.of("script", "check"), Files.readAllLines(log), "pip was not imported");
    assertTrue(remembering(python, env));
    assertEquals(List.of("script", "check", "check"), Files.readAllLines(log));

    // pip.conf is edited: its witness no longer holds, the whole script runs and answers otherwise.
    Files.writeString(conf, "[global]\nindex-url = https://two.example/simple\n");
    assertFalse(remembering(python, env));
    assertEquals(List.of("check", "script"), Files.readAllLines(log).subList(3, 5));
    assertTrue(remembering(python, env), "the new answer is remembered, with its witness");
    assertEquals(List.of("check"), Files.readAllLines(log).subList(5, 6));

    // A configuration file appears where pip looked and found none.
    Path later = temp.resolve("later.conf");
    Map<String, String> waiting = new TreeMap<>(env);
    waiting.put("PIP_CONFIG_FILE", later.toString());
    assertTrue(remembering(python, waiting));
    assertTrue(remembering(python, waiting));
    Files.writeString(later, "[global]\nindex-url = https://three.example/simple\n");
    assertFalse(remembering(python, waiting));
    assertEquals(
        List.of("script", "check", "check", "script"), Files.readAllLines(log).subList(6, 10));
  }

  @Test
  void anotherInterpreterBehindTheSameNameIsSeenByTheWitness() throws Exception {
    Path log = temp.resolve("runs.log");
    Path choice = temp.resolve("choice");
    Map<String, String> env =
        environment("", Map.of(RememberedAnswers.VARIABLE, temp.resolve("cache").toString()));
    String python = loggingPython(log, choice).toString();
    assertTrue(remembering(python, env));
    assertTrue(remembering(python, env));
    assertEquals(List.of("script", "check"), Files.readAllLines(log));
    // The same interpreter by another path: sys.executable differs, so the witness does not hold.
    // Its whole answer is the same facts, so what was done with the remembered one stands.
    String real =
        new String(
                new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)")
                    .start()
                    .getInputStream()
                    .readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8)
            .strip();
    Path other = Files.createSymbolicLink(temp.resolve("other-python3"), Path.of(real));
    Files.writeString(choice, other.toString());
    assertTrue(remembering(python, env), "the same facts");
    assertEquals(List.of("script", "check", "check", "script"), Files.readAllLines(log));
    assertTrue(remembering(python, env));
    assertEquals(
        List.of("script", "check", "check", "script", "check"),
        Files.readAllLines(log),
        "the answer is remembered again with the new witness");
  }

  @Test
  void anAnswerWithACredentialIsNotRemembered() throws Exception {
    Path cache = temp.resolve("cache");
    Map<String, String> env =
        environment(
            "",
            Map.of(
                RememberedAnswers.VARIABLE,
                cache.toString(),
                "PIP_INDEX_URL",
                "https://user:s3cret@index.example/simple"));
    try (InterpreterProbe probe =
        InterpreterProbe.startRemembering("python3", env, MINUTE, console)) {
      assertTrue(probe.confirm());
      assertEquals(
          "https://user:s3cret@index.example/simple",
          probe.facts().configuration().get(":env:.index-url"));
    }
    assertFalse(Files.exists(cache) && Files.list(cache).findAny().isPresent(), "nothing kept");
  }

  @Test
  void whereAnswersAreKept() {
    assertEquals(
        Path.of("/c/mkwheels"),
        RememberedAnswers.of(Map.of("XDG_CACHE_HOME", "/c", "HOME", "/h")).get().directory());
    assertEquals(
        Path.of("/h/.cache/mkwheels"),
        RememberedAnswers.of(Map.of("HOME", "/h")).get().directory());
    assertEquals(
        Path.of("/m"),
        RememberedAnswers.of(Map.of(RememberedAnswers.VARIABLE, "/m", "HOME", "/h"))
            .get()
            .directory());
    assertTrue(
        RememberedAnswers.of(Map.of(RememberedAnswers.VARIABLE, "", "HOME", "/h")).isEmpty(),
        "set and empty: nowhere");
    assertTrue(RememberedAnswers.of(Map.of("HOME", "relative")).isEmpty());
  }
}
