package dev.mkwheels.pip;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.internal.Cleanup;
import dev.mkwheels.api.internal.ProcessTree;
import java.io.IOException;

/**
 * A process mkwheels started, the only way main code starts one: with a {@link ChildEnvironment}
 * (no credential reaches third-party code), registered with {@link Cleanup} (SIGINT or SIGTERM kill
 * it and everything it started), and killed the same way when closed before it ended, on whatever
 * path (a timeout, an exception, an interrupt). Not thread-safe; close it.
 */
public final class ChildProcess implements AutoCloseable {
  private final Process process;
  private final Cleanup.Registration registration;

  private ChildProcess(Process process, Cleanup.Registration registration) {
    this.process = process;
    this.registration = registration;
  }

  /**
   * Starts {@code builder} with exactly {@code environment}.
   *
   * @throws IOException when the program cannot be started
   * @throws java.util.concurrent.CancellationException when the JVM is stopping (nothing runs)
   */
  public static ChildProcess start(ProcessBuilder builder, ChildEnvironment environment)
      throws IOException {
    requireNonNull(builder, "builder is null");
    environment.applyTo(builder);
    if (Cleanup.shuttingDown()) {
      throw new java.util.concurrent.CancellationException("interrupted: mkwheels is stopping");
    }
    Process process = builder.start();
    return new ChildProcess(process, Cleanup.kill(process));
  }

  public Process process() {
    return process;
  }

  /** Kills the process and its descendants unless they all ended; then forgets it. */
  @Override
  public void close() {
    try {
      ProcessTree.kill(process.toHandle());
    } finally {
      registration.close();
    }
  }
}
