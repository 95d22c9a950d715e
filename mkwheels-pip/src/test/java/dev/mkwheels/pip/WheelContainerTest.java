package dev.mkwheels.pip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wheel re-containerizer on hand-made zips: Python's zipfile writes members with odd times,
 * modes, extra fields and comments, in an odd order; the JDK's writer adds data descriptors.
 */
class WheelContainerTest {
  static final long EPOCH = 1_700_000_000L; // 2023-11-14 22:13:20 UTC

  /**
   * Writes the same five members twice over, differing in everything but names, data and x bits.
   * Variant 0 is what a careless backend writes; variant 1 what another build of it writes.
   */
  static final String MAKE =
      """
      import sys, zipfile
      target, variant = sys.argv[1], int(sys.argv[2])
      members = [
          ("pkg/run.sh", b"#!/bin/sh\\necho hi\\n" * 20, 0o100777, 0o100700, zipfile.ZIP_DEFLATED),
          ("pkg-1.0.dist-info/RECORD", b"pkg/__init__.py,,\\n", 0o100664, 0o100600, zipfile.ZIP_STORED),
          ("pkg/__init__.py", b"VERSION = 1\\n" * 30, 0o100666, 0o100600, zipfile.ZIP_DEFLATED),
          ("pkg-1.0.dist-info/METADATA", b"Name: pkg\\n", 0, 0o100640, zipfile.ZIP_STORED),
          ("pkg/link", b"__init__.py", 0o120777, 0o120755, zipfile.ZIP_STORED),
          ("zzz/data.txt", b"z", 0o100644, 0o100444, zipfile.ZIP_DEFLATED),
      ]
      if variant:
          members.reverse()
      with zipfile.ZipFile(target, "w") as z:
          z.comment = b"built by a careless backend" if variant else b""
          for name, data, mode0, mode1, method in members:
              info = zipfile.ZipInfo(name, (2031, 7, 4, 13, 37, 42) if variant else (1999, 1, 2, 3, 4, 6))
              info.external_attr = (mode1 if variant else mode0) << 16
              info.compress_type = method
              info.create_system = 0 if variant else 3
              info.extra = b"\\x55\\x54\\x05\\x00\\x01\\x00\\x00\\x00\\x00" if variant else b""
              info.comment = b"note" if variant else b""
              z.writestr(info, data)
      """;

  /** Per member: name, method, CRC, sizes, the raw compressed bytes' hash, time, mode, extras. */
  static final String DESCRIBE =
      """
      import hashlib, struct, sys, zipfile
      z = zipfile.ZipFile(sys.argv[1])
      assert z.testzip() is None
      raw = open(sys.argv[1], "rb").read()
      print("comment=%r" % z.comment)
      for i in z.infolist():
          n, e = struct.unpack("<HH", raw[i.header_offset + 26:i.header_offset + 30])
          start = i.header_offset + 30 + n + e
          data = hashlib.sha256(raw[start:start + i.compress_size]).hexdigest()[:12]
          print(i.filename, i.compress_type, "%08x" % i.CRC, i.compress_size, i.file_size, data,
                "%d-%02d-%02dT%02d:%02d:%02d" % i.date_time, "%o" % (i.external_attr >> 16),
                i.create_system, i.create_version, i.flag_bits, len(i.extra), len(raw[i.header_offset + 30 + n:start]),
                repr(i.comment))
      """;

  @TempDir Path temp;

  static String python(String script, String... args) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                Stream.concat(Stream.of("python3", "-c", script), Stream.of(args)).toList())
            .redirectErrorStream(true);
    builder.environment().put("PYTHONIOENCODING", "utf-8");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), output);
    return output;
  }

  Path make(String name, int variant) throws Exception {
    Path wheel = temp.resolve(name);
    python(MAKE, wheel.toString(), Integer.toString(variant));
    return wheel;
  }

  @Test
  void twoContainersOfTheSameMembersBecomeTheSameBytes() throws Exception {
    Path careless = make("a.whl", 1);
    Path tidy = make("b.whl", 0);
    assertFalse(python(DESCRIBE, careless.toString()).equals(python(DESCRIBE, tidy.toString())));
    Files.setPosixFilePermissions(tidy, PosixFilePermissions.fromString("rw-r-----"));
    WheelContainer.rewrite(careless, EPOCH);
    WheelContainer.rewrite(tidy, EPOCH);
    assertArrayEquals(Files.readAllBytes(tidy), Files.readAllBytes(careless));
    assertEquals(
        "rw-r-----",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(tidy)),
        "the file keeps its permissions");
  }

  @Test
  void membersKeepTheirCompressedBytesAndGetOneTimeAndPipsModesInWheelOrder() throws Exception {
    Path wheel = make("pkg-1.0-py3-none-any.whl", 1);
    List<String> before = python(DESCRIBE, wheel.toString()).lines().skip(1).sorted().toList();
    WheelContainer.rewrite(wheel, EPOCH);
    List<String> after = python(DESCRIBE, wheel.toString()).lines().toList();
    assertEquals("comment=b''", after.get(0));
    // name method crc csize size raw-hash | time mode system version flags extra local-extra
    // comment
    assertEquals(
        List.of(
            "pkg/__init__.py 8 ",
            "pkg/link 0 ",
            "pkg/run.sh 8 ",
            "zzz/data.txt 8 ",
            "pkg-1.0.dist-info/METADATA 0 ",
            "pkg-1.0.dist-info/RECORD 0 "),
        after.stream().skip(1).map(l -> l.substring(0, l.indexOf(' ') + 3)).toList());
    for (String line : after.subList(1, after.size())) {
      String[] f = line.split(" ");
      String same = String.join(" ", List.of(f).subList(0, 6));
      assertTrue(
          before.stream().anyMatch(b -> b.startsWith(same + " ")), "untouched data: " + line);
      String mode = f[0].equals("pkg/run.sh") ? "100755" : "100644";
      assertEquals(
          List.of("2023-11-14T22:13:20", mode, "3", "20", "0", "0", "0", "b''"),
          List.of(f).subList(6, 14),
          line);
    }
  }

  @Test
  void aDataDescriptorIsDroppedAndTheSizesGoInTheLocalHeader() throws Exception {
    Path wheel = temp.resolve("dd-1.0-py3-none-any.whl");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(wheel))) {
      ZipEntry entry = new ZipEntry("dd/__init__.py");
      entry.setTime(0);
      zip.putNextEntry(entry);
      zip.write("x = 1\n".repeat(50).getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    String[] before =
        python(DESCRIBE, wheel.toString()).lines().skip(1).findFirst().orElseThrow().split(" ");
    assertEquals(
        0x0808, Integer.parseInt(before[10]), "the JDK sets bit 3 (sizes after the data) and 11");
    assertFalse(before[11].equals("0"), "the JDK adds a time extra field for a time before 1980");
    WheelContainer.rewrite(wheel, 0);
    String line = python(DESCRIBE, wheel.toString()).lines().skip(1).findFirst().orElseThrow();
    assertTrue(line.contains(" 1980-01-01T00:00:00 100644 3 20 0 0 0 b''"), line);
    byte[] bytes = Files.readAllBytes(wheel);
    assertEquals(8, bytes[8], "deflated");
    assertFalse(
        new String(bytes, StandardCharsets.ISO_8859_1).contains("PK\u0007\u0008"), "no descriptor");
  }

  @Test
  void whatIsNotAZipThisRewritesIsRefusedNamingItAndLeftAsItWas() throws Exception {
    Path text = temp.resolve("nope-1.0-py3-none-any.whl");
    Files.writeString(text, "not a zip");
    IOException e = assertThrows(IOException.class, () -> WheelContainer.rewrite(text, EPOCH));
    assertEquals(text + " is not a zip archive (no end of central directory)", e.getMessage());
    assertEquals("not a zip", Files.readString(text));

    Path twice = temp.resolve("twice-1.0-py3-none-any.whl");
    python(
        """
        import sys, warnings, zipfile
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(sys.argv[1], "w") as z:
            z.writestr("a/x\\x1b[2J.py", b"1")
            z.writestr("a/x\\x1b[2J.py", b"2")
        """,
        twice.toString());
    byte[] original = Files.readAllBytes(twice);
    e = assertThrows(IOException.class, () -> WheelContainer.rewrite(twice, EPOCH));
    assertEquals(twice + " holds a/x?[2J.py twice", e.getMessage());
    assertArrayEquals(original, Files.readAllBytes(twice));
    try (Stream<Path> files = Files.list(temp)) {
      assertEquals(List.of(text, twice), files.sorted().toList(), "no temporary file left");
    }
  }

  @Test
  void anEncryptedMemberIsRefused() throws Exception {
    Path wheel = make("enc-1.0-py3-none-any.whl", 0);
    byte[] bytes = Files.readAllBytes(wheel);
    // Set bit 0 of the first central directory entry's flags.
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int central = text.indexOf("PK\u0001\u0002");
    bytes[central + 8] |= 1;
    try (OutputStream out = Files.newOutputStream(wheel)) {
      out.write(bytes);
    }
    IOException e = assertThrows(IOException.class, () -> WheelContainer.rewrite(wheel, EPOCH));
    assertEquals(wheel + ": pkg/run.sh is encrypted", e.getMessage());
  }
}
