package dev.mkwheels.api.internal;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * What a run must undo if the JVM stops before the run could: SIGINT and SIGTERM run the JVM's
 * shutdown hooks, then the JVM halts with 130 or 143 (128 + the signal, the JVM's own rule), and no
 * {@code finally} block of the interrupted thread runs. Everything that leaves something behind
 * registers here for as long as it exists: a work directory, a temporary file beside a target, a
 * child process. The one shutdown hook then, in order: refuses new registrations, kills every
 * registered process with everything it started ({@link ProcessTree}), interrupts the threads that
 * registered (a thread waiting on pip, on HTTP, writing a file, unwinds and cleans up after
 * itself), waits a moment for them, then deletes every path still registered.
 *
 * <p>Providers rarely need it: the host registers the work directory it hands them. Thread-safe;
 * one registry per JVM.
 */
public final class Cleanup {
  private static final long UNWIND_MILLIS = 3_000;
  private static final Object LOCK = new Object();
  private static final Map<Registration, Thread> REGISTERED = new LinkedHashMap<>();
  private static boolean hooked;
  private static boolean shuttingDown;

  private Cleanup() {}

  /**
   * A registration: close it once the thing is gone (deleted, moved into place, or exited). Closing
   * twice is harmless.
   */
  public static final class Registration implements AutoCloseable {
    private final Runnable undo;
    private final boolean process;

    private Registration(Runnable undo, boolean process) {
      this.undo = undo;
      this.process = process;
    }

    @Override
    public void close() {
      synchronized (LOCK) {
        REGISTERED.remove(this);
      }
    }
  }

  /**
   * Registers a file or a directory tree to delete if the JVM stops first. Register before creating
   * it, so that nothing is ever created that the hook does not know about.
   *
   * @throws CancellationException when the JVM is already shutting down: create nothing
   */
  public static Registration delete(Path path) {
    requireNonNull(path, "path is null");
    return register(new Registration(() -> deleteQuietly(path), false));
  }

  /**
   * Registers a started process, to be killed with all its descendants if the JVM stops first.
   *
   * @throws CancellationException when the JVM is already shutting down: the process and its
   *     descendants have been killed
   */
  public static Registration kill(Process process) {
    requireNonNull(process, "process is null");
    Registration registration = new Registration(() -> ProcessTree.kill(process.toHandle()), true);
    try {
      return register(registration);
    } catch (CancellationException e) {
      registration.undo.run();
      throw e;
    }
  }

  /** Whether the JVM is shutting down (a signal arrived): a thread seeing an error then says so. */
  public static boolean shuttingDown() {
    synchronized (LOCK) {
      return shuttingDown;
    }
  }

  private static Registration register(Registration registration) {
    synchronized (LOCK) {
      if (shuttingDown) {
        throw new CancellationException("interrupted: mkwheels is stopping");
      }
      if (!hooked) {
        Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::run, "mkwheels-cleanup"));
        hooked = true;
      }
      REGISTERED.put(registration, Thread.currentThread());
      return registration;
    }
  }

  /** The shutdown hook. */
  private static void run() {
    Map<Registration, Thread> snapshot;
    synchronized (LOCK) {
      shuttingDown = true;
      snapshot = new LinkedHashMap<>(REGISTERED);
    }
    // Processes first: they write into the directories deleted next.
    snapshot.keySet().stream().filter(r -> r.process).forEach(r -> r.undo.run());
    Set<Thread> owners = new LinkedHashSet<>(snapshot.values());
    owners.remove(Thread.currentThread());
    owners.forEach(Thread::interrupt);
    long deadline = System.nanoTime() + UNWIND_MILLIS * 1_000_000;
    while (System.nanoTime() < deadline && !remaining().isEmpty()) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        break;
      }
    }
    // Whatever the threads did not clean up in time, including processes started meanwhile.
    remaining().stream().sorted(Comparator.comparing(r -> !r.process)).forEach(r -> r.undo.run());
  }

  private static List<Registration> remaining() {
    synchronized (LOCK) {
      return new ArrayList<>(REGISTERED.keySet());
    }
  }

  private static void deleteQuietly(Path root) {
    try {
      deleteTree(root);
    } catch (IOException e) {
      // On the way out: what cannot be deleted now stays; there is no one left to tell.
    }
  }

  /**
   * Deletes a file or a tree, never following a link, tolerating what a thread still running
   * deletes or creates meanwhile; a directory made read-only (an unpacked archive's) is made
   * writable first. The one recursive delete of the host's modules.
   *
   * @throws IOException when something cannot be deleted
   */
  public static void deleteTree(Path root) throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
          return;
        }
        Files.walkFileTree(
            root,
            new SimpleFileVisitor<>() {
              @Override
              public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                dir.toFile().setWritable(true, true);
                return FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                  throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                  return FileVisitResult.CONTINUE;
                }
                throw e;
              }

              @Override
              public FileVisitResult postVisitDirectory(Path dir, IOException e)
                  throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                  throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
              }
            });
        return;
      } catch (DirectoryNotEmptyException | NoSuchFileException e) {
        // A thread still running wrote into it meanwhile, or deleted part of it: walk again.
        last = e;
      }
    }
    throw last;
  }
}
