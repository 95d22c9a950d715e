package dev.mkwheels.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Header fields past what octal holds, as Python's tarfile reads them. */
class TarHeaderTest {
  @TempDir Path temp;

  @Test
  void sizesAndEpochsBeyondElevenOctalDigitsUseGnuBase256() throws Exception {
    long size = 20_000_000_000L; // over 8 GiB
    long epoch = 9_000_000_000L; // the year 2255
    Path header = temp.resolve("header");
    Files.write(header, TarHeader.file("big.whl", size, epoch));
    String script =
        "import sys, tarfile\n"
            + "b = open(sys.argv[1], 'rb').read()\n"
            + "t = tarfile.TarInfo.frombuf(b, 'utf-8', 'surrogateescape')\n"
            + "print(t.name, t.size, t.mtime, oct(t.mode), t.uid, t.gid)\n";
    Command python =
        Command.run(temp, List.of("python3", "-c", script, header.toString())).succeeded();
    assertEquals("big.whl " + size + " " + epoch + " 0o644 0 0", python.out().strip());
  }

  @Test
  void aNameOfExactlyOneHundredBytesNeedsNoLongLink() {
    assertEquals(512, TarHeader.file("n".repeat(100), 1, 0).length);
    assertEquals(512 * 3, TarHeader.file("n".repeat(101), 1, 0).length);
  }
}
