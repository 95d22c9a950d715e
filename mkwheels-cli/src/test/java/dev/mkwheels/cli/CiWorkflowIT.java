package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.testkit.KnownVulnerability;
import dev.mkwheels.testkit.OsvServer;
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
 * The CI workflow of the README as a user runs it, each step the packaged CLI in a fresh JVM: lock,
 * re-lock (unchanged), wheelhouse, audit of the wheelhouse.
 */
class CiWorkflowIT {
  private static final Instant UPLOADED = Instant.parse("2024-01-01T00:00:00Z");

  @TempDir Path temp;

  @Test
  void lockWheelhouseAndAuditEndToEnd() throws Exception {
    Path tmpdir = Files.createDirectory(temp.resolve("tmp"));
    try (PackageIndex index = PackageIndex.start();
        OsvServer osv = OsvServer.start()) {
      index
          .add(WheelBuilder.wheel("alpha", "1.0").requires("beta>=1").build(), UPLOADED)
          .add(WheelBuilder.wheel("beta", "1.0").build(), UPLOADED);
      osv.add(
          new KnownVulnerability(
              "beta", "1.0", "GHSA-beta-beta-beta", List.of("CVE-2024-0001"), List.of("1.1")));
      Path requirements = Files.writeString(temp.resolve("requirements.txt"), "alpha\n");
      Path lock = temp.resolve("lockfiles/requirements.lock-3");
      Path wheelDir = temp.resolve("wheelhouse/3");

      String[] lockArgs = {
        "lock",
        "--req",
        requirements.toString(),
        "--out",
        lock.toString(),
        "--index-url",
        index.simpleUrl()
      };
      CliProcess.Result locked = CliProcess.run(temp, tmpdir, lockArgs);
      assertEquals(0, locked.code(), locked.err());
      assertTrue(locked.out().endsWith(lock + ": 2 distributions pinned, written\n"), locked.out());
      byte[] first = Files.readAllBytes(lock);
      CliProcess.Result again = CliProcess.run(temp, tmpdir, lockArgs);
      assertEquals(lock + ": 2 distributions pinned, unchanged\n", again.out(), again.err());
      assertTrue(java.util.Arrays.equals(first, Files.readAllBytes(lock)));

      CliProcess.Result wheelhouse =
          CliProcess.run(
              temp,
              tmpdir,
              "wheelhouse",
              "--lock",
              lock.toString(),
              "--wheel-dir",
              wheelDir.toString(),
              "--index-url",
              index.simpleUrl());
      assertEquals(0, wheelhouse.code(), wheelhouse.err());
      try (Stream<Path> files = Files.list(wheelDir)) {
        assertEquals(
            List.of("alpha-1.0-py3-none-any.whl", "beta-1.0-py3-none-any.whl"),
            files.map(p -> p.getFileName().toString()).sorted().toList());
      }

      CliProcess.Result audit =
          CliProcess.run(
              temp, tmpdir, "audit", "--dir", wheelDir.toString(), "--osv-url", osv.url());
      assertEquals(1, audit.code(), audit.err());
      assertTrue(
          audit.out().contains("\nbeta     1.0      GHSA-beta-beta-beta  1.1\n"), audit.out());
      CliProcess.Result ignored =
          CliProcess.run(
              temp,
              tmpdir,
              "audit",
              "--lock",
              lock.toString(),
              "--osv-url",
              osv.url(),
              "--ignore",
              "CVE-2024-0001");
      assertEquals(0, ignored.code(), ignored.err());
      assertEquals("no known vulnerabilities in 2 pinned distributions\n", ignored.out());
    }
    try (Stream<Path> left = Files.list(tmpdir)) {
      assertEquals(List.of(), left.toList(), "no temporary directory left behind");
    }
  }
}
