package dev.mkwheels.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same files and epoch give the same bytes whatever the disk says about them. (Umask, time
 * zone, locale and JDK need fresh processes: PackIT in mkwheels-cli runs those.)
 */
class DeterminismTest {
  static final long EPOCH = 1_600_000_000L;

  @TempDir static Path temp;
  static Path original;
  static PackResult reference;

  @BeforeAll
  static void packTheOriginal() throws Exception {
    original = Wheelhouses.create(temp.resolve("original"));
    reference = pack(original, "reference");
  }

  static PackResult pack(Path directory, String output) throws Exception {
    return new Packager()
        .pack(new PackRequest(directory, "same", "1.0", EPOCH, temp.resolve(output), List.of()));
  }

  /** A copy made in another order, with other modes, mtimes and (as root) owners. */
  static Path scrambledCopy(String name, long seed) throws Exception {
    Path copy = Files.createDirectories(temp.resolve(name));
    List<Path> files;
    try (Stream<Path> list = Files.list(original)) {
      files = new ArrayList<>(list.toList());
    }
    Random random = new Random(seed);
    Collections.shuffle(files, random);
    boolean root = "root".equals(System.getProperty("user.name"));
    for (Path file : files) {
      Path target = copy.resolve(file.getFileName());
      Files.copy(file, target);
      Files.setPosixFilePermissions(
          target,
          PosixFilePermissions.fromString(random.nextBoolean() ? "rw-------" : "rwxr-x---"));
      Files.setLastModifiedTime(
          target, FileTime.fromMillis(random.nextLong(0, 4_000_000_000_000L)));
      if (root) {
        Files.setAttribute(target, "unix:uid", 1000 + random.nextInt(1000));
        Files.setAttribute(target, "unix:gid", 1000 + random.nextInt(1000));
      }
    }
    return copy;
  }

  @Test
  void sameBytesWhateverTheFilesModesMtimesOwnersAndCreationOrder() throws Exception {
    for (long seed = 1; seed <= 3; seed++) {
      Path copy = scrambledCopy("copy-" + seed, seed);
      try (Stream<Path> listing = Files.list(copy)) {
        List<String> listed = listing.map(p -> p.getFileName().toString()).toList();
        // Else the sort is not exercised: the file system would have listed them sorted already.
        assertNotEquals(listed.stream().sorted().toList(), listed, "listing order of copy " + seed);
      }
      PackResult other = pack(copy, "out-" + seed);
      assertEquals(reference.md5(), other.md5(), "seed " + seed);
      assertEquals(reference.sha256(), other.sha256());
      assertEquals(-1L, Files.mismatch(reference.tarball(), other.tarball()));
    }
  }

  @Test
  void packingTwiceGivesTheSameBytes() throws Exception {
    assertEquals(reference.md5(), pack(original, "again").md5());
  }

  @Test
  void anotherEpochOrAnotherFileGivesOtherBytes() throws Exception {
    PackResult epoch =
        new Packager()
            .pack(
                new PackRequest(
                    original, "same", "1.0", EPOCH + 1, temp.resolve("epoch"), List.of()));
    assertNotEquals(reference.md5(), epoch.md5());
    Path changed = scrambledCopy("changed", 7);
    dev.mkwheels.testkit.Distributions.wheel(changed, "omega", "1.0");
    assertNotEquals(reference.md5(), pack(changed, "changed-out").md5());
  }
}
