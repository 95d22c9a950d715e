package dev.mkwheels.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole pack, pinned: the wheelhouse of {@link GoldenInputs} (written byte by byte, so the same
 * on every JDK) at a fixed name, version and epoch gives this exact tarball under pack format
 * version 2 ({@link PackFormat}). A failure means every artifact's md5 changed: if that was meant,
 * it is a new format version, with the new sums here and a line in the README's changelog.
 */
class PackGoldenTest {
  /** The inputs themselves, so that a failure says whether the input or the packer moved. */
  static final String WHEELHOUSE_SHA256 =
      "feb25902fd4482b77c9bdc7857619911cffca68ea92204bcaf224084688642de";

  static final String TARBALL_SHA256 =
      "dd66752bef9b084598943d4087ed572b84167f12a4199be05488f168632aaa9a";
  static final String TARBALL_MD5 = "5ad822f875a8736b9c97bc940966ff7c";
  static final long TARBALL_SIZE = 234_584;
  static final String SMALL_TARBALL_SHA256 =
      "e3f5a168e49a964a1addb2d52f84acccb6628c1f4b209ba7a022527c6de00632";
  static final long EPOCH = 1_700_000_000L;

  @TempDir Path temp;

  @Test
  void aTarballOfADirectoryAndOneFileIsThePinnedBytes() throws Exception {
    // The tar layer on its own: headers, padding and the zeros to a whole record.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteSink sink =
        (full, length) -> {
          out.write(full, 0, length);
          return new byte[full.length];
        };
    TarballWriter tar =
        new TarballWriter(new GzipWriter(new BitOutput(sink, 1 << 20)), EPOCH, 4096);
    tar.directory("small-wheels-1/");
    tar.bytes("small-wheels-1/requirements.txt", "six==1.16.0\n".getBytes(StandardCharsets.UTF_8));
    tar.finish();
    Path tarball = Files.write(temp.resolve("small.tar.gz"), out.toByteArray());
    Command.run(temp, List.of("gzip", "-t", tarball.toString())).succeeded();
    Command listing = Command.run(temp, List.of("tar", "-tvzf", tarball.toString())).succeeded();
    assertEquals(2, listing.out().lines().count(), listing.out());
    assertEquals(10240, DeflateGoldenTest.gunzip(out.toByteArray()).length, "one whole record");
    assertEquals(
        SMALL_TARBALL_SHA256,
        GoldenInputs.sha256Hex(out.toByteArray()),
        "the tar layer's bytes changed; see PackFormat");
  }

  @Test
  void theGoldenWheelhousePacksToThePinnedBytes() throws Exception {
    Map<String, byte[]> files = GoldenInputs.wheelhouse();
    StringBuilder listing = new StringBuilder();
    files.forEach(
        (name, bytes) ->
            listing.append(name).append(' ').append(GoldenInputs.sha256Hex(bytes)).append('\n'));
    byte[] inputs = listing.toString().getBytes(StandardCharsets.UTF_8);
    assertEquals(
        WHEELHOUSE_SHA256,
        GoldenInputs.sha256Hex(inputs),
        "the golden inputs changed; they must not:\n" + listing);

    Path wheelhouse = GoldenInputs.writeWheelhouse(temp.resolve("wheelhouse"));
    // Real archives, as Python reads them: every member's CRC checks, the sdist's tar opens.
    List<String> check =
        new ArrayList<>(
            List.of(
                "python3",
                "-c",
                String.join(
                    "\n",
                    "import sys, tarfile, zipfile",
                    "for f in sys.argv[1:]:",
                    "    if f.endswith('.tar.gz'):",
                    "        assert tarfile.open(f).getnames(), f",
                    "    else:",
                    "        assert zipfile.ZipFile(f).testzip() is None, f")));
    check.addAll(files.keySet());
    Command.run(wheelhouse, check).succeeded();
    PackResult result =
        new Packager()
            .pack(
                new PackRequest(
                    wheelhouse,
                    "golden",
                    "1.0",
                    EPOCH,
                    temp.resolve("out"),
                    List.of("pinned by PackGoldenTest"),
                    // Pins pylock.toml's index and upload-time layout too.
                    Map.of(
                        "alpha-1.0-py3-none-any.whl",
                        new FileOrigin(
                            "https://golden.example/simple/",
                            java.time.Instant.parse("2023-11-14T22:13:20.5Z")))));

    Command.run(temp, List.of("gzip", "-t", result.tarball().toString())).succeeded();
    Path extracted = Files.createDirectories(temp.resolve("extracted"));
    Command.run(extracted, List.of("tar", "-xzf", result.tarball().toString())).succeeded();
    Path top = extracted.resolve("golden-wheels-1.0");
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      assertArrayEquals(
          file.getValue(), Files.readAllBytes(top.resolve(file.getKey())), file.getKey());
    }
    List<String> names = new ArrayList<>(new TreeMap<>(files).keySet());
    names.add("requirements.txt");
    names.add(SbomFile.NAME);
    names.add("pylock.toml");
    try (var listed = Files.list(top)) {
      assertEquals(
          names.stream().sorted().toList(),
          listed.map(p -> p.getFileName().toString()).sorted().toList());
    }

    String sums =
        "sha256 " + result.sha256() + ", md5 " + result.md5() + ", " + result.size() + " bytes";
    assertEquals(
        TARBALL_SHA256,
        result.sha256(),
        "the tarball's bytes changed (" + sums + "); see PackFormat");
    assertEquals(TARBALL_MD5, result.md5(), sums);
    assertEquals(TARBALL_SIZE, result.size(), sums);
    assertEquals(
        TARBALL_SHA256,
        GoldenInputs.sha256Hex(Files.readAllBytes(result.tarball())),
        "the file on disk");
  }
}
