package dev.mkwheels.packaging;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Deflate's bit stream (least significant bit first) over a byte buffer that is handed to a {@link
 * ByteSink} when it fills. Raw bytes (stored blocks, gzip header and trailer) go straight into the
 * buffer once the bit stream is aligned to a byte.
 */
final class BitOutput {
  private final ByteSink sink;
  private byte[] buffer;
  private int position;
  private long bits;
  private int count;

  BitOutput(ByteSink sink, int capacity) {
    this.sink = requireNonNull(sink, "sink is null");
    this.buffer = new byte[capacity];
  }

  /** Appends the low {@code length} (at most 24) bits of {@code value}. */
  void put(int value, int length) {
    bits |= ((long) value) << count;
    count += length;
    if (count >= 32) {
      ensure(4);
      buffer[position] = (byte) bits;
      buffer[position + 1] = (byte) (bits >>> 8);
      buffer[position + 2] = (byte) (bits >>> 16);
      buffer[position + 3] = (byte) (bits >>> 24);
      position += 4;
      bits >>>= 32;
      count -= 32;
    }
  }

  /** Pads the bit stream with zero bits to a byte boundary and writes out every pending bit. */
  void alignToByte() {
    while (count > 0) {
      ensure(1);
      buffer[position++] = (byte) bits;
      bits >>>= 8;
      count -= 8;
    }
    bits = 0;
    count = 0;
  }

  /** Makes room for {@code length} raw bytes in the current buffer. */
  void ensure(int length) {
    if (buffer.length - position < length) {
      if (length > buffer.length) {
        throw new IllegalArgumentException("no room for " + length + " bytes");
      }
      flushBuffer();
    }
  }

  /** The buffer raw bytes go into at {@link #position()}; valid until the next call here. */
  byte[] buffer() {
    return buffer;
  }

  int position() {
    return position;
  }

  /**
   * Accounts for {@code length} raw bytes written into {@link #buffer()}; needs an aligned stream.
   */
  void advance(int length) {
    if (count != 0) {
      throw new IllegalStateException("raw bytes on an unaligned bit stream");
    }
    position += length;
  }

  void writeByte(int value) {
    ensure(1);
    buffer[position++] = (byte) value;
  }

  void writeIntLittleEndian(int value) {
    for (int shift = 0; shift < 32; shift += 8) {
      writeByte(value >>> shift);
    }
  }

  /** Hands every written byte to the sink; the stream must be aligned. */
  void flush() {
    if (count != 0) {
      throw new IllegalStateException("flush on an unaligned bit stream");
    }
    flushBuffer();
  }

  private void flushBuffer() {
    try {
      buffer = sink.swap(buffer, position);
    } catch (IOException e) {
      // Unwrapped by GzipWriter, whose callers declare IOException; the bit-level methods stay
      // lean.
      throw new UncheckedIOException(e);
    }
    position = 0;
  }
}
