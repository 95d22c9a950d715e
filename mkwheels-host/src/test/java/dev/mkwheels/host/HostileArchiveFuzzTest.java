package dev.mkwheels.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mkwheels.api.SourceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: whatever a tag archive holds, SafeUnpacker either unpacks it safely (every path inside
 * the target, every link resolving inside the tree, no hard link, no device, nothing written
 * outside) or refuses it with a one-line {@link SourceException} and leaves nothing. Never any
 * other exception. Archives are generated from a seed, so a failure names the seed that repeats it.
 */
class HostileArchiveFuzzTest {
  static final int CASES = 3000;
  static final long SEED = 0x6d6b776865656c73L;
  static final String TOP = "p-1";
  static final String UTF_8 = StandardCharsets.UTF_8.name();
  static final SafeUnpacker.Limits LIMITS = new SafeUnpacker.Limits(40, 8 * 1024, 32 * 1024);

  @TempDir Path sandbox;

  @Test
  void everyGeneratedArchiveIsUnpackedSafelyOrRefused() throws Exception {
    Path outside = Files.createDirectories(sandbox.resolve("outside"));
    int unpacked = 0;
    for (int i = 0; i < CASES; i++) {
      long seed = SEED + i;
      Path work = Files.createDirectories(sandbox.resolve("case"));
      byte[] archive = new Generator(new Random(seed), outside).archive();
      Path file = work.resolve("a.tar.gz");
      Files.write(file, archive);
      Path out = work.resolve("out");
      try {
        Path tree = new SafeUnpacker(LIMITS).unpack(file, out, "the archive");
        assertSafe(seed, out, tree);
        unpacked++;
      } catch (SourceException e) {
        String message = e.getMessage();
        // Refused, or a name this file system cannot hold ("File name too long"): one line each.
        assertTrue(
            message.startsWith("the archive ")
                || message.startsWith("refusing the archive: ")
                || message.startsWith("cannot write '"),
            "seed " + seed + ": " + message);
        assertTrue(message.length() < 1000, "seed " + seed + ": " + message);
        assertFalse(
            message.chars().anyMatch(c -> c < 0x20 || c == 0x7f), "seed " + seed + ": " + message);
        try (Stream<Path> left = Files.list(out)) {
          assertEquals(List.of(), left.toList(), "seed " + seed + ": nothing left after a refusal");
        }
      } catch (Throwable t) {
        fail("seed " + seed + ": " + t, t);
      }
      try (Stream<Path> escaped = Files.list(outside)) {
        assertEquals(List.of(), escaped.toList(), "seed " + seed + ": nothing written outside");
      }
      Trees.deleteQuietly(work);
    }
    // The generator must not be so hostile that nothing ever passes: then safe cases go untested.
    assertTrue(unpacked > CASES / 20, "unpacked " + unpacked + " of " + CASES);
  }

  static void assertSafe(long seed, Path out, Path tree) throws IOException {
    assertEquals(out.resolve(TOP), tree, "seed " + seed);
    Path realTree = tree.toRealPath();
    try (Stream<Path> all = Files.walk(out)) {
      for (Path path : all.toList()) {
        assertTrue(path.normalize().startsWith(out), "seed " + seed + ": " + path);
        BasicFileAttributes attributes =
            Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
          Path target = Files.readSymbolicLink(path);
          assertFalse(target.isAbsolute(), "seed " + seed + ": " + path + " -> " + target);
          if (Files.exists(path)) {
            assertTrue(
                path.toRealPath().startsWith(realTree),
                "seed " + seed + ": " + path + " -> " + target + " leaves the tree");
          }
        } else if (attributes.isRegularFile()) {
          assertEquals(
              1,
              Files.getAttribute(path, "unix:nlink", LinkOption.NOFOLLOW_LINKS),
              "seed " + seed + ": " + path + " is a hard link");
        } else {
          assertTrue(attributes.isDirectory(), "seed " + seed + ": " + path + " is a special file");
        }
      }
    }
  }

  /** One random archive: mostly plausible entries under the top directory, some hostile. */
  static final class Generator {
    private final Random random;
    private final Path outside;
    private final ByteArrayOutputStream tar = new ByteArrayOutputStream();
    private final List<String> names = new ArrayList<>();

    Generator(Random random, Path outside) {
      this.random = random;
      this.outside = outside;
    }

    byte[] archive() {
      if (random.nextInt(10) > 0) {
        header(entry(TOP + "/", TarConstants.LF_DIR, 0));
      }
      int count = random.nextInt(12);
      for (int i = 0; i < count; i++) {
        entry();
      }
      tar.writeBytes(new byte[1024]);
      if (random.nextInt(20) == 0) {
        tar.writeBytes(new byte[random.nextInt(20_000)]);
      }
      byte[] bytes = tar.toByteArray();
      return switch (random.nextInt(20)) {
        case 0 -> bytes; // not gzipped at all
        case 1 -> mutate(TarGz.gzip(bytes));
        default -> TarGz.gzip(bytes);
      };
    }

    private byte[] mutate(byte[] gz) {
      return switch (random.nextInt(3)) {
        case 0 -> {
          byte[] flipped = gz.clone();
          flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
          yield flipped;
        }
        case 1 -> Arrays.copyOf(gz, random.nextInt(gz.length));
        default -> {
          byte[] longer = Arrays.copyOf(gz, gz.length + 1 + random.nextInt(100));
          longer[gz.length] = (byte) random.nextInt(256);
          yield longer;
        }
      };
    }

    private void entry() {
      String name = name();
      switch (random.nextInt(16)) {
        case 0, 1 -> header(entry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, 0));
        case 2, 3, 4 -> file(name, content());
        case 5, 6 -> link(name, TarConstants.LF_SYMLINK, linkTarget());
        case 7 -> link(name, TarConstants.LF_LINK, hardLinkTarget());
        case 8 -> header(entry(name, TarConstants.LF_CHR, 0));
        case 9 -> header(entry(name, TarConstants.LF_BLK, 0));
        case 10 -> header(entry(name, TarConstants.LF_FIFO, 0));
        case 11 -> header(entry(name, (byte) "SZ7".charAt(random.nextInt(3)), 0));
        case 12 -> header(entry(name, TarConstants.LF_NORMAL, 1L << (20 + random.nextInt(14))));
        case 13 ->
            file(names.isEmpty() ? name : names.get(random.nextInt(names.size())), content());
        case 14 -> paxName(name);
        default -> gnuLongName(name);
      }
      names.add(name);
    }

    private String name() {
      StringBuilder name =
          new StringBuilder(random.nextInt(12) == 0 ? pick("", "/", "./", "../") : TOP + "/");
      int depth = 1 + random.nextInt(3);
      for (int i = 0; i < depth; i++) {
        name.append(i == 0 ? "" : "/").append(segment());
      }
      return name.toString();
    }

    private String segment() {
      return switch (random.nextInt(14)) {
        case 0 -> "..";
        case 1 -> ".";
        case 2 -> "";
        case 3 -> "x\u0000y";
        case 4 -> "\u001b[31mred";
        case 5 -> "caf\u00e9";
        case 6 -> "a\\..\\b";
        case 7 -> "n".repeat(90 + random.nextInt(200));
        case 8 -> "\n";
        default -> pick("a", "b", "c", "lib", "src", "setup.py");
      };
    }

    private String linkTarget() {
      return pick(
          "a",
          "b",
          "../a",
          "..",
          "../..",
          "../../..",
          "c/..",
          ".",
          "lib/x",
          "/etc/passwd",
          outside.toString(),
          outside + "/x",
          "../../../../outside",
          "a/b/../../..",
          "",
          "n".repeat(150),
          "x\u0000y");
    }

    private String hardLinkTarget() {
      if (!names.isEmpty() && random.nextBoolean()) {
        return names.get(random.nextInt(names.size()));
      }
      return pick("/etc/passwd", "../x", TOP + "/missing", TOP + "/../x", outside + "/x", TOP);
    }

    private byte[] content() {
      // Now and then past the 8 KiB limit for one file.
      int size = random.nextInt(3) == 0 ? random.nextInt(10_000) : random.nextInt(200);
      byte[] content = new byte[size];
      random.nextBytes(content);
      return content;
    }

    private String pick(String... choices) {
      return choices[random.nextInt(choices.length)];
    }

    private void file(String name, byte[] content) {
      TarArchiveEntry entry = entry(name, TarConstants.LF_NORMAL, content.length);
      header(entry);
      data(content);
    }

    private void link(String name, byte type, String target) {
      TarArchiveEntry entry = entry(name, type, 0);
      if (target.length() > 100) {
        // A long link target goes in a GNU 'K' record before the header.
        record("././@LongLink", TarConstants.LF_GNUTYPE_LONGLINK, bytes(target + "\0"));
        target = target.substring(0, 100);
      }
      entry.setLinkName(target);
      header(entry);
    }

    private void gnuLongName(String name) {
      record("././@LongLink", TarConstants.LF_GNUTYPE_LONGNAME, bytes(name + "\0"));
      file(name.length() > 100 ? name.substring(0, 100) : name, content());
    }

    private void paxName(String name) {
      String record = " path=" + name + "\n";
      int length = record.length() + 1;
      while ((length + record).length() != length) {
        length = (length + record).length();
      }
      record("PaxHeaders/x", TarConstants.LF_PAX_EXTENDED_HEADER_LC, bytes(length + record));
      file(TOP + "/short", content());
    }

    private void record(String name, byte type, byte[] content) {
      header(entry(name, type, content.length));
      data(content);
    }

    private void data(byte[] content) {
      tar.writeBytes(content);
      tar.writeBytes(new byte[(512 - content.length % 512) % 512]);
    }

    private void header(TarArchiveEntry entry) {
      byte[] header = new byte[512];
      try {
        // Star mode: sizes past octal's 8 GiB go in base-256 instead of failing.
        entry.writeEntryHeader(header, ZipEncodingHelper.getZipEncoding(UTF_8), true);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      tar.writeBytes(header);
    }

    private TarArchiveEntry entry(String name, byte type, long size) {
      // The header field holds 100 bytes; longer names arrive by GNU or PAX records.
      String field =
          bytes(name).length > 100 ? name.substring(0, Math.min(name.length(), 50)) : name;
      TarArchiveEntry entry = new TarArchiveEntry(field, type, true);
      entry.setSize(size);
      entry.setMode(random.nextInt(8) == 0 ? 07777 : 0644);
      entry.setModTime(1_700_000_000_000L);
      entry.setUserId(0);
      entry.setGroupId(0);
      return entry;
    }

    private static byte[] bytes(String text) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
  }
}
