package dev.mkwheels.packaging;

import dev.mkwheels.api.MkwheelsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;

/**
 * The SHA-256 of the files sorted after requirements.txt, which it must name before they are
 * packed, with a CRC32 each that proves the second read met the same bytes. Files are hashed on as
 * many threads as there are cores (at most two: the writer's MD5 waits for this anyway); the result
 * does not depend on which thread hashed what.
 */
final class Prehash {
  private static final int BUFFER = 1 << 20;
  private static final int MAX_THREADS = 2;

  /** One file's digests. */
  record Digests(String sha256, long crc32) {}

  private Prehash() {}

  static Map<String, Digests> of(List<Wheelhouse.Member> members) throws MkwheelsException {
    Map<String, Digests> result = new TreeMap<>();
    if (members.isEmpty()) {
      return result;
    }
    int threads =
        Math.min(MAX_THREADS, Math.min(members.size(), Runtime.getRuntime().availableProcessors()));
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            runnable -> {
              Thread thread = new Thread(runnable, "mkwheels-prehash");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<Digests>> futures = new ArrayList<>();
      for (Wheelhouse.Member member : members) {
        futures.add(pool.submit(() -> digest(member)));
      }
      for (int i = 0; i < members.size(); i++) {
        result.put(members.get(i).name(), futures.get(i).get());
      }
      return result;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof MkwheelsException failure) {
        throw failure;
      }
      throw new IllegalStateException("hashing failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MkwheelsException("interrupted while hashing", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Digests digest(Wheelhouse.Member member) throws MkwheelsException {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
    CRC32 crc = new CRC32();
    byte[] bytes = new byte[BUFFER];
    long total = 0;
    try (FileChannel in = FileChannel.open(member.path())) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      int read;
      while ((read = in.read(buffer.clear())) > 0) {
        crc.update(bytes, 0, read);
        sha256.update(bytes, 0, read);
        total += read;
      }
    } catch (IOException e) {
      throw new MkwheelsException(
          "cannot read " + member.path() + ": " + IoMessages.describe(e), e);
    }
    if (total != member.size()) {
      throw new MkwheelsException(
          "cannot pack " + member.path() + ": it changed while it was being packed");
    }
    return new Digests(HexFormat.of().formatHex(sha256.digest()), crc.getValue());
  }
}
