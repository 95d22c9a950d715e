package dev.mkwheels.resolver;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A value per key computed once, even when several threads ask at the same time: the first asker
 * computes it, the others wait for its answer. A failure is remembered like a value (asking again
 * would fail the same way, after the same wait).
 */
final class IndexMemo<K, V> {
  /** Computes the value of one key. */
  interface Loader<K, V> {
    V load(K key) throws ResolutionException;
  }

  private final ConcurrentHashMap<K, FutureTask<V>> values = new ConcurrentHashMap<>();

  V get(K key, Loader<K, V> loader) throws ResolutionException {
    FutureTask<V> task = values.get(key);
    if (task == null) {
      FutureTask<V> created = new FutureTask<>(() -> loader.load(key));
      task = values.putIfAbsent(key, created);
      if (task == null) {
        task = created;
        created.run();
      }
    }
    try {
      return task.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ResolutionException failure) {
        throw failure;
      }
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ResolutionException("interrupted", e);
    }
  }
}
