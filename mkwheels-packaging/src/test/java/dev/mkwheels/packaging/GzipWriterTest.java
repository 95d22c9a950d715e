package dev.mkwheels.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The hand-written gzip member: what the JDK's inflater reads back, and what it costs. */
class GzipWriterTest {

  /** A piece of the stream and whether it goes compressed. */
  record Piece(byte[] bytes, boolean compress) {}

  static byte[] gzip(List<Piece> pieces, long cutSeed) throws Exception {
    return gzip(pieces, cutSeed, Lz77.REBASE_AT);
  }

  static byte[] gzip(List<Piece> pieces, long cutSeed, int rebaseAt) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // A small buffer, so that buffers change hands in the middle of blocks too.
    ByteSink sink =
        (full, length) -> {
          out.write(full, 0, length);
          return new byte[full.length];
        };
    GzipWriter gzip = new GzipWriter(new BitOutput(sink, 70_000), rebaseAt);
    Random cuts = new Random(cutSeed);
    for (Piece piece : pieces) {
      int at = 0;
      while (at < piece.bytes().length) {
        int take =
            cutSeed == 0
                ? piece.bytes().length
                : Math.min(piece.bytes().length - at, 1 + cuts.nextInt(100_000));
        if (piece.compress()) {
          gzip.compress(piece.bytes(), at, take);
        } else {
          gzip.store(piece.bytes(), at, take);
        }
        at += take;
      }
    }
    gzip.finish();
    return out.toByteArray();
  }

  static byte[] concatenated(List<Piece> pieces) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    pieces.forEach(p -> all.writeBytes(p.bytes()));
    return all.toByteArray();
  }

  static byte[] gunzip(byte[] gzip) throws Exception {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return in.readAllBytes();
    }
  }

  /** Text, zeros, repeats and noise, long and short, both ways, as tar streams of wheels are. */
  static List<Piece> mixed(long seed) {
    Random random = new Random(seed);
    List<Piece> pieces = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      int length = random.nextInt(4) == 0 ? random.nextInt(300_000) : random.nextInt(3000);
      byte[] bytes = new byte[length];
      switch (random.nextInt(4)) {
        case 0 -> random.nextBytes(bytes);
        case 1 -> {} // zeros, as tar padding
        case 2 -> {
          byte[] word =
              ("name-" + random.nextInt(50) + "/module.py,").getBytes(StandardCharsets.US_ASCII);
          for (int j = 0; j < length; j++) {
            bytes[j] = word[j % word.length];
          }
        }
        default -> {
          for (int j = 0; j < length; j++) {
            bytes[j] =
                (byte) (random.nextInt(8) == 0 ? random.nextInt(256) : 'a' + random.nextInt(4));
          }
        }
      }
      pieces.add(new Piece(bytes, random.nextInt(3) != 0));
    }
    return pieces;
  }

  @Test
  void anyMixOfCompressedAndStoredBytesInflatesToTheInput() throws Exception {
    for (long seed = 1; seed <= 8; seed++) {
      List<Piece> pieces = mixed(seed);
      assertArrayEquals(concatenated(pieces), gunzip(gzip(pieces, 0)), "seed " + seed);
    }
  }

  @Test
  void theBytesDoNotDependOnHowTheCallsCutTheStream() throws Exception {
    List<Piece> pieces = mixed(99);
    byte[] whole = gzip(pieces, 0);
    for (long cuts = 1; cuts <= 4; cuts++) {
      assertArrayEquals(whole, gzip(pieces, cuts), "cuts " + cuts);
    }
  }

  @Test
  void renumberingStreamPositionsChangesNoByte() throws Exception {
    // Positions are renumbered past a gigabyte; here past 100 kB, many times over.
    for (long seed = 20; seed <= 23; seed++) {
      List<Piece> pieces = mixed(seed);
      byte[] renumbered = gzip(pieces, seed, 100_000);
      assertArrayEquals(gzip(pieces, 0), renumbered, "seed " + seed);
      assertArrayEquals(concatenated(pieces), gunzip(renumbered));
    }
  }

  @Test
  void anEmptyStreamIsAValidGzip() throws Exception {
    assertArrayEquals(new byte[0], gunzip(gzip(List.of(), 0)));
  }

  @Test
  void compressedTextShrinksNearlyAsMuchAsZlibAndStoredBytesCostFiveBytesABlock() throws Exception {
    // A RECORD-like listing: paths that repeat in part, hashes that do not.
    Random random = new Random(11);
    StringBuilder record = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      byte[] hash = new byte[32];
      random.nextBytes(hash);
      record
          .append("pkg/sub")
          .append(random.nextInt(40))
          .append("/module_")
          .append(random.nextInt(500))
          .append(".py,sha256=")
          .append(java.util.Base64.getUrlEncoder().encodeToString(hash))
          .append(',')
          .append(random.nextInt(100_000))
          .append('\n');
    }
    byte[] text = record.toString().getBytes(StandardCharsets.US_ASCII);
    int compressed = gzip(List.of(new Piece(text, true)), 0).length;
    java.util.zip.Deflater zlib = new java.util.zip.Deflater(6, true);
    zlib.setInput(text);
    zlib.finish();
    int zlibSize = zlib.deflate(new byte[text.length]);
    zlib.end();
    assertTrue(
        compressed < zlibSize * 5 / 4 + 18, compressed + " bytes against zlib's " + zlibSize);

    byte[] noise = new byte[1_000_000];
    new Random(5).nextBytes(noise);
    int stored = gzip(List.of(new Piece(noise, false)), 0).length;
    int blocks = (noise.length + 65534) / 65535;
    assertTrue(stored <= noise.length + 5 * blocks + 20, stored + " for " + noise.length);
  }

  @Test
  void matchesReachBackAcrossStoredBytes() throws Exception {
    byte[] header = new byte[3000];
    new Random(3).nextBytes(header);
    byte[] noise = new byte[20_000];
    new Random(4).nextBytes(noise);
    // The second header costs a few matches, not 3 kB: the distance counts the stored bytes.
    List<Piece> pieces =
        List.of(new Piece(header, true), new Piece(noise, false), new Piece(header, true));
    byte[] gzip = gzip(pieces, 0);
    assertTrue(gzip.length < noise.length + header.length * 1.2 + 200, "size " + gzip.length);
    assertArrayEquals(concatenated(pieces), gunzip(gzip));
  }
}
