package dev.mkwheels.packaging;

import dev.mkwheels.api.MkwheelsException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The threads one pack uses for the per-file work that needs no order (checking each file, hashing
 * the files requirements.txt must name ahead): as many as there are cores, at most two, which take
 * the work in the order it was submitted. Results are read back in submission order, so the output
 * and the failure reported (the first file's, in name order) never depend on which thread ran what.
 * Closing stops the threads, interrupting work nobody will wait for.
 */
final class Workers implements AutoCloseable {
  private static final int MAX_THREADS = 2;

  private final ExecutorService pool;

  Workers() {
    int threads = Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors());
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            runnable -> {
              Thread thread = new Thread(runnable, "mkwheels-pack-worker");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** One piece of work that may refuse with a {@link MkwheelsException}. */
  interface Task<T> {
    T run() throws MkwheelsException;
  }

  /** Work submitted, its results to be collected in order. */
  static final class Batch<T> {
    private final List<Future<T>> futures;

    private Batch(List<Future<T>> futures) {
      this.futures = futures;
    }

    /** Every result in submission order; the first task's failure, in that order, if any. */
    List<T> get() throws MkwheelsException {
      List<T> results = new ArrayList<>(futures.size());
      try {
        for (int i = 0; i < futures.size(); i++) {
          results.add(get(i));
        }
        return results;
      } finally {
        futures.forEach(future -> future.cancel(true));
      }
    }

    /**
     * The result of the task submitted {@code index}th, waiting for it alone (the others go on);
     * its failure, if it failed. A caller that asks in submission order meets the first failure in
     * that order, as {@link #get()} does.
     */
    T get(int index) throws MkwheelsException {
      try {
        return futures.get(index).get();
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof MkwheelsException failure) {
          throw failure;
        }
        if (cause instanceof RuntimeException failure) {
          throw failure;
        }
        if (cause instanceof Error failure) {
          throw failure;
        }
        throw new IllegalStateException(cause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MkwheelsException("interrupted while packing", e);
      }
    }
  }

  /** Starts {@code tasks} behind the work submitted before. */
  <T> Batch<T> submit(List<Task<T>> tasks) {
    List<Future<T>> futures = new ArrayList<>(tasks.size());
    for (Task<T> task : tasks) {
      Callable<T> callable = task::run;
      futures.add(pool.submit(callable));
    }
    return new Batch<>(futures);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
