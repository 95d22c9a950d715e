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
import java.util.zip.CRC32;

/**
 * Each file's SHA-256, which requirements.txt, pylock.toml and the SBOM name, with a CRC32 that
 * proves the second read, while packing, met the same bytes. Files are hashed on the pack's {@link
 * Workers}, behind the checks, while the first files are packed; the result does not depend on
 * which thread hashed what.
 */
final class Prehash {
  private static final int BUFFER = 1 << 20;
  // One buffer a worker thread, not one a file: each new megabyte is a humongous object to G1,
  // and zeroing its fresh pages took 145 ms of a worker for jupyter's 97 wheels (wave 6).
  private static final ThreadLocal<byte[]> BUFFERS =
      ThreadLocal.withInitial(() -> new byte[BUFFER]);

  /** One file's digests. */
  record Digests(String sha256, long crc32) {}

  /** Hashing under way. */
  static final class Pending {
    private final List<Wheelhouse.Member> members;
    private final Workers.Batch<Digests> batch;

    private Pending(List<Wheelhouse.Member> members, Workers.Batch<Digests> batch) {
      this.members = members;
      this.batch = batch;
    }

    /** Waits for every file's digests, by file name; the first file's failure, if any. */
    Map<String, Digests> get() throws MkwheelsException {
      List<Digests> digests = batch.get();
      Map<String, Digests> result = new TreeMap<>();
      for (int i = 0; i < members.size(); i++) {
        result.put(members.get(i).name(), digests.get(i));
      }
      return result;
    }
  }

  private Prehash() {}

  static Map<String, Digests> of(List<Wheelhouse.Member> members) throws MkwheelsException {
    try (Workers workers = new Workers()) {
      return start(members, workers).get();
    }
  }

  /** Starts hashing {@code members} on {@code workers}, behind the work submitted before. */
  static Pending start(List<Wheelhouse.Member> members, Workers workers) {
    List<Workers.Task<Digests>> tasks = new ArrayList<>();
    for (Wheelhouse.Member member : members) {
      tasks.add(() -> digest(member));
    }
    return new Pending(List.copyOf(members), workers.submit(tasks));
  }

  private static Digests digest(Wheelhouse.Member member) throws MkwheelsException {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
    CRC32 crc = new CRC32();
    byte[] bytes = BUFFERS.get();
    long total = 0;
    try (FileChannel in = member.open()) {
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
