package dev.mkwheels.packaging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * The inputs the golden tests pin, written byte by byte here: no zlib, no archiver library and no
 * JDK-dependent algorithm takes part, so the same bytes come out on every JDK and machine, and a
 * changed golden sha256 can only mean the packer changed. Deflated zip members and the sdist's gzip
 * hold stored deflate blocks (valid deflate that any inflater reads); the pseudo-random bytes come
 * from {@link SplitMix64}, whose sequence is fixed by its definition.
 */
final class GoldenInputs {
  /** 1980-01-02 00:00 as an MS-DOS date (the time field is 0). */
  private static final int DOS_DATE = (1 << 5) | 2;

  private static final int MAX_STORED = 65535;

  private GoldenInputs() {}

  /** SplitMix64 (Steele, Lea, Flood 2014): a fixed sequence per seed, on any JDK. */
  static final class SplitMix64 {
    private long state;

    SplitMix64(long seed) {
      this.state = seed;
    }

    long next() {
      long z = state += 0x9E3779B97F4A7C15L;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }

    /** A value in {@code [0, bound)}; the slight modulo bias does not matter here. */
    int below(int bound) {
      return (int) Long.remainderUnsigned(next(), bound);
    }
  }

  /** {@code length} pseudo-random bytes: eight per SplitMix64 value, low byte first. */
  static byte[] random(int length, long seed) {
    SplitMix64 random = new SplitMix64(seed);
    byte[] bytes = new byte[length];
    long value = 0;
    for (int i = 0; i < length; i++) {
      if (i % 8 == 0) {
        value = random.next();
      }
      bytes[i] = (byte) (value >>> (8 * (i % 8)));
    }
    return bytes;
  }

  /**
   * About {@code length} bytes of text like a wheel's RECORD and modules: paths that repeat in
   * part, hashes that never do, Python lines from a small vocabulary.
   */
  static byte[] text(int length, long seed) {
    SplitMix64 random = new SplitMix64(seed);
    String[] words = {
      "import",
      "def",
      "return",
      "self",
      "value",
      "None",
      "if",
      "else",
      "for",
      "in",
      "name",
      "os",
      "path",
      "json",
      "class",
      "raise",
      "ValueError",
      "result",
      "data",
      "items",
      "lambda",
      "yield"
    };
    StringBuilder text = new StringBuilder();
    while (text.length() < length) {
      if (random.below(3) == 0) {
        text.append("pkg/sub")
            .append(random.below(40))
            .append("/module_")
            .append(random.below(500))
            .append(".py,sha256=")
            .append(base64(random(32, random.next())))
            .append(',')
            .append(random.below(100_000))
            .append('\n');
      } else {
        text.append("    ".repeat(random.below(3)));
        int count = 1 + random.below(8);
        for (int i = 0; i < count; i++) {
          text.append(i == 0 ? "" : " ").append(words[random.below(words.length)]);
        }
        text.append('\n');
      }
    }
    return text.substring(0, length).getBytes(StandardCharsets.US_ASCII);
  }

  /** One zip member: deflated (as stored deflate blocks) or stored (method 0). */
  record Member(String name, byte[] content, boolean deflated) {}

  /**
   * A zip archive of {@code members} in the given order: local headers without extra fields or data
   * descriptors, then the central directory and its end record, every time 1980-01-02.
   */
  static byte[] zip(List<Member> members) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream central = new ByteArrayOutputStream();
    for (Member member : members) {
      byte[] name = member.name().getBytes(StandardCharsets.UTF_8);
      byte[] data = member.deflated() ? rawStoredDeflate(member.content()) : member.content();
      long crc = crc32(member.content());
      int offset = out.size();
      int method = member.deflated() ? 8 : 0;
      le32(out, 0x04034b50);
      le16(out, 20);
      le16(out, 0);
      le16(out, method);
      le16(out, 0);
      le16(out, DOS_DATE);
      le32(out, crc);
      le32(out, data.length);
      le32(out, member.content().length);
      le16(out, name.length);
      le16(out, 0);
      out.writeBytes(name);
      out.writeBytes(data);

      le32(central, 0x02014b50);
      le16(central, 20);
      le16(central, 20);
      le16(central, 0);
      le16(central, method);
      le16(central, 0);
      le16(central, DOS_DATE);
      le32(central, crc);
      le32(central, data.length);
      le32(central, member.content().length);
      le16(central, name.length);
      le16(central, 0); // extra
      le16(central, 0); // comment
      le16(central, 0); // disk
      le16(central, 0); // internal attributes
      le32(central, 0); // external attributes
      le32(central, offset);
      central.writeBytes(name);
    }
    int directoryOffset = out.size();
    out.writeBytes(central.toByteArray());
    le32(out, 0x06054b50);
    le16(out, 0);
    le16(out, 0);
    le16(out, members.size());
    le16(out, members.size());
    le32(out, central.size());
    le32(out, directoryOffset);
    le16(out, 0);
    return out.toByteArray();
  }

  /** A gzip member (no name, mtime 0, OS 255) of stored deflate blocks. */
  static byte[] gzip(byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 255});
    out.writeBytes(rawStoredDeflate(content));
    le32(out, crc32(content));
    le32(out, content.length);
    return out.toByteArray();
  }

  /** A tar of regular files, then the two zero blocks that end it. */
  static byte[] tar(Map<String, byte[]> files, long mtime) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new TreeMap<>(files)
        .forEach(
            (name, content) -> {
              out.writeBytes(TarHeader.file(name, content.length, mtime));
              out.writeBytes(content);
              out.writeBytes(new byte[TarHeader.padding(content.length)]);
            });
    out.writeBytes(new byte[2 * TarHeader.BLOCK]);
    return out.toByteArray();
  }

  /**
   * A wheel pip would install: the given files, then METADATA, WHEEL and a RECORD of real hashes.
   * Files longer than 100 bytes are deflated, the rest stored, unless {@code storedFiles} names
   * them.
   */
  static byte[] wheel(
      String project, String version, Map<String, byte[]> files, List<String> storedFiles) {
    String escaped = project.replaceAll("[-_.]+", "_");
    String distInfo = escaped + "-" + version + ".dist-info/";
    // Sorted: Map.of's order changes from one JVM run to the next.
    Map<String, byte[]> all = new LinkedHashMap<>(new TreeMap<>(files));
    all.put(
        distInfo + "METADATA",
        ascii("Metadata-Version: 2.1\nName: " + project + "\nVersion: " + version + "\n"));
    all.put(
        distInfo + "WHEEL",
        ascii(
            "Wheel-Version: 1.0\nGenerator: mkwheels-golden\n"
                + "Root-Is-Purelib: true\nTag: py3-none-any\n"));
    StringBuilder record = new StringBuilder();
    all.forEach(
        (name, content) ->
            record
                .append(name)
                .append(",sha256=")
                .append(base64(sha256(content)))
                .append(',')
                .append(content.length)
                .append('\n'));
    record.append(distInfo).append("RECORD,,\n");
    all.put(distInfo + "RECORD", record.toString().getBytes(StandardCharsets.UTF_8));
    List<Member> members = new ArrayList<>();
    all.forEach(
        (name, content) ->
            members.add(
                new Member(name, content, content.length > 100 && !storedFiles.contains(name))));
    return zip(members);
  }

  /**
   * The zip pinned by the deflate golden test: short and long members, stored and deflated, and two
   * deflated members of 127 and 128 bytes, either side of {@link PackFormat#MIN_STORED_RUN}.
   */
  static byte[] structuredZip() {
    return wheel(
        "structured",
        "1.0",
        Map.of(
            "structured/__init__.py", "VERSION = '1.0'\n".getBytes(StandardCharsets.UTF_8),
            // Stored deflate blocks add 5 bytes: 127 and 128 bytes deflated.
            "structured/edge127.txt", text(122, 10),
            "structured/edge128.txt", text(123, 11),
            "structured/noise.bin", random(150_000, 7),
            "structured/text.py", text(40_000, 8),
            "structured/stored.txt", text(3_000, 9)),
        List.of("structured/stored.txt"));
  }

  /**
   * The wheelhouse the pack golden test pins: wheels sorted before and after requirements.txt, a
   * deflated member long enough for several stored blocks, a stored member, a path over 100 bytes
   * in the tarball, a {@code .tar.gz} sdist and a {@code .zip} sdist. The file names are listed
   * here in their sorted order.
   */
  static Map<String, byte[]> wheelhouse() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(
        "alpha-1.0-py3-none-any.whl",
        wheel(
            "alpha",
            "1.0",
            Map.of("alpha/__init__.py", "VERSION = '1.0'\n".getBytes(StandardCharsets.UTF_8)),
            List.of()));
    String longName =
        "a_project_name_long_enough_that_the_path_in_the_tarball_passes_one_hundred_bytes";
    files.put(
        longName + "-1.0.0-py3-none-any.whl",
        wheel(longName, "1.0.0", Map.of(longName + "/__init__.py", text(500, 1)), List.of()));
    files.put(
        "beta_pkg-2.0-py3-none-any.whl",
        wheel(
            "Beta.Pkg",
            "2.0",
            Map.of(
                "beta_pkg/__init__.py", text(20_000, 2),
                "beta_pkg/noise.bin", random(200_000, 3),
                "beta_pkg/table.txt", text(5_000, 4)),
            List.of("beta_pkg/table.txt")));
    files.put(
        "beta_pkg-2.0.tar.gz",
        gzip(
            tar(
                Map.of(
                    "beta_pkg-2.0/PKG-INFO",
                    "Metadata-Version: 2.1\nName: Beta.Pkg\nVersion: 2.0\n"
                        .getBytes(StandardCharsets.UTF_8)),
                86_400)));
    files.put(
        "delta-0.5.zip",
        zip(
            List.of(
                new Member(
                    "delta-0.5/PKG-INFO",
                    "Metadata-Version: 2.1\nName: delta\nVersion: 0.5\n"
                        .getBytes(StandardCharsets.UTF_8),
                    false),
                new Member("delta-0.5/delta.py", text(3_000, 5), true))));
    files.put(
        "zeta-3.0.post1-py3-none-any.whl",
        wheel("zeta", "3.0.post1", Map.of("zeta/__init__.py", text(1_000, 6)), List.of()));
    return files;
  }

  /** Writes {@link #wheelhouse()} into {@code directory}. */
  static Path writeWheelhouse(Path directory) throws IOException {
    Files.createDirectories(directory);
    for (Map.Entry<String, byte[]> file : wheelhouse().entrySet()) {
      Files.write(directory.resolve(file.getKey()), file.getValue());
    }
    return directory;
  }

  static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256(bytes));
  }

  private static byte[] rawStoredDeflate(byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    do {
      int take = Math.min(MAX_STORED, content.length - at);
      boolean last = at + take == content.length;
      out.write(last ? 1 : 0);
      le16(out, take);
      le16(out, ~take & 0xFFFF);
      out.write(content, at, take);
      at += take;
    } while (at < content.length);
    return out.toByteArray();
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static String base64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static long crc32(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return crc.getValue();
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void le16(ByteArrayOutputStream out, int value) {
    out.write(value);
    out.write(value >>> 8);
  }

  private static void le32(ByteArrayOutputStream out, long value) {
    le16(out, (int) value & 0xFFFF);
    le16(out, (int) (value >>> 16) & 0xFFFF);
  }
}
