package dev.mkwheels.packaging;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The end of the pipeline: takes the compressed buffers in order, hashes them (SHA-256 on the
 * caller's thread, MD5 on a writer thread, so the two halves of the work share the cores) and
 * writes them out. The digests are of the bytes as written, not of the file read back.
 */
final class DigestingWriter implements ByteSink, AutoCloseable {
  private static final int BUFFERS = 3;
  private static final Chunk END = new Chunk(new byte[0], 0);

  private record Chunk(byte[] bytes, int length) {}

  /** The digests and size of everything written. */
  record Digests(String md5, String sha256, long size) {}

  private final WritableByteChannel channel;
  private final MessageDigest sha256 = digest("SHA-256");
  private final MessageDigest md5 = digest("MD5");
  private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(BUFFERS + 1);
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
  private final int bufferSize;
  private final Thread thread;
  private int allocated;
  private long size;
  private volatile IOException failure;
  private boolean closed;

  DigestingWriter(WritableByteChannel channel, int bufferSize) {
    this.channel = requireNonNull(channel, "channel is null");
    this.bufferSize = bufferSize;
    this.thread = new Thread(this::drain, "mkwheels-tarball-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** A buffer of the size this writer takes back. */
  byte[] newBuffer() {
    allocated++;
    return new byte[bufferSize];
  }

  @Override
  public byte[] swap(byte[] bytes, int length) throws IOException {
    throwIfFailed();
    sha256.update(bytes, 0, length);
    size += length;
    put(new Chunk(bytes, length));
    byte[] next = free.poll();
    if (next != null) {
      return next;
    }
    if (allocated < BUFFERS) {
      return newBuffer();
    }
    try {
      return free.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WriteException(new IOException("interrupted while writing", e));
    }
  }

  /** Waits for every byte to be written; call after the last {@link #swap}. */
  Digests finish() throws IOException {
    close();
    throwIfFailed();
    HexFormat hex = HexFormat.of();
    return new Digests(hex.formatHex(md5.digest()), hex.formatHex(sha256.digest()), size);
  }

  /** Stops the writer thread; safe to call more than once, and after a failure. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    put(END);
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WriteException(new IOException("interrupted while writing", e));
    }
  }

  private void put(Chunk chunk) throws IOException {
    try {
      full.put(chunk);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WriteException(new IOException("interrupted while writing", e));
    }
  }

  // After a failure it keeps taking buffers (and drops them), so the producer never blocks.
  private void drain() {
    while (true) {
      Chunk chunk;
      try {
        chunk = full.take();
      } catch (InterruptedException e) {
        failure = new IOException("interrupted while writing");
        return;
      }
      if (chunk == END) {
        return;
      }
      if (failure == null) {
        try {
          md5.update(chunk.bytes(), 0, chunk.length());
          ByteBuffer buffer = ByteBuffer.wrap(chunk.bytes(), 0, chunk.length());
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
        } catch (IOException e) {
          failure = e;
        }
      }
      free.offer(chunk.bytes());
    }
  }

  private void throwIfFailed() throws IOException {
    IOException e = failure;
    if (e != null) {
      throw new WriteException(e);
    }
  }

  /** Writing the output failed (as opposed to reading an input). */
  static final class WriteException extends IOException {
    private static final long serialVersionUID = 1L;

    WriteException(IOException cause) {
      super(IoMessages.describe(cause), cause);
    }
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is missing from this JDK", e);
    }
  }
}
