package dev.mkwheels.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mkwheels.api.MkwheelsException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The pack's worker threads: results and failures come back in submission order. */
class WorkersTest {
  @Test
  void resultsComeBackInSubmissionOrder() throws Exception {
    List<Workers.Task<Integer>> tasks = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      int n = i;
      tasks.add(
          () -> {
            long spin = 0;
            for (int k = 0; k < (50 - n) * 10_000; k++) {
              spin += k;
            }
            return spin >= 0 ? n : -1;
          });
    }
    try (Workers workers = new Workers()) {
      List<Integer> results = workers.submit(tasks).get();
      for (int i = 0; i < 50; i++) {
        assertEquals(i, results.get(i));
      }
    }
  }

  @Test
  void theFirstTaskFailureIsReportedEvenWhenALaterTaskFailedFirst() {
    CountDownLatch laterFailed = new CountDownLatch(1);
    List<Workers.Task<String>> tasks =
        List.of(
            () -> {
              // With one core there is one worker: the later task has not run, and this goes on.
              awaitQuietly(laterFailed);
              throw new MkwheelsException("cannot pack a.whl");
            },
            () -> {
              laterFailed.countDown();
              throw new MkwheelsException("cannot pack z.whl");
            });
    try (Workers workers = new Workers()) {
      MkwheelsException e = assertThrows(MkwheelsException.class, workers.submit(tasks)::get);
      assertEquals("cannot pack a.whl", e.getMessage());
    }
  }

  @Test
  void oneResultComesBackWhileALaterTaskStillRuns() throws Exception {
    // The packing thread packs each file as soon as its own check is done.
    CountDownLatch firstTaken = new CountDownLatch(1);
    List<Workers.Task<String>> tasks =
        List.of(
            () -> "a.whl",
            () -> {
              awaitQuietly(firstTaken);
              if (firstTaken.getCount() > 0) {
                throw new MkwheelsException("the first result waited for this one");
              }
              return "z.whl";
            });
    try (Workers workers = new Workers()) {
      Workers.Batch<String> batch = workers.submit(tasks);
      assertEquals("a.whl", batch.get(0));
      firstTaken.countDown();
      assertEquals("z.whl", batch.get(1));
      assertEquals(List.of("a.whl", "z.whl"), batch.get());
    }
  }

  @Test
  void aRuntimeFailureComesBackAsItself() {
    List<Workers.Task<String>> tasks =
        List.of(
            () -> {
              throw new IllegalStateException("bug");
            });
    try (Workers workers = new Workers()) {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, workers.submit(tasks)::get);
      assertEquals("bug", e.getMessage());
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
