package dev.mkwheels.packaging;

/**
 * Pack format version 2: every parameter that decides the tarball's bytes beyond its input, in one
 * place. The encoder ({@link GzipWriter}, {@link Lz77}, {@link ZipLayout}, {@link TarballWriter})
 * reads them from here and nowhere else. {@code PackGoldenTest} and {@code DeflateGoldenTest} pin
 * the bytes they give: changing any value below changes every artifact's md5, so it is a new format
 * version, made on purpose, with new golden sums and a line in the README's changelog.
 *
 * <p><b>The gzip member</b> (RFC 1952): one member; the header is {@code 1f 8b 08 00 00000000 00
 * ff} (deflate, no flags so no name or comment, mtime 0, no extra flags, OS 255 "unknown"); the
 * trailer is the CRC-32 and the size mod 2^32 of the tar stream.
 *
 * <p><b>The deflate stream</b> (RFC 1951). Each byte of the tar stream is either <em>stored</em> or
 * <em>coded</em>, and that choice alone (never how the writer's calls cut the stream) decides the
 * blocks:
 *
 * <ul>
 *   <li>a maximal run of stored bytes becomes stored blocks of {@link #MAX_STORED_BLOCK} bytes, the
 *       last one shorter; a maximal run of coded bytes becomes fixed-Huffman blocks (RFC 1951,
 *       3.2.6: no code tables in the stream, so no statistics) of {@link #CODED_BLOCK} bytes, the
 *       last one shorter;
 *   <li>the stream ends with an empty fixed-Huffman block with BFINAL set; no other block has it.
 * </ul>
 *
 * <p><b>LZ77</b> in coded blocks: zlib's level-6 algorithm ({@code deflate_slow}: hash chains, one
 * step of lazy matching) with these parameters. The 3-byte hash is {@code (b0 << 2 * HASH_SHIFT ^
 * b1 << HASH_SHIFT ^ b2) & (2^HASH_BITS - 1)}; every position of a coded block with {@link
 * #MIN_MATCH} bytes left in it is inserted, the bytes inside a match too; stored bytes are never
 * inserted but stay in the window, so a match may reach back into them. A match never reaches past
 * the end of its block and never further back than {@link #MAX_DISTANCE}; at most {@link
 * #MAX_CHAIN} candidates are tried, a quarter of that once the previous match is {@link
 * #GOOD_LENGTH} long; the search stops at a match of {@link #NICE_LENGTH}; no search is made when
 * the previous match is already {@link #MAX_LAZY} long; a match of {@link #MIN_MATCH} bytes more
 * than {@link #TOO_FAR} back is dropped for literals. The match is taken when the match found one
 * position later is not longer.
 *
 * <p><b>What is stored</b>: in a wheel or a zip sdist, the data of each member whose central
 * directory entry says it is compressed (method not 0) and at least {@link #MIN_STORED_RUN} bytes
 * long, located through its local header (overlapping entries: the first wins); a {@code .tar.gz}
 * sdist whole, when it is at least {@link #MIN_STORED_RUN} bytes; nothing else. A zip whose
 * directory cannot be followed (it points past the file, a ZIP64 record is missing, or it is over
 * {@link #MAX_CENTRAL_DIRECTORY} bytes) is stored whole like a {@code .tar.gz}. Tar headers,
 * padding, requirements.txt, pylock.toml, zip headers, stored zip members and central directories
 * are coded.
 *
 * <p><b>The tar stream</b>: {@link TarHeader}'s GNU headers in {@link #TAR_BLOCK}-byte blocks, the
 * top directory first, then each file in byte order of its name with pylock.toml and
 * requirements.txt in their places (format 2 added pylock.toml); two zero blocks end it, and zeros
 * fill it to a whole {@link #TAR_RECORD}-byte record.
 */
final class PackFormat {
  /** The version this class describes. */
  static final int VERSION = 2;

  // The gzip member.
  static final int GZIP_METHOD_DEFLATE = 8;
  static final int GZIP_FLAGS = 0;
  static final int GZIP_MTIME = 0;
  static final int GZIP_EXTRA_FLAGS = 0;
  static final int GZIP_OS_UNKNOWN = 255;

  // Deflate blocks.
  /** The most bytes a stored block holds: its LEN field is 16 bits. */
  static final int MAX_STORED_BLOCK = 65535;

  /** The bytes of a coded run per fixed-Huffman block (and so the encoder's memory per block). */
  static final int CODED_BLOCK = 1 << 18;

  // LZ77.
  /** Deflate's window: how far back a stream may refer, and half the encoder's buffer. */
  static final int WINDOW = 1 << 15;

  static final int HASH_BITS = 15;
  static final int HASH_SHIFT = 5;
  static final int MIN_MATCH = 3;
  static final int MAX_MATCH = 258;

  /** Like zlib: the bytes a search needs ahead of it, which the distance must leave room for. */
  static final int MIN_LOOKAHEAD = MAX_MATCH + MIN_MATCH + 1;

  /** Like zlib: a reference reaches at most this far, so sliding the window loses no target. */
  static final int MAX_DISTANCE = WINDOW - MIN_LOOKAHEAD;

  static final int MAX_CHAIN = 128;
  static final int GOOD_LENGTH = 8;
  static final int NICE_LENGTH = 128;
  static final int MAX_LAZY = 16;
  static final int TOO_FAR = 4096;

  // What is stored.
  /** Shorter compressed members are coded with their headers: a stored block costs 5 bytes. */
  static final int MIN_STORED_RUN = 128;

  /** A longer central directory is not read: the zip is stored whole. */
  static final long MAX_CENTRAL_DIRECTORY = 1L << 28;

  // The tar stream.
  static final int TAR_BLOCK = 512;

  /** GNU tar's default blocking factor, 20 blocks. */
  static final int TAR_RECORD = 20 * TAR_BLOCK;

  private PackFormat() {}
}
