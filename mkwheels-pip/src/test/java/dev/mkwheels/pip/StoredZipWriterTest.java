package dev.mkwheels.pip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deterministic zip writer, read back by the JDK's reader and by Python's zipfile. */
class StoredZipWriterTest {
  @TempDir Path temp;

  static long crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return crc.getValue();
  }

  Path write(String fileName, long epoch, String... nameThenContent) throws IOException {
    Path target = temp.resolve(fileName);
    try (StoredZipWriter zip = new StoredZipWriter(target, epoch)) {
      for (int i = 0; i < nameThenContent.length; i += 2) {
        byte[] bytes = nameThenContent[i + 1].getBytes(StandardCharsets.UTF_8);
        zip.add(
            nameThenContent[i],
            nameThenContent[i].endsWith(".sh"),
            bytes.length,
            crc(bytes),
            new ByteArrayInputStream(bytes));
      }
      zip.finish();
    }
    return target;
  }

  @Test
  void membersReadBackWithTheirTimeAndTheSameInputGivesTheSameBytes() throws Exception {
    Path first =
        write(
            "a.zip",
            1_717_000_000L,
            "p/a.py",
            "print(1)\n",
            "p/run.sh",
            "#!/bin/sh\n",
            "p/ü.txt",
            "x");
    Path second =
        write(
            "b.zip",
            1_717_000_000L,
            "p/a.py",
            "print(1)\n",
            "p/run.sh",
            "#!/bin/sh\n",
            "p/ü.txt",
            "x");
    assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    try (ZipFile zip = new ZipFile(first.toFile())) {
      assertEquals(
          List.of("p/a.py", "p/run.sh", "p/ü.txt"), zip.stream().map(ZipEntry::getName).toList());
      for (ZipEntry entry : zip.stream().toList()) {
        assertEquals(LocalDateTime.of(2024, 5, 29, 16, 26, 40), entry.getTimeLocal());
        assertEquals(ZipEntry.STORED, entry.getMethod());
      }
      assertEquals(
          "print(1)\n",
          new String(
              zip.getInputStream(zip.getEntry("p/a.py")).readAllBytes(), StandardCharsets.UTF_8));
    }
    ProcessBuilder python =
        new ProcessBuilder(
                "python3",
                "-c",
                "import sys, zipfile\n"
                    + "z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None\n"
                    + "print(' '.join('%s:%o' % (i.filename, i.external_attr >> 16) for i in z.infolist()))",
                first.toString())
            .redirectErrorStream(true);
    python.environment().put("PYTHONIOENCODING", "utf-8");
    Process started = python.start();
    assertEquals(
        "p/a.py:100644 p/run.sh:100755 p/ü.txt:100644\n",
        new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    assertEquals(0, started.waitFor());
  }

  @Test
  void anEpochBefore1980IsStoredAs1980() throws Exception {
    try (ZipFile zip = new ZipFile(write("old.zip", 0, "a", "").toFile())) {
      assertEquals(LocalDateTime.of(1980, 1, 1, 0, 0, 0), zip.getEntry("a").getTimeLocal());
    }
  }

  @Test
  void membersOutOfOrderOrNotMatchingTheirCrcAreRefused() throws Exception {
    try (StoredZipWriter zip = new StoredZipWriter(temp.resolve("c.zip"), 0)) {
      zip.add("b", false, 0, crc(new byte[0]), new ByteArrayInputStream(new byte[0]));
      assertThrows(
          IllegalStateException.class,
          () -> zip.add("a", false, 0, crc(new byte[0]), new ByteArrayInputStream(new byte[0])));
      IOException e =
          assertThrows(
              IOException.class,
              () -> zip.add("c", false, 1, 12345, new ByteArrayInputStream(new byte[] {1})));
      assertEquals("c does not match its recorded size and CRC", e.getMessage());
    }
  }
}
