package dev.mkwheels.pip;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mkwheels.api.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of the interpreter for everything a run asks it before pip does any work: pip's version
 * (what {@code pip --version} prints), pip's configuration (what {@code pip config list} lists,
 * read by pip's own {@code pip._internal.configuration}, isolated mode included) and the host's
 * tags and markers ({@link HostTarget}, with pip's vendored packaging). Each of those started the
 * interpreter and imported pip once (about 0.7 s each here); this starts it once, when {@link
 * #start} is called, and the caller's thread goes on while it runs. {@link #facts} waits for the
 * answer; {@link #close} kills the interpreter if it still runs. Thread-safe.
 *
 * <p>Failures read as {@link PipRunner}'s: an interpreter that cannot be started or has no pip is
 * said in the same words, a configuration pip refuses as {@code pip config list failed: ...}.
 */
public final class InterpreterProbe implements AutoCloseable {
  /** The label of the run, on the console and in a timeout's message. */
  static final String LABEL = "reading pip's version, configuration and tags";

  /**
   * Prints {"pip": "pip X from DIR (python X.Y)", "config": {...}, "tags": [...], "environment":
   * {...}}. The configuration is loaded as {@code pip config list} loads it: isolated when {@code
   * isolated} is set for the {@code config} command (in {@code [global]}, {@code [config]} or
   * {@code PIP_ISOLATED}, the last one set wins); exit 3 when pip refuses it.
   */
  static final String SCRIPT =
      """
      import json, os, sys
      try:
          import pip
      except ImportError:
          sys.stderr.write('No module named pip\\n')
          sys.exit(1)
      from pip._vendor.packaging import markers, tags
      from pip._internal.configuration import Configuration
      from pip._internal.exceptions import ConfigurationError
      def strtobool(value):
          # pip's own (pip._internal.utils.misc, not in older pips)
          value = value.lower()
          if value in ('y', 'yes', 't', 'true', 'on', '1'):
              return 1
          if value in ('n', 'no', 'f', 'false', 'off', '0'):
              return 0
          raise ValueError('invalid truth value %r' % (value,))
      def load(isolated):
          c = Configuration(isolated=isolated)
          c.load()
          return dict(c.items())
      try:
          config = load(False)
          isolated = None
          for section in ('global', 'config', ':env:'):
              isolated = config.get(section + '.isolated') or isolated
          if isolated is not None and strtobool(isolated):
              config = load(True)
      except (ConfigurationError, ValueError) as e:
          sys.stderr.write('ERROR: %s\\n' % e)
          sys.exit(3)
      version = 'pip %s from %s (python %d.%d)' % (
          pip.__version__, os.path.dirname(os.path.abspath(pip.__file__)),
          sys.version_info[0], sys.version_info[1])
      json.dump({'pip': version, 'config': config,
                 'tags': [str(t) for t in tags.sys_tags()],
                 'environment': markers.default_environment()}, sys.stdout)
      """;

  private final String python;
  private final ChildEnvironment environment;
  private final Duration timeout;
  private final CompletableFuture<InterpreterFacts> answer = new CompletableFuture<>();
  private final ChildProcess child;

  /** Where answers are remembered, or null. */
  private final RememberedAnswers remembered;

  /** The remembered answer's text and facts, when this probe started from one; else null. */
  private final String guessText;

  private final InterpreterFacts guess;

  /** The real answer's text, once read. */
  private volatile String answerText;

  /** Set by {@link #confirm}: from then on {@link #facts} is the real answer. */
  private volatile boolean confirmed;

  private InterpreterProbe(
      String python,
      ChildEnvironment environment,
      Duration timeout,
      ChildProcess child,
      RememberedAnswers remembered,
      String guessText,
      InterpreterFacts guess) {
    this.python = python;
    this.environment = environment;
    this.timeout = timeout;
    this.child = child;
    this.remembered = remembered;
    this.guessText = guessText;
    this.guess = guess;
  }

  private InterpreterProbe(
      String python, ChildEnvironment environment, Duration timeout, ChildProcess child) {
    this(python, environment, timeout, child, null, null, null);
  }

  /**
   * Starts {@code python} with {@link #SCRIPT} and returns at once; the answer is read on a daemon
   * thread. An interpreter that cannot be started is not an error yet: {@link #facts} says it.
   *
   * @param environment the user's environment, as given to {@link PipRunner}'s constructor (the
   *     probe's is made from it the same way)
   * @param timeout how long {@link #facts} waits for the answer
   */
  public static InterpreterProbe start(
      String python, Map<String, String> environment, Duration timeout, Console console) {
    return start(python, PipRunner.childEnvironment(environment), timeout, console);
  }

  /**
   * As {@link #start(String, Map, Duration, Console)}, and {@link #facts} answers at once with the
   * answer this interpreter gave the last run in the same environment, when one is remembered
   * ({@link RememberedAnswers}: {@code MKWHEELS_CACHE_DIR}, else the user's cache directory). Such
   * a run must call {@link #confirm} before it makes anything of what it did with those facts, and
   * do it again when that says they were not the interpreter's answer this time.
   */
  public static InterpreterProbe startRemembering(
      String python, Map<String, String> environment, Duration timeout, Console console) {
    ChildEnvironment env = PipRunner.childEnvironment(environment);
    return start(python, env, timeout, console, RememberedAnswers.of(environment).orElse(null));
  }

  static InterpreterProbe start(
      String python, ChildEnvironment env, Duration timeout, Console console) {
    return start(python, env, timeout, console, null);
  }

  static InterpreterProbe start(
      String python,
      ChildEnvironment env,
      Duration timeout,
      Console console,
      RememberedAnswers remembered) {
    requireNonNull(python, "python is null");
    requireNonNull(env, "env is null");
    requireNonNull(timeout, "timeout is null");
    requireNonNull(console, "console is null");
    // A debug line: the interpreter answers in the background, and a run that ends in a usage error
    // before anything waits for it says that error alone.
    console.debug(LABEL + " (" + python + ")");
    ProcessBuilder builder = new ProcessBuilder(python, "-c", SCRIPT);
    ChildProcess child;
    try {
      child = ChildProcess.start(builder, env);
    } catch (IOException e) {
      InterpreterProbe failed = new InterpreterProbe(python, env, timeout, null);
      failed.answer.completeExceptionally(
          new PipException(
              "cannot run the Python interpreter '"
                  + python
                  + "' (--python): "
                  + PipRunner.reason(e),
              e));
      return failed;
    } catch (CancellationException e) {
      InterpreterProbe failed = new InterpreterProbe(python, env, timeout, null);
      failed.answer.completeExceptionally(new PipException(e.getMessage(), e));
      return failed;
    }
    String guessText = null;
    InterpreterFacts guess = null;
    if (remembered != null) {
      guessText = remembered.read(python, env).orElse(null);
      try {
        guess = guessText == null ? null : parse(guessText);
      } catch (IllegalArgumentException e) {
        guessText = null; // written by another version, perhaps: the real answer replaces it
      }
      if (guess != null) {
        console.debug(
            "starting from the interpreter's answer to the last run, remembered in "
                + remembered.directory()
                + "; it is checked against this run's");
      }
    }
    InterpreterProbe probe =
        new InterpreterProbe(python, env, timeout, child, remembered, guessText, guess);
    long started = System.nanoTime();
    Thread reader = new Thread(() -> probe.read(console, started), "mkwheels-interpreter-probe");
    reader.setDaemon(true);
    reader.start();
    return probe;
  }

  /** The interpreter as given. */
  public String python() {
    return python;
  }

  /** The environment the interpreter ran with. */
  public ChildEnvironment environment() {
    return environment;
  }

  /**
   * The answer: waits for it the first time.
   *
   * @throws PipException (one line) when the interpreter cannot be run, has no pip, refuses pip's
   *     configuration, does not answer within the timeout, or answers something this cannot read
   */
  public InterpreterFacts facts() throws PipException {
    if (guess != null && !confirmed) {
      return guess;
    }
    return answer();
  }

  /**
   * Waits for the interpreter's answer, and says whether the facts given so far were it: true when
   * this probe did not start from a remembered answer or the interpreter gave the same one; false
   * when a run that used {@link #facts} must do that work again. From now on {@link #facts} is the
   * interpreter's answer.
   *
   * @throws PipException as {@link #facts} does, for the interpreter's own answer
   */
  public boolean confirm() throws PipException {
    answer();
    confirmed = true;
    return guess == null || guessText.equals(answerText);
  }

  /** Whether {@link #facts} answers from a remembered answer, not yet confirmed. */
  public boolean guessing() {
    return guess != null && !confirmed;
  }

  private InterpreterFacts answer() throws PipException {
    try {
      return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof PipException failure) {
        throw failure;
      }
      throw new PipException(LABEL + " failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      close();
      throw new PipTimeoutException(
          LABEL + " (" + python + ") timed out after " + timeout.toSeconds() + "s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new PipException(LABEL + " was interrupted", e);
    }
  }

  /** Kills the interpreter and what it started, unless it ended. */
  @Override
  public void close() {
    if (child != null) {
      child.close();
    }
  }

  private void read(Console console, long started) {
    try {
      Process process = child.process();
      process.getOutputStream().close();
      CompletableFuture<byte[]> stderr = new CompletableFuture<>();
      Thread errors =
          new Thread(
              () -> {
                try {
                  stderr.complete(HostTarget.readAll(process.getErrorStream()));
                } catch (RuntimeException e) {
                  stderr.completeExceptionally(e);
                }
              },
              "mkwheels-interpreter-probe-stderr");
      errors.setDaemon(true);
      errors.start();
      String stdout =
          new String(HostTarget.readAll(process.getInputStream()), StandardCharsets.UTF_8);
      int exit = process.waitFor();
      String err = new String(stderr.join(), StandardCharsets.UTF_8);
      InterpreterFacts facts = answer(exit, stdout, err);
      answerText = stdout;
      if (remembered != null && !stdout.equals(guessText)) {
        remembered.write(python, environment, stdout);
      }
      console.debug(
          "the interpreter answered in "
              + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)
              + " ms: "
              + facts.pip()
              + ", "
              + facts.host().tags().size()
              + " tags");
      answer.complete(facts);
    } catch (PipException e) {
      answer.completeExceptionally(e);
    } catch (IOException | UncheckedIOException | java.util.concurrent.CompletionException e) {
      answer.completeExceptionally(
          new PipException(LABEL + " (" + python + ") failed: " + e.getMessage(), e));
    } catch (InterruptedException e) {
      answer.completeExceptionally(new PipException(LABEL + " was interrupted", e));
    } finally {
      child.close();
    }
  }

  private InterpreterFacts answer(int exit, String stdout, String stderr) throws PipException {
    PipResult result = new PipResult(exit, stdout, stderr);
    if (exit == 3) {
      throw new PipException("pip config list failed: " + result.failure());
    }
    if (exit != 0) {
      throw PipRunner.notRunnable(python, result);
    }
    try {
      return parse(stdout);
    } catch (IllegalArgumentException e) {
      throw new PipException(
          "cannot read what the Python interpreter '"
              + python
              + "' (--python) said of its pip: "
              + e.getMessage(),
          e);
    }
  }

  /**
   * The facts {@link #SCRIPT}'s output gives.
   *
   * @throws IllegalArgumentException (one line) when it is not that
   */
  static InterpreterFacts parse(String json) {
    JsonNode doc;
    try {
      doc = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + HostTarget.firstLine(json));
    }
    JsonNode version = doc == null ? null : doc.get("pip");
    JsonNode config = doc == null ? null : doc.get("config");
    if (version == null || !version.isTextual() || config == null || !config.isObject()) {
      throw new IllegalArgumentException(
          "no pip version and configuration in: " + HostTarget.firstLine(json));
    }
    Map<String, String> configuration = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      // pip keeps every value as the text it read; `pip config list` prints its repr.
      configuration.put(
          entry.getKey(),
          entry.getValue().isTextual() ? entry.getValue().asText() : entry.getValue().toString());
    }
    return new InterpreterFacts(
        PipVersion.parse(version.asText()), configuration, HostTarget.parse(doc, json));
  }
}
