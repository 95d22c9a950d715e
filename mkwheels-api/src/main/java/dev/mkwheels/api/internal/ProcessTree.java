package dev.mkwheels.api.internal;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Ends a process and every process it started: pip, the build backends it runs, the git it calls. A
 * child whose parent dies is re-parented (to init or a subreaper) and is then no longer a
 * descendant of anyone we know, so the tree is collected before anything is killed, again in every
 * round while it is being killed, and each process seen once is killed by its own handle whatever
 * its parent is by then. Each gets SIGTERM first (pip and git clean up after themselves), then
 * SIGKILL after a short grace. Thread-safe: it holds no state.
 */
public final class ProcessTree {
  /** How long a tree has between SIGTERM and SIGKILL. */
  public static final Duration GRACE = Duration.ofSeconds(2);

  private static final long ROUND_MILLIS = 20;

  private ProcessTree() {}

  /** Kills {@code root} and all its descendants with the default grace. */
  public static void kill(ProcessHandle root) {
    kill(root, GRACE);
  }

  /**
   * Kills {@code root} and all its descendants: SIGTERM to every one seen, repeated while new ones
   * appear, then SIGKILL to what is left after {@code grace}. Returns when every process seen is
   * gone, or after a last bounded wait.
   */
  public static void kill(ProcessHandle root, Duration grace) {
    requireNonNull(root, "root is null");
    requireNonNull(grace, "grace is null");
    // Cleaning up is what an interrupted caller wants most: the flag is kept for after.
    boolean interrupted = Thread.interrupted();
    try {
      Set<ProcessHandle> seen = new LinkedHashSet<>();
      seen.add(root);
      long deadline = System.nanoTime() + grace.toNanos();
      boolean forcibly = false;
      while (true) {
        collect(seen);
        boolean anyRunning = false;
        for (ProcessHandle process : seen) {
          if (running(process)) {
            anyRunning = true;
            // A fork between the snapshot and this signal is caught by the next round: the new
            // child is still a descendant of a handle seen here, whoever its parent is by then.
            if (forcibly) {
              process.destroyForcibly();
            } else {
              process.destroy();
            }
          }
        }
        if (!anyRunning) {
          return;
        }
        if (System.nanoTime() > deadline) {
          if (forcibly) {
            return;
          }
          forcibly = true;
          deadline = System.nanoTime() + GRACE.toNanos();
        }
        interrupted |= pause();
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Whether {@code process} still runs: a zombie (dead, not yet reaped by a parent that may never
   * reap it, such as a container's init) does not.
   */
  public static boolean running(ProcessHandle process) {
    if (!process.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      int end = stat.lastIndexOf(')');
      return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) != 'Z';
    } catch (IOException | RuntimeException e) {
      // No /proc (not Linux) or the process just went: isAlive is the best answer there is.
      return process.isAlive();
    }
  }

  /** Adds every live descendant of every process in {@code seen}, until no new one appears. */
  private static void collect(Set<ProcessHandle> seen) {
    boolean grew = true;
    while (grew) {
      grew = false;
      for (ProcessHandle process : Set.copyOf(seen)) {
        if (running(process)) {
          grew |= process.descendants().map(seen::add).reduce(false, Boolean::logicalOr);
        }
      }
    }
  }

  /** Waits one round; true when interrupted meanwhile. */
  private static boolean pause() {
    try {
      Thread.sleep(ROUND_MILLIS);
      return false;
    } catch (InterruptedException e) {
      return true;
    }
  }
}
