package dev.mkwheels.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.api.Console;
import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.testkit.Distributions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs into one output directory: the md5 a run reports is the md5 of the file it leaves, or it
 * fails saying another run replaced it. The runs are held, each just after its tarball is moved
 * into place (the debug line that reports the packing time), so that both moves happen before
 * either run finishes: the worst order, every time.
 */
class ConcurrentPackTest {
  @TempDir Path temp;

  Path wheelhouse() throws IOException {
    Path directory = Files.createDirectories(temp.resolve("wheelhouse"));
    Distributions.wheel(directory, "alpha", "1.0");
    Distributions.wheel(directory, "zeta", "1.0");
    return directory;
  }

  /** A console that runs {@code hook} at the debug line, i.e. right after the move. */
  static Console afterMove(Runnable hook) {
    return new Console() {
      @Override
      public void progress(String message) {}

      @Override
      public void warn(String message) {}

      @Override
      public void debug(String message) {
        if (message.startsWith("packed ")) {
          hook.run();
        }
      }
    };
  }

  PackRequest request(Path wheelhouse, String note) {
    return new PackRequest(wheelhouse, "ok", "1.0", 0, temp.resolve("out"), List.of(note));
  }

  static String md5(Path file) throws Exception {
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    return HexFormat.of().formatHex(md5.digest(Files.readAllBytes(file)));
  }

  @Test
  void ofTwoRunsThatReplaceEachOtherOnlyTheOneWhoseFileStaysSucceeds() throws Exception {
    Path wheelhouse = wheelhouse();
    CyclicBarrier bothMoved = new CyclicBarrier(2);
    Console console =
        afterMove(
            () -> {
              try {
                bothMoved.await(30, TimeUnit.SECONDS);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<PackResult>> runs = new ArrayList<>();
      // Different notes: different requirements.txt, different bytes, different md5.
      for (String note : List.of("run one", "run two")) {
        runs.add(pool.submit(() -> new Packager().pack(request(wheelhouse, note), console)));
      }
      List<PackResult> succeeded = new ArrayList<>();
      List<String> failed = new ArrayList<>();
      for (Future<PackResult> run : runs) {
        try {
          succeeded.add(run.get(60, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
          assertTrue(e.getCause() instanceof MkwheelsException, String.valueOf(e.getCause()));
          failed.add(e.getCause().getMessage());
        }
      }
      assertEquals(1, succeeded.size(), "one run succeeds; failures: " + failed);
      assertEquals(1, failed.size());
      Path target = temp.resolve("out/ok-wheels-1.0.tar.gz");
      assertTrue(
          failed.get(0).startsWith("cannot pack " + target + ": another run replaced it"),
          failed.get(0));
      assertFalse(failed.get(0).contains("\n"));
      assertEquals(md5(target), succeeded.get(0).md5(), "the md5 reported is the file's");
      try (Stream<Path> files = Files.list(temp.resolve("out"))) {
        assertEquals(List.of(target), files.toList(), "no temporary file is left");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aReplacementWithTheSameBytesIsNoFailure() throws Exception {
    Path target = temp.resolve("out/ok-wheels-1.0.tar.gz");
    // Another run with the same input leaves the same bytes in a new file: the md5 still holds.
    PackResult result =
        new Packager()
            .pack(
                request(wheelhouse(), "same"),
                afterMove(
                    () -> {
                      try {
                        Path copy = Files.copy(target, temp.resolve("copy"));
                        Files.move(
                            copy,
                            target,
                            StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                      } catch (IOException e) {
                        throw new UncheckedIOException(e);
                      }
                    }));
    assertEquals(md5(target), result.md5());
  }

  @Test
  void aTarballRemovedByAnotherRunIsAFailure() throws Exception {
    Path target = temp.resolve("out/ok-wheels-1.0.tar.gz");
    MkwheelsException e =
        assertThrows(
            MkwheelsException.class,
            () ->
                new Packager()
                    .pack(
                        request(wheelhouse(), "gone"),
                        afterMove(
                            () -> {
                              try {
                                Files.delete(target);
                              } catch (IOException io) {
                                throw new UncheckedIOException(io);
                              }
                            })));
    assertEquals(
        "cannot pack " + target + ": another run removed it just after this one wrote it",
        e.getMessage());
  }
}
