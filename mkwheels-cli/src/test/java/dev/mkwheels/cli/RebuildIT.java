package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.testkit.Dist;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.WheelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mkwheels rebuild} from the packaged CLI in a fresh JVM (the module path of {@code
 * target/lib}, Jackson's TOML module included): the verdicts, and an empty temporary directory
 * after each run.
 */
class RebuildIT {
  @TempDir Path temp;

  Path tarball(String pylock, Dist... dists) throws Exception {
    Path top = Files.createDirectories(temp.resolve("tree/demo-wheels-1.0"));
    for (Dist dist : dists) {
      dist.writeTo(top);
    }
    Files.writeString(top.resolve("pylock.toml"), pylock);
    Path tarball = temp.resolve("demo-wheels-1.0.tar.gz");
    Process tar =
        new ProcessBuilder(
                "tar",
                "-czf",
                tarball.toString(),
                "-C",
                top.getParent().toString(),
                top.getFileName().toString())
            .inheritIO()
            .start();
    assertEquals(0, tar.waitFor());
    return tarball;
  }

  static String pylock(String index, Dist... dists) {
    StringBuilder toml = new StringBuilder("lock-version = \"1.0\"\ncreated-by = \"mkwheels\"\n");
    for (Dist dist : dists) {
      toml.append(
          """

          [[packages]]
          name = "%s"
          version = "%s"
          index = "%s"

          [[packages.wheels]]
          name = "%s"
          path = "%s"
          size = %d
          hashes = { sha256 = "%s" }
          """
              .formatted(
                  dist.project(),
                  dist.version(),
                  index,
                  dist.filename(),
                  dist.filename(),
                  dist.bytes().length,
                  dist.sha256()));
    }
    return toml
        + "\n[tool.mkwheels]\nname = \"demo\"\nversion = \"1.0\"\nepoch = 1700000000\n"
        + "format = 1\nnotes = [\"a note\"]\n";
  }

  static List<Path> left(Path tmpdir) throws Exception {
    try (Stream<Path> files = Files.list(tmpdir)) {
      return files.toList();
    }
  }

  @Test
  void aTamperedFileAMissingFileAndADifferentTarballAreEachNamedAndNothingIsLeft()
      throws Exception {
    Dist alpha = WheelBuilder.wheel("alpha", "1.0").build();
    Dist zeta = WheelBuilder.wheel("zeta", "2.0").build();
    Path tmpdir = Files.createDirectories(temp.resolve("tmp"));
    try (PackageIndex index = PackageIndex.start().jsonApi(false)) {
      Path tarball = tarball(pylock(index.simpleUrl(), alpha, zeta), alpha, zeta);
      byte[] bytes = zeta.bytes();
      bytes[20] ^= 0x01;
      index
          .add(alpha, Instant.EPOCH)
          .add(new Dist("zeta", "2.0", zeta.filename(), bytes), Instant.EPOCH);

      CliProcess.Result tampered = CliProcess.run(temp, tmpdir, "rebuild", tarball.toString());
      assertEquals(1, tampered.code(), tampered.err());
      assertTrue(tampered.out().contains("result: differs\n"), tampered.out());
      assertTrue(
          tampered.out().contains("difference: " + zeta.filename() + " from "), tampered.out());
      assertTrue(tampered.out().contains("pylock.toml locks " + zeta.sha256()), tampered.out());
      assertEquals(List.of(), left(tmpdir));

      Path links = Files.createDirectories(temp.resolve("links"));
      alpha.writeTo(links);
      CliProcess.Result missing =
          CliProcess.run(
              temp,
              tmpdir,
              "rebuild",
              tarball.toString(),
              "--find-links",
              links.toString(),
              "--index-url",
              temp.resolve("no-index").toUri().toString());
      assertEquals(1, missing.code(), missing.err());
      assertTrue(
          missing.out().contains("difference: " + zeta.filename() + " is missing: not found in "),
          missing.out());
      assertEquals(List.of(), left(tmpdir));

      zeta.writeTo(links);
      // Every file has the locked bytes, so mkwheels packs them; tar packed the upload.
      CliProcess.Result repacked =
          CliProcess.run(
              temp, tmpdir, "rebuild", tarball.toString(), "--find-links", links.toString());
      assertEquals(1, repacked.code(), repacked.err());
      assertTrue(repacked.out().contains("files: 2\n"), repacked.out());
      assertTrue(repacked.out().contains("rebuilt-sha256: "), repacked.out());
      assertTrue(repacked.out().contains("difference: tarball vs rebuild: "), repacked.out());
      assertEquals(List.of(), left(tmpdir));
    }
  }
}
