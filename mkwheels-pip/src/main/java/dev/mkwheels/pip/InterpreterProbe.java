package dev.mkwheels.pip;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * interpreter and imported pip once (about 0.7 s each here); this starts it once, on its own thread
 * from {@link #start} on, and the caller's thread goes on while it runs. {@link #facts} waits for
 * the answer; {@link #close} kills the interpreter if it still runs. Thread-safe.
 *
 * <p>{@link #startRemembering} starts from the last run's answer instead, and asks the interpreter
 * only whether that still holds ({@link #WITNESS}: no import of pip, so about a third of the time),
 * unless it does not.
 *
 * <p>Failures read as {@link PipRunner}'s: an interpreter that cannot be started or has no pip is
 * said in the same words, a configuration pip refuses as {@code pip config list failed: ...}.
 */
public final class InterpreterProbe implements AutoCloseable {
  /** The label of the run, on the console and in a timeout's message. */
  static final String LABEL = "reading pip's version, configuration and tags";

  /**
   * Defines {@code witness(files)}: a line of JSON naming what {@link #SCRIPT}'s answer depends on
   * beyond the environment and the working directory (which {@link RememberedAnswers} keys it by),
   * read without importing pip's code: the interpreter that runs (its path, the file's identity and
   * times, its version and prefixes), the kernel and C library (the platform tags and markers), a
   * {@code _manylinux} module on the path (packaging obeys one), macOS's version there, pip's
   * version and the identity of the files that make the answer, and the identity and times of pip's
   * configuration files (missing ones too: one that appears is seen). The same interpreter with the
   * same files gives the same line.
   */
  static final String WITNESS =
      """
      import json, os, sys
      def witness(files):
          import pip
          def stat(path):
              try:
                  s = os.stat(path)
              except OSError as e:
                  return type(e).__name__
              return [s.st_dev, s.st_ino, s.st_size, s.st_mtime_ns, s.st_ctime_ns]
          here = os.path.dirname(os.path.abspath(pip.__file__))
          code = [os.path.join(here, *p) for p in (
              ('__init__.py',), ('_internal', 'configuration.py'),
              ('_vendor', 'packaging', 'tags.py'), ('_vendor', 'packaging', 'markers.py'),
              ('_vendor', 'packaging', '_manylinux.py'),
              ('_vendor', 'packaging', '_musllinux.py'))]
          try:
              import importlib.util
              spec = importlib.util.find_spec('_manylinux')
              manylinux = spec and spec.origin
          except Exception as e:
              manylinux = type(e).__name__
          try:
              libc = os.confstr('CS_GNU_LIBC_VERSION')
          except (AttributeError, OSError, ValueError):
              libc = None
          mac = None
          if sys.platform == 'darwin':
              import platform
              mac = platform.mac_ver()[0]
          executable = sys.executable
          return json.dumps({
              'python': [executable, executable and stat(os.path.realpath(executable)),
                         sys.version, sys.prefix, sys.base_prefix, sys.exec_prefix,
                         sys.platform, os.name],
              'uname': list(os.uname()) if hasattr(os, 'uname') else None,
              'uid': os.getuid() if hasattr(os, 'getuid') else None,
              'libc': libc,
              'mac': mac,
              'manylinux': [manylinux, stat(manylinux) if manylinux else None],
              'pip': [pip.__version__, here, [[p, stat(p)] for p in code]],
              'files': [[f, stat(f)] for f in files],
          }, sort_keys=True)
      """;

  /**
   * Prints {"pip": "pip X from DIR (python X.Y)", "config": {...}, "tags": [...], "environment":
   * {...}}. The configuration is loaded as {@code pip config list} loads it: isolated when {@code
   * isolated} is set for the {@code config} command (in {@code [global]}, {@code [config]} or
   * {@code PIP_ISOLATED}, the last one set wins); exit 3 when pip refuses it.
   */
  static final String SCRIPT =
      WITNESS
          + """
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
          # The files pip reads its configuration from, as it lists them (isolated or not, this
          # lists the most), witnessed before they are read: an edit after this is seen next time.
          listing = Configuration(isolated=False)
          listing = getattr(listing, 'iter_config_files', None) or listing._iter_config_files
          witnessed = witness(sorted({f for _, files in listing() for f in files}))
      except Exception:
          witnessed = None  # a pip this cannot list: the whole script runs every time
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
                 'environment': markers.default_environment(),
                 'witness': witnessed}, sys.stdout)
      """;

  /**
   * Prints {@code witness(argv)} (see {@link #WITNESS}), or exits 1 when pip cannot be imported:
   * about 0.08 s of the interpreter's time where {@link #SCRIPT} takes 0.35 s.
   */
  static final String CHECK =
      WITNESS
          + """
      try:
          sys.stdout.write(witness(sys.argv[1:]))
      except ImportError:
          sys.exit(1)
      """;

  private final String python;
  private final ChildEnvironment environment;
  private final Duration timeout;
  private final CompletableFuture<InterpreterFacts> answer = new CompletableFuture<>();

  /** Where answers are remembered, or null. */
  private final RememberedAnswers remembered;

  /**
   * The remembered answer this probe starts from, or null for none: read on the probe's thread (the
   * file, its hash, the parse and the tags take 30 to 50 ms of a cold JVM), so that {@link #start}
   * returns at once.
   */
  private final CompletableFuture<Remembered> guessed = new CompletableFuture<>();

  /** The interpreter running now, if any; guarded by {@link #lock}. */
  private ChildProcess child;

  /** Set by {@link #close}: no interpreter is started after it; guarded by {@link #lock}. */
  private boolean closed;

  private final Object lock = new Object();

  /** Set by {@link #confirm}: from then on {@link #facts} is the real answer. */
  private volatile boolean confirmed;

  private InterpreterProbe(
      String python, ChildEnvironment environment, Duration timeout, RememberedAnswers remembered) {
    this.python = python;
    this.environment = environment;
    this.timeout = timeout;
    this.remembered = remembered;
  }

  /** A remembered answer: its text, the facts it gives and its witness (null when it has none). */
  private record Remembered(String text, InterpreterFacts facts, Witnessed witnessed) {}

  /** A remembered answer's witness line and the configuration files it names. */
  private record Witnessed(String line, List<String> files) {
    /** The witness in a remembered answer; null when it has none this can read. */
    static Witnessed in(ProbeAnswer answer) {
      List<String> files =
          answer.witness() == null ? null : ProbeAnswer.witnessedFiles(answer.witness());
      return files == null ? null : new Witnessed(answer.witness(), files);
    }
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
   *
   * <p>When the remembered answer holds its witness ({@link #WITNESS}), the interpreter is first
   * asked only for that ({@link #CHECK}, through whatever wrapper {@code python} is, as every run
   * is): the same line confirms the remembered answer without importing pip; any other line, or
   * none, and the whole script runs as it would have without a remembered answer.
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
    InterpreterProbe probe = new InterpreterProbe(python, env, timeout, remembered);
    long started = System.nanoTime();
    Thread reader = new Thread(() -> probe.run(console, started), "mkwheels-interpreter-probe");
    reader.setDaemon(true);
    reader.start();
    return probe;
  }

  /** The remembered answer's text and fields, if any and JSON. */
  private record Recalled(String text, ProbeAnswer fields) {}

  /** The remembered answer, if any and JSON; null otherwise. */
  private Recalled recall() {
    String text = remembered == null ? null : remembered.read(python, environment).orElse(null);
    if (text == null) {
      return null;
    }
    try {
      return new Recalled(text, ProbeAnswer.read(text));
    } catch (IllegalArgumentException e) {
      return null; // a broken file: the real answer replaces it
    }
  }

  private ProcessBuilder script() {
    return new ProcessBuilder(python, "-c", SCRIPT);
  }

  private ProcessBuilder check(Witnessed witnessed) {
    List<String> command = new ArrayList<>(List.of(python, "-c", CHECK));
    command.addAll(witnessed.files());
    return new ProcessBuilder(command);
  }

  /** Starts the interpreter, unless this probe is closed. */
  private ChildProcess launch(ProcessBuilder builder) throws StartFailure {
    synchronized (lock) {
      if (closed) {
        throw new CancellationException(LABEL + " was cancelled");
      }
      try {
        child = ChildProcess.start(builder, environment);
      } catch (IOException e) {
        throw new StartFailure(e);
      }
      return child;
    }
  }

  /** The interpreter could not be started: said as {@link PipRunner} says it. */
  private static final class StartFailure extends Exception {
    private static final long serialVersionUID = 1L;

    StartFailure(IOException cause) {
      super(cause);
    }

    @Override
    public synchronized IOException getCause() {
      return (IOException) super.getCause();
    }
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
    Remembered guess = confirmed ? null : guessed.join();
    return guess != null ? guess.facts() : answer();
  }

  /**
   * Waits for the interpreter's answer, and says whether the facts given so far were it: true when
   * this probe did not start from a remembered answer or the interpreter gave the same facts; false
   * when a run that used {@link #facts} must do that work again. From now on {@link #facts} is the
   * interpreter's answer.
   *
   * @throws PipException as {@link #facts} does, for the interpreter's own answer
   */
  public boolean confirm() throws PipException {
    InterpreterFacts real = answer();
    confirmed = true;
    Remembered guess = guessed.join();
    return guess == null || guess.facts().equals(real);
  }

  /** Whether {@link #facts} answers from a remembered answer, not yet confirmed. */
  public boolean guessing() {
    return !confirmed && guessed.join() != null;
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

  /** Kills the interpreter and what it started, unless it ended; none is started after this. */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      if (child != null) {
        child.close();
      }
    }
  }

  /** What one run of the interpreter said, once it ended. */
  private record Said(int exit, String stdout, String stderr) {}

  /** Reads {@code running} to its end, closes it (and what it started) and says what it said. */
  private static Said said(ChildProcess running) throws IOException, InterruptedException {
    try {
      Process process = running.process();
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
      return new Said(exit, stdout, new String(stderr.join(), StandardCharsets.UTF_8));
    } finally {
      running.close();
    }
  }

  /**
   * The probe's thread: what is remembered, then the interpreter's answer. The check of a
   * remembered answer starts before its facts are read, for the interpreter to start sooner.
   */
  private void run(Console console, long started) {
    Remembered guess = null;
    ChildProcess checking = null;
    try {
      Recalled recalled = recall();
      if (recalled != null) {
        Witnessed witnessed = Witnessed.in(recalled.fields());
        if (witnessed != null) {
          checking = launch(check(witnessed));
        }
        guess =
            new Remembered(recalled.text(), parse(recalled.fields(), recalled.text()), witnessed);
        console.debug(
            "starting from the interpreter's answer to the last run, remembered in "
                + remembered.directory()
                + "; it is checked against this run's");
      }
    } catch (StartFailure | RuntimeException e) {
      // Only a head start (written by another version, perhaps): without it, the run waits for
      // the interpreter's whole answer, and a failure to start it is said then.
      guess = null;
    } finally {
      guessed.complete(guess); // null for none: facts() then waits for the interpreter
    }
    try {
      if (guess != null && checking != null) {
        Said check = said(checking);
        if (check.exit() == 0 && check.stdout().equals(guess.witnessed().line())) {
          console.debug(
              "the interpreter's answer to the last run holds (checked in "
                  + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)
                  + " ms)");
          answer.complete(guess.facts());
          return;
        }
        // Anything else (another interpreter, pip or file; no pip): the whole script says what.
      } else if (checking != null) {
        checking.close();
      }
      Said said = said(launch(script()));
      InterpreterFacts facts = answer(said.exit(), said.stdout(), said.stderr());
      if (remembered != null && (guess == null || !said.stdout().equals(guess.text()))) {
        remembered.write(python, environment, said.stdout());
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
    } catch (StartFailure e) {
      answer.completeExceptionally(
          new PipException(
              "cannot run the Python interpreter '"
                  + python
                  + "' (--python): "
                  + PipRunner.reason(e.getCause()),
              e.getCause()));
    } catch (IOException | UncheckedIOException | java.util.concurrent.CompletionException e) {
      answer.completeExceptionally(
          new PipException(LABEL + " (" + python + ") failed: " + e.getMessage(), e));
    } catch (CancellationException e) {
      answer.completeExceptionally(new PipException(e.getMessage(), e));
    } catch (InterruptedException | RuntimeException e) {
      answer.completeExceptionally(
          e instanceof InterruptedException
              ? new PipException(LABEL + " was interrupted", e)
              : new PipException(LABEL + " (" + python + ") failed: " + e, e));
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
    return parse(ProbeAnswer.read(json), json);
  }

  /** The facts in {@code answer}, read from {@code json}. */
  private static InterpreterFacts parse(ProbeAnswer answer, String json) {
    if (answer.pip() == null || answer.config() == null) {
      throw new IllegalArgumentException(
          "no pip version and configuration in: " + HostTarget.firstLine(json));
    }
    return new InterpreterFacts(
        PipVersion.parse(answer.pip()), answer.config(), HostTarget.parse(answer, json));
  }
}
