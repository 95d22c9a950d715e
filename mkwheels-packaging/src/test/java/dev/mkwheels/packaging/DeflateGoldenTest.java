package dev.mkwheels.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gzip layer alone, pinned: fixed inputs ({@link GoldenInputs}: no JDK-dependent bytes) give
 * these exact sha256s under pack format version 1 ({@link PackFormat}). A failure here means the
 * encoder's output changed, so every tarball's md5 changed: if that was meant, it is a new format
 * version, with the new sums here and a line in the README's changelog. Each output must also
 * inflate to its input with the JDK's inflater and with real {@code gzip}.
 */
class DeflateGoldenTest {
  static final String EMPTY = "ac73670af3abed54ac6fb4695131f4099be9fbe39d6076c5d0264a6bbdae9d83";
  static final String TEXT = "77766275b3dff11055d46ff4cb4fccf4a68e770643d77b3ba12ab89ec3174222";
  static final String ZEROS = "37c450962551b69491812fe9f2527c51c116801c28277995d0e0b044449aa55b";
  static final String RANDOM_CODED =
      "06ddd9ff64af5c53941f4f7c5b2142dd2b32d5eec6e37ba6f3071c16f45537bd";
  static final String RANDOM_STORED =
      "c986736c7de04cc8fef25571165403d0b3bd08d720396e167830c2605501a037";
  static final String ZIP_STRUCTURE =
      "6eae21cccdab81e2d29a28c49d56fac9a31d90fe5f95932b2bd378b9a0e9f258";

  /** The zip itself, so that a failure says whether the input or the encoder moved. */
  static final String ZIP_INPUT =
      "35c9a975297ea57286aab6dc38ae39037f7a924228299678ee7c879fc77452fb";

  static final String MIXED = "3ad075170c2312d2139cdc1f168b8bcd0c7da03fda8176df7c550ea1975e30a1";

  @TempDir Path temp;

  /** Bytes and whether they go coded (LZ77 and fixed Huffman) or into stored blocks. */
  record Piece(byte[] bytes, boolean coded) {}

  static byte[] gzip(List<Piece> pieces) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteSink sink =
        (full, length) -> {
          out.write(full, 0, length);
          return new byte[full.length];
        };
    GzipWriter gzip = new GzipWriter(new BitOutput(sink, 1 << 20));
    for (Piece piece : pieces) {
      if (piece.coded()) {
        gzip.compress(piece.bytes(), 0, piece.bytes().length);
      } else {
        gzip.store(piece.bytes(), 0, piece.bytes().length);
      }
    }
    gzip.finish();
    return out.toByteArray();
  }

  @Test
  void anEmptyStream() throws Exception {
    assertGolden("empty", EMPTY, List.of());
  }

  @Test
  void text() throws Exception {
    // Longer than one coded block and than the window, so blocks end and the window slides.
    assertGolden("text", TEXT, List.of(new Piece(GoldenInputs.text(300_000, 11), true)));
  }

  @Test
  void zeros() throws Exception {
    // Tar padding and zero blocks: the longest matches, back to back.
    assertGolden("zeros", ZEROS, List.of(new Piece(new byte[600_000], true)));
  }

  @Test
  void randomBytesCoded() throws Exception {
    // What the coder does with bytes that hold no matches: literals, and the rare short match.
    assertGolden(
        "random coded", RANDOM_CODED, List.of(new Piece(GoldenInputs.random(100_000, 12), true)));
  }

  @Test
  void randomBytesStored() throws Exception {
    // Stored blocks are cut at 65535 bytes.
    assertGolden(
        "random stored",
        RANDOM_STORED,
        List.of(new Piece(GoldenInputs.random(200_000, 13), false)));
  }

  @Test
  void aZipSplitIntoStoredAndCodedRangesAsZipLayoutReadsIt() throws Exception {
    byte[] zip = GoldenInputs.structuredZip();
    assertEquals(ZIP_INPUT, GoldenInputs.sha256Hex(zip), "the golden zip changed; it must not");
    Path file = Files.write(temp.resolve("structured-1.0-py3-none-any.whl"), zip);
    long[] ranges;
    try (FileChannel channel = FileChannel.open(file)) {
      ranges = ZipLayout.storedRanges(channel, zip.length).orElseThrow();
    }
    // The deflated members of 128 bytes or more (edge128.txt, the noise, the text and RECORD) are
    // stored in the tarball; the shorter ones (edge127.txt among them) and the member stored in
    // the zip are coded with the headers and the central directory. Which ranges are stored is
    // part of the format too.
    assertArrayEquals(
        new long[] {299, 427, 477, 150492, 153591, 193596, 193918, 194596},
        ranges,
        Arrays.toString(ranges));
    List<Piece> pieces = new ArrayList<>();
    int at = 0;
    for (int i = 0; i < ranges.length; i += 2) {
      pieces.add(new Piece(Arrays.copyOfRange(zip, at, (int) ranges[i]), true));
      pieces.add(new Piece(Arrays.copyOfRange(zip, (int) ranges[i], (int) ranges[i + 1]), false));
      at = (int) ranges[i + 1];
    }
    pieces.add(new Piece(Arrays.copyOfRange(zip, at, zip.length), true));
    assertGolden("zip structure", ZIP_STRUCTURE, pieces);
  }

  @Test
  void textStoredBytesAndTheSameTextAgain() throws Exception {
    // The second copy of the text matches back across the stored bytes.
    byte[] text = GoldenInputs.text(6_000, 14);
    assertGolden(
        "mixed",
        MIXED,
        List.of(
            new Piece(text, true),
            new Piece(GoldenInputs.random(20_000, 15), false),
            new Piece(text, true),
            new Piece(new byte[1024], true)));
  }

  private void assertGolden(String name, String expectedSha256, List<Piece> pieces)
      throws Exception {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    pieces.forEach(p -> all.writeBytes(p.bytes()));
    byte[] input = all.toByteArray();
    byte[] gzip = gzip(pieces);

    assertArrayEquals(input, gunzip(gzip), name + ": GZIPInputStream");
    assertArrayEquals(input, inflateRaw(gzip), name + ": Inflater");
    Path file = Files.write(temp.resolve(name.replace(' ', '-') + ".gz"), gzip);
    Command.run(temp, List.of("gzip", "-t", file.toString())).succeeded();
    Command unpacked =
        Command.run(temp, List.of("sh", "-c", "gzip -dc '" + file + "' | sha256sum")).succeeded();
    assertEquals(GoldenInputs.sha256Hex(input), unpacked.out().split(" ")[0], name + ": gzip -dc");

    assertEquals(
        expectedSha256,
        GoldenInputs.sha256Hex(gzip),
        name + ": the encoder's bytes changed (" + gzip.length + " bytes now); see PackFormat");
  }

  static byte[] gunzip(byte[] gzip) throws Exception {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return in.readAllBytes();
    }
  }

  /** The deflate stream between gzip's fixed 10-byte header and its trailer, inflated raw. */
  static byte[] inflateRaw(byte[] gzip) throws Exception {
    assertArrayEquals(
        new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 255},
        Arrays.copyOf(gzip, 10),
        "the gzip header");
    Inflater inflater = new Inflater(true);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      inflater.setInput(gzip, 10, gzip.length - 10);
      byte[] buffer = new byte[1 << 16];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        assertTrue(n > 0 || !inflater.needsInput(), "the deflate stream ended early");
        out.write(buffer, 0, n);
      }
      assertEquals(8, inflater.getRemaining(), "the 8-byte trailer follows the deflate stream");
    } finally {
      inflater.end();
    }
    byte[] inflated = out.toByteArray();
    ByteBuffer trailer = ByteBuffer.wrap(gzip, gzip.length - 8, 8).order(ByteOrder.LITTLE_ENDIAN);
    CRC32 crc = new CRC32();
    crc.update(inflated);
    assertEquals((int) crc.getValue(), trailer.getInt(), "CRC32 in the trailer");
    assertEquals(inflated.length, trailer.getInt(), "ISIZE in the trailer");
    return inflated;
  }
}
