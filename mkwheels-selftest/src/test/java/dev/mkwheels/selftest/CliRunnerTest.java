package dev.mkwheels.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the mkwheels runs the selftest starts get of the caller's environment: a "java" that prints
 * its environment stands in for the CLI.
 */
class CliRunnerTest {
  @TempDir Path temp;

  @Test
  void aHermeticRunGetsNoCredentialOfTheCallers() throws Exception {
    List<String> seen = environmentSeen(false);
    assertTrue(seen.contains("TZ=UTC"), seen.toString());
    assertTrue(seen.contains("PATH=" + System.getenv("PATH")), seen.toString());
    assertTrue(seen.contains("PIP_INDEX_URL=http://127.0.0.1:1/simple"), seen.toString());
    assertFalse(
        seen.stream()
            .anyMatch(
                l ->
                    l.startsWith("GITHUB_TOKEN=")
                        || l.startsWith("AWS_SECRET_ACCESS_KEY=")
                        || l.contains("secret")),
        seen.toString());
  }

  @Test
  void aLiveRunGetsTheForgeTokensMkwheelsReadsButNoOtherCredential() throws Exception {
    List<String> seen = environmentSeen(true);
    assertTrue(seen.contains("GITHUB_TOKEN=secret-gh"), seen.toString());
    assertFalse(
        seen.stream()
            .anyMatch(
                l -> l.startsWith("AWS_SECRET_ACCESS_KEY=") || l.startsWith("MKWHEELS_PASS_ENV=")),
        seen.toString());
  }

  private List<String> environmentSeen(boolean live) throws Exception {
    Path java = temp.resolve("java");
    Files.writeString(java, "#!/bin/sh\nenv\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
    Map<String, String> caller = new TreeMap<>();
    caller.put("PATH", System.getenv("PATH"));
    caller.put("PIP_INDEX_URL", "http://127.0.0.1:1/simple");
    caller.put("GITHUB_TOKEN", "secret-gh");
    caller.put("AWS_SECRET_ACCESS_KEY", "secret-aws");
    CliRunner.Run run =
        new CliRunner(temp, caller, live)
            .run(
                new Variation("022", "UTC", "C.UTF-8", java),
                Files.createDirectories(temp.resolve("work")),
                List.of());
    assertEquals(0, run.exit(), run.stderr());
    return run.stdout().lines().toList();
  }
}
