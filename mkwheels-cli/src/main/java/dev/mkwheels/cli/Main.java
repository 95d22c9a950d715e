package dev.mkwheels.cli;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.spi.Message;
import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.api.internal.Cleanup;
import dev.mkwheels.pip.PipIndexes;
import dev.mkwheels.python.index.IndexException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code mkwheels}: exit 0 done, 1 the job failed, 2 bad usage. */
public final class Main {
  // Guice generates a class for each injected constructor and @Provides method, with its own
  // copy of ASM, whose class files (version 49) class data sharing cannot archive: loading,
  // verifying and running it took 50 ms of every start (bench/README, wave 6). Reflection serves
  // mkwheels as well: it intercepts no method. A value given with -D is kept.
  private static final String GUICE_BYTECODE = "guice_bytecode_gen_option";

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(System.out, System.err, System.getenv(), args));
  }

  /** Runs one command line with the process environment; what the tests call. */
  public static int run(PrintStream out, PrintStream err, String... args) {
    return run(out, err, System.getenv(), args);
  }

  /** Runs one command line; results on {@code out}, progress and errors on {@code err}. */
  public static int run(PrintStream out, PrintStream err, Map<String, String> env, String... args) {
    List<String> arguments = List.of(args);
    boolean verbose = arguments.contains("-v") || arguments.contains("--verbose");
    if (System.getProperty(GUICE_BYTECODE) == null) {
      System.setProperty(GUICE_BYTECODE, "DISABLED");
    }
    try {
      Injector injector =
          Guice.createInjector(
              Stage.PRODUCTION,
              new CliModule(new Streams(out, err), new Environment(env)),
              new SourcesModule(),
              new SupportModule(),
              new CommandsModule());
      return injector.getInstance(Launcher.class).run(arguments);
    } catch (Exception | OutOfMemoryError | StackOverflowError e) {
      Throwable cause = unwrap(e);
      if (Cleanup.shuttingDown()) {
        // SIGINT or SIGTERM: whatever failed failed because of it; the JVM exits 130 or 143.
        err.println("mkwheels: interrupted; the work directory and temporary files are removed");
        return MkwheelsException.FAILED;
      }
      if (cause instanceof Launcher.SubcommandUsageException usage) {
        err.println(
            "mkwheels "
                + usage.subcommand()
                + ": "
                + TerminalText.line(usage.getMessage())
                + " (see 'mkwheels "
                + usage.subcommand()
                + " --help')");
        return MkwheelsException.USAGE;
      }
      if (cause instanceof MkwheelsException failure) {
        if (verbose) {
          printStackTrace(failure, err);
        }
        String hint =
            failure.exitCode() == MkwheelsException.USAGE
                ? " (see 'mkwheels --help')"
                : defaultIndexHint(failure, arguments);
        err.println("mkwheels: " + TerminalText.line(failure.getMessage()) + hint);
        return failure.exitCode();
      }
      if (verbose) {
        printStackTrace(cause, err);
      }
      err.println(
          "mkwheels: internal error: "
              + TerminalText.line(String.valueOf(cause))
              + (verbose ? "" : " (run with --verbose for the stack trace)"));
      return MkwheelsException.FAILED;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /**
   * What to do when pip's default index, PyPI, could not be reached and the command line named no
   * index: pip's configuration named none either, or named PyPI, and a machine without internet
   * (where mkwheels' tarballs are meant to be used, and often made) needs its own index given. pip
   * warns and goes on when such an index fails beside a reachable extra index; mkwheels stops,
   * since every index in use is read to check the hashes. Empty for any other failure.
   */
  static String defaultIndexHint(Throwable failure, List<String> arguments) {
    for (String argument : arguments) {
      if (argument.equals("--index-url")
          || argument.startsWith("--index-url=")
          || argument.equals("--no-index")) {
        return "";
      }
    }
    boolean pypi = false;
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof IndexException
          && String.valueOf(cause.getMessage()).contains(PipIndexes.PYPI + "/")) {
        pypi = true;
      } else if (pypi
          && (cause instanceof UnknownHostException
              || cause instanceof SocketException
              || cause instanceof SocketTimeoutException)) {
        // The index could not be reached (no such host, no connection, no answer); not a page it
        // refused or one this could not read.
        return " ("
            + PipIndexes.PYPI
            + " is pip's default index: without internet, give"
            + " --index-url URL, or set index-url in pip's configuration)";
      }
    }
    return "";
  }

  /** A stack trace with --verbose goes through {@link TerminalText} too: it repeats messages. */
  private static void printStackTrace(Throwable e, PrintStream err) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    err.print(TerminalText.lines(trace.toString()));
  }

  /**
   * The failure under Guice's wrappers. Guice sets a wrapper's cause only when all its errors share
   * one; a provider that fails for several bindings (one client handed out as two types, say)
   * leaves it null, so the first error's cause is taken then.
   */
  private static Throwable unwrap(Throwable e) {
    Throwable current = e;
    while (true) {
      Collection<Message> messages;
      if (current instanceof ProvisionException provision) {
        messages = provision.getErrorMessages();
      } else if (current instanceof CreationException creation) {
        messages = creation.getErrorMessages();
      } else {
        return current;
      }
      Throwable next = current.getCause();
      if (next == null) {
        next =
            messages.stream()
                .map(Message::getCause)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
      }
      if (next == null) {
        return current;
      }
      current = next;
    }
  }
}
