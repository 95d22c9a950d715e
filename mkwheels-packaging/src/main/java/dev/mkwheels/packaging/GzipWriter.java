package dev.mkwheels.packaging;

import static dev.mkwheels.packaging.PackFormat.CODED_BLOCK;
import static dev.mkwheels.packaging.PackFormat.MAX_STORED_BLOCK;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.CRC32;

/**
 * A gzip member written by hand, byte for byte the same on every JDK: a fixed header (no name,
 * mtime 0, no extra flags, OS 255), then deflate blocks: fixed-Huffman blocks for the bytes given
 * to {@link #compress} and stored blocks for the bytes given to {@link #store}, which are already
 * compressed and would not shrink. The output depends only on the sequence of bytes and which of
 * the two each went through, never on how the calls cut it. {@link PackFormat} writes the rules
 * down.
 */
final class GzipWriter {
  private final BitOutput out;
  private final FixedHuffman huffman;
  private final Lz77 lz77;
  private final CRC32 crc = new CRC32();
  private final byte[] pending = new byte[CODED_BLOCK];
  private int pendingLength;
  private int storedHeader = -1;
  private int storedLength;
  private long size;

  GzipWriter(BitOutput out) {
    this(out, Lz77.REBASE_AT);
  }

  /** With another LZ77 renumbering threshold: for tests. */
  GzipWriter(BitOutput out, int rebaseAt) {
    this.out = out;
    this.huffman = new FixedHuffman(out);
    this.lz77 = new Lz77(huffman, rebaseAt);
    out.writeByte(0x1f);
    out.writeByte(0x8b);
    out.writeByte(PackFormat.GZIP_METHOD_DEFLATE);
    out.writeByte(PackFormat.GZIP_FLAGS);
    out.writeIntLittleEndian(PackFormat.GZIP_MTIME);
    out.writeByte(PackFormat.GZIP_EXTRA_FLAGS);
    out.writeByte(PackFormat.GZIP_OS_UNKNOWN);
  }

  /** Bytes worth compressing: headers, text, the zip members that were stored. */
  void compress(byte[] data, int offset, int length) throws IOException {
    if (length == 0) {
      return; // an empty call must not cut a stored block in two
    }
    try {
      closeStored();
      crc.update(data, offset, length);
      size += length;
      int done = 0;
      while (done < length) {
        int take = Math.min(length - done, CODED_BLOCK - pendingLength);
        System.arraycopy(data, offset + done, pending, pendingLength, take);
        pendingLength += take;
        done += take;
        if (pendingLength == CODED_BLOCK) {
          encodePending();
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Bytes that are compressed already: copied into stored blocks. */
  void store(byte[] data, int offset, int length) throws IOException {
    if (length == 0) {
      return;
    }
    try {
      encodePending();
      crc.update(data, offset, length);
      size += length;
      lz77.skip(data, offset, length);
      int done = 0;
      while (done < length) {
        if (storedHeader < 0) {
          openStored();
        }
        int take = Math.min(length - done, MAX_STORED_BLOCK - storedLength);
        System.arraycopy(data, offset + done, out.buffer(), out.position(), take);
        out.advance(take);
        storedLength += take;
        done += take;
        if (storedLength == MAX_STORED_BLOCK) {
          closeStored();
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Ends the deflate stream and writes the trailer; the sink has every byte afterwards. */
  void finish() throws IOException {
    try {
      encodePending();
      closeStored();
      out.put(0b011, 3); // BFINAL, fixed Huffman: an empty last block
      huffman.endOfBlock();
      out.alignToByte();
      out.writeIntLittleEndian((int) crc.getValue());
      out.writeIntLittleEndian((int) size);
      out.flush();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Uncompressed bytes so far. */
  long size() {
    return size;
  }

  private void encodePending() {
    if (pendingLength == 0) {
      return;
    }
    out.put(0b010, 3); // not last, fixed Huffman
    lz77.compress(pending, 0, pendingLength);
    huffman.endOfBlock();
    pendingLength = 0;
  }

  // LEN and NLEN are filled in when the block closes, so the block must fit the current buffer.
  private void openStored() {
    out.put(0b000, 3); // not last, stored
    out.alignToByte();
    out.ensure(4 + MAX_STORED_BLOCK);
    storedHeader = out.position();
    out.advance(4);
    storedLength = 0;
  }

  private void closeStored() {
    if (storedHeader < 0) {
      return;
    }
    byte[] buffer = out.buffer();
    buffer[storedHeader] = (byte) storedLength;
    buffer[storedHeader + 1] = (byte) (storedLength >>> 8);
    buffer[storedHeader + 2] = (byte) ~storedLength;
    buffer[storedHeader + 3] = (byte) (~storedLength >>> 8);
    storedHeader = -1;
  }
}
