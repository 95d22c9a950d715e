package dev.mkwheels.pip;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Console;
import dev.mkwheels.python.index.Redaction;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs {@code PYTHON -m pip ...} with the interpreter the user chose, so that what pip resolves
 * fits that Python. Output is captured (and echoed on the console with {@code --verbose}); a
 * failure becomes a {@link PipException} whose message is one line. Thread-safe: it holds no state
 * between runs but what it learnt of the interpreter.
 *
 * <p>The runner passes the environment it was given to pip minus credentials ({@link
 * ChildEnvironment}: pip runs setup.py and build backends): pip's configuration is the user's
 * choice, so isolating pip from it (for tests) is the caller's job, through that environment or
 * {@link PipCommand#withEnvironment}. pip and everything it started end with the run, whatever ends
 * it ({@link ChildProcess}).
 *
 * <p>pip's version and configuration are facts of the interpreter: both are answered by one {@link
 * InterpreterProbe}, which asks the interpreter once for them and for the host's tags, and which
 * the runner was given ({@link #use}) or starts at the first question.
 */
public final class PipRunner {
  private final String python;
  private final ChildEnvironment environment;
  private final Console console;
  private final Duration longestRun;
  private final AtomicReference<InterpreterProbe> probe = new AtomicReference<>();
  private final AtomicReference<PipVersion> version = new AtomicReference<>();
  private final AtomicReference<Map<String, String>> configuration = new AtomicReference<>();

  /**
   * @param python the interpreter: a path or a name looked up on the PATH, as {@code --python} gave
   *     it
   * @param environment the user's environment for every pip run (pip reads its configuration from
   *     it), credentials dropped by {@link ChildEnvironment}; copied
   * @param console progress at the start of each run, pip's output line by line as debug
   */
  public PipRunner(String python, Map<String, String> environment, Console console) {
    this(python, environment, console, PipCommand.DEFAULT_TIMEOUT);
  }

  /**
   * @param longestRun the longest any one run may take, whatever its command asks (for example from
   *     an environment variable the user set)
   */
  public PipRunner(
      String python, Map<String, String> environment, Console console, Duration longestRun) {
    this.python = requireNonNull(python, "python is null");
    ChildEnvironment child =
        ChildEnvironment.of(requireNonNull(environment, "environment is null"));
    this.environment = childEnvironment(environment);
    this.console = requireNonNull(console, "console is null");
    this.longestRun = requireNonNull(longestRun, "longestRun is null");
    if (longestRun.isNegative() || longestRun.isZero()) {
      throw new IllegalArgumentException("longestRun must be positive: " + longestRun);
    }
    if (!child.dropped().isEmpty()) {
      console.debug(
          "not passed to pip and the builds it runs (credentials; "
              + ChildEnvironment.PASS_VARIABLE
              + " passes one on purpose): "
              + String.join(", ", child.dropped()));
    }
  }

  /** What every child of a runner made with {@code environment} gets. */
  static ChildEnvironment childEnvironment(Map<String, String> environment) {
    ChildEnvironment child =
        ChildEnvironment.of(requireNonNull(environment, "environment is null"));
    // pip writes file names and messages in the locale's encoding unless told.
    return environment.containsKey("PYTHONIOENCODING")
        ? child
        : child.with(Map.of("PYTHONIOENCODING", "utf-8"));
  }

  /**
   * From now on {@link #version} and {@link #configuration} are {@code probe}'s answers, when it
   * asked this runner's interpreter with this runner's environment (else it is not used), and
   * neither was asked yet. Returns whether it is used.
   */
  public boolean use(InterpreterProbe probe) {
    requireNonNull(probe, "probe is null");
    if (!probe.python().equals(python)
        || !probe.environment().variables().equals(environment.variables())
        || version.get() != null
        || configuration.get() != null) {
      return false;
    }
    return this.probe.compareAndSet(null, probe);
  }

  /** The interpreter as given. */
  public String python() {
    return python;
  }

  /** The environment pip and the builds it runs get: the user's, credentials removed. */
  public ChildEnvironment environment() {
    return environment;
  }

  /**
   * pip's version with this interpreter, from the same {@link InterpreterProbe} as {@link
   * #configuration} (the one given, or one started now): one start of the interpreter answers both
   * (a separate {@code pip --version} cost as much as the probe, 0.8 s behind a pyenv shim). Asked
   * once, then remembered.
   *
   * @throws PipException when the interpreter cannot be run, or has no pip; the message says which
   */
  public PipVersion version() throws PipException {
    PipVersion known = version.get();
    if (known == null) {
      known = probe().facts().pip();
      version.compareAndSet(null, known);
    }
    return known;
  }

  /**
   * pip's configuration as {@code pip config list} lists it ({@code section.key} to value, sorted),
   * read by pip's own code through an {@link InterpreterProbe} (the one given, or one run now): a
   * value pip.conf spreads over several lines keeps its line breaks, which {@code pip config
   * list}'s {@code repr} escapes. Asked once, then remembered.
   *
   * @throws PipException when the interpreter cannot be run or has no pip (in {@link #version}'s
   *     words), or pip refuses its configuration ({@code pip config list failed: ...})
   */
  public Map<String, String> configuration() throws PipException {
    Map<String, String> known = configuration.get();
    if (known == null) {
      known = probe().facts().configuration();
      configuration.compareAndSet(null, known);
    }
    return known;
  }

  /** The probe given, else one started now (pip's configuration is read only that way). */
  private InterpreterProbe probe() {
    InterpreterProbe given = probe.get();
    if (given == null) {
      InterpreterProbe started = InterpreterProbe.start(python, environment, longestRun, console);
      if (!probe.compareAndSet(null, started)) {
        started.close();
      }
      given = probe.get();
    }
    return given;
  }

  /**
   * The interpreter's own target ({@link HostTarget}), from the same probe as {@link
   * #configuration}.
   *
   * @throws PipException (one line) when the interpreter cannot be run, has no pip, or answers
   *     something this cannot read
   */
  public dev.mkwheels.resolver.Target hostTarget() throws PipException {
    return probe().facts().host();
  }

  /**
   * Runs pip and returns what it did, whatever its exit code.
   *
   * @throws PipException when the interpreter cannot be started at all
   * @throws PipTimeoutException when every attempt outlived the command's timeout
   */
  public PipResult run(PipCommand asked) throws PipException {
    PipCommand command =
        asked.timeout().compareTo(longestRun) > 0 ? asked.withTimeout(longestRun) : asked;
    console.progress(command.label() + " (" + python + ")");
    for (int attempt = 1; ; attempt++) {
      PipResult result = runOnce(command);
      if (result != null) {
        return result;
      }
      String timedOut = command.label() + " timed out after " + command.timeout().toSeconds() + "s";
      if (attempt >= command.attempts()) {
        throw new PipTimeoutException(
            timedOut + (command.attempts() > 1 ? " (tried " + command.attempts() + " times)" : ""));
      }
      console.warn(
          timedOut + "; trying again (" + (attempt + 1) + " of " + command.attempts() + ")");
    }
  }

  /**
   * Runs pip and returns its result when it exited 0.
   *
   * @throws PipException with {@code LABEL failed: <pip's last meaningful line>}, or saying that
   *     the interpreter has no pip
   */
  public PipResult check(PipCommand command) throws PipException {
    PipResult result = run(command);
    if (!result.succeeded()) {
      if (noPip(result)) {
        throw notRunnable(result);
      }
      throw new PipException(command.label() + " failed: " + result.failure());
    }
    return result;
  }

  /** null when the run timed out and was killed. */
  private PipResult runOnce(PipCommand command) throws PipException {
    List<String> argv = new ArrayList<>(List.of(python, "-m", "pip"));
    argv.addAll(command.arguments());
    ProcessBuilder builder = new ProcessBuilder(argv);
    ChildEnvironment env = environment.with(command.environment()).without(command.unset());
    command.workingDirectory().ifPresent(dir -> builder.directory(dir.toFile()));
    console.debug("running " + String.join(" ", Redaction.argv(argv)));
    try (ChildProcess child = start(builder, env)) {
      Process process = child.process();
      try {
        // pip must never wait for input (a prompt for credentials would hang until the timeout).
        process.getOutputStream().close();
      } catch (IOException e) {
        // Already closed: nothing to do.
      }
      Drain out = new Drain(process.getInputStream(), console);
      Drain err = new Drain(process.getErrorStream(), console);
      out.start();
      err.start();
      try {
        if (!process.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
          // pip builds sdists in subprocesses: kill those too, or they keep the pipes open.
          child.close();
          out.join(TimeUnit.SECONDS.toMillis(5));
          err.join(TimeUnit.SECONDS.toMillis(5));
          return null;
        }
        out.join();
        err.join();
      } catch (InterruptedException e) {
        child.close();
        Thread.currentThread().interrupt();
        throw new PipException(command.label() + " was interrupted", e);
      }
      return new PipResult(process.exitValue(), out.text(), err.text());
    }
  }

  private ChildProcess start(ProcessBuilder builder, ChildEnvironment env) throws PipException {
    try {
      return ChildProcess.start(builder, env);
    } catch (IOException e) {
      throw new PipException(
          "cannot run the Python interpreter '" + python + "' (--python): " + reason(e), e);
    } catch (CancellationException e) {
      throw new PipException(e.getMessage(), e);
    }
  }

  private PipException notRunnable(PipResult result) {
    return notRunnable(python, result);
  }

  /** The interpreter cannot run pip: it has none, or the reason in one line. */
  static PipException notRunnable(String python, PipResult result) {
    if (noPip(result)) {
      return new PipException(
          "the Python interpreter '"
              + python
              + "' (--python) has no pip; install it with '"
              + python
              + " -m ensurepip' or choose another --python");
    }
    return new PipException(
        "cannot run pip with the Python interpreter '"
            + python
            + "' (--python): "
            + result.failure());
  }

  private static boolean noPip(PipResult result) {
    return result.stderr().contains("No module named pip");
  }

  static String reason(IOException e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    if (message.contains("error=2,") || message.contains("No such file")) {
      return "no such file or command";
    }
    if (message.contains("error=13,")) {
      return "permission denied";
    }
    return message.lines().findFirst().orElse(message);
  }

  /** Reads one of pip's streams to its end, echoing lines as debug. */
  private static final class Drain extends Thread {
    private final InputStream in;
    private final Console console;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    Drain(InputStream in, Console console) {
      super("pip-output");
      setDaemon(true);
      this.in = new BufferedInputStream(in);
      this.console = console;
    }

    @Override
    public void run() {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      try (in) {
        for (int b; (b = in.read()) >= 0; ) {
          synchronized (buffer) {
            buffer.write(b);
          }
          if (b == '\n') {
            console.debug("pip: " + line.toString(StandardCharsets.UTF_8));
            line.reset();
          } else {
            line.write(b);
          }
        }
      } catch (IOException e) {
        // The process was killed: what was read so far is all there is.
      }
      if (line.size() > 0) {
        console.debug("pip: " + line.toString(StandardCharsets.UTF_8));
      }
    }

    String text() {
      synchronized (buffer) {
        return buffer.toString(StandardCharsets.UTF_8);
      }
    }
  }
}
