package dev.mkwheels.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Inflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stored ranges: exactly the deflated member data, read from the central directory. */
class ZipLayoutTest {
  @TempDir Path temp;

  static byte[] noise(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static void deflated(ZipOutputStream zip, String name, byte[] content) throws Exception {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content);
    zip.closeEntry();
  }

  static void stored(ZipOutputStream zip, String name, byte[] content) throws Exception {
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(content.length);
    CRC32 crc = new CRC32();
    crc.update(content);
    entry.setCrc(crc.getValue());
    zip.putNextEntry(entry);
    zip.write(content);
    zip.closeEntry();
  }

  /**
   * The ranges, and, for a zip whose directory is whole, proof that the pack's path (the directory
   * read once, for the checks too) finds the same ones.
   */
  Optional<long[]> ranges(Path file) throws Exception {
    try (FileChannel channel = FileChannel.open(file)) {
      long size = Files.size(file);
      Optional<long[]> ranges = ZipLayout.storedRanges(channel, size);
      Optional<long[]> location = ZipLayout.directory(channel, size);
      if (location.isPresent() && location.get()[0] >= 0) {
        ZipEntries.Directory directory = ZipEntries.directory(channel, location.get());
        assertArrayEquals(
            ranges.orElseThrow(),
            ZipLayout.storedRanges(channel, directory),
            "the ranges from the directory read once for every use");
      }
      return ranges;
    }
  }

  static byte[] inflate(byte[] file, long start, long end) throws Exception {
    Inflater inflater = new Inflater(true);
    inflater.setInput(Arrays.copyOfRange(file, (int) start, (int) end));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[65536];
    while (!inflater.finished()) {
      int n = inflater.inflate(buffer);
      assertTrue(n > 0 || inflater.finished(), "the range is one whole deflate stream");
      out.write(buffer, 0, n);
    }
    assertEquals(0, inflater.getRemaining(), "and nothing more");
    return out.toByteArray();
  }

  @Test
  void onlyDeflatedMembersBigEnoughToStoreAreRanges() throws Exception {
    byte[] big = noise(50_000, 1);
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      lines.append("line ").append(i).append('\n');
    }
    byte[] text = lines.toString().getBytes();
    Path zip = temp.resolve("a.whl");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      stored(out, "stored.bin", noise(20_000, 2));
      deflated(out, "tiny.txt", "hello".getBytes());
      deflated(out, "big.bin", big);
      deflated(out, "text.txt", text);
      deflated(
          out, "repetitive.txt", "line\n".repeat(10_000).getBytes()); // deflates to under 128 bytes
    }
    long[] ranges = ranges(zip).orElseThrow();
    byte[] file = Files.readAllBytes(zip);
    // big.bin and text.txt; not the stored member, nor those that deflate to under 128 bytes.
    assertEquals(4, ranges.length, Arrays.toString(ranges));
    assertArrayEquals(big, inflate(file, ranges[0], ranges[1]));
    assertArrayEquals(text, inflate(file, ranges[2], ranges[3]));
  }

  @Test
  void zip64ArchivesAreRead() throws Exception {
    byte[] big = noise(30_000, 3);
    Path zip = temp.resolve("many.whl");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.setLevel(0);
      for (int i = 0; i < 70_000; i++) { // over 65535 entries: a ZIP64 end record
        out.putNextEntry(new ZipEntry("e" + i));
        out.closeEntry();
      }
      out.setLevel(6);
      deflated(out, "big.bin", big);
    }
    long[] ranges = ranges(zip).orElseThrow();
    assertEquals(2, ranges.length);
    assertArrayEquals(big, inflate(Files.readAllBytes(zip), ranges[0], ranges[1]));
  }

  @Test
  void aFileWithoutAnEndRecordIsNotAZip() throws Exception {
    Path file = temp.resolve("x.whl");
    Files.write(file, noise(100_000, 4));
    assertEquals(Optional.empty(), ranges(file));
  }

  @Test
  void aZipWhoseDirectoryCannotBeReadIsStoredWhole() throws Exception {
    Path zip = temp.resolve("cut.whl");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      deflated(out, "big.bin", noise(10_000, 5));
    }
    byte[] bytes = Files.readAllBytes(zip);
    // Point the end record's directory offset past the end of the file.
    int eocd = bytes.length - 22;
    bytes[eocd + 16] = (byte) 0xF0;
    bytes[eocd + 19] = 0x7F;
    Files.write(zip, bytes);
    assertArrayEquals(new long[] {0, bytes.length}, ranges(zip).orElseThrow());
  }
}
