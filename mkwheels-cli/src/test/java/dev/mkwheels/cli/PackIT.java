package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.testkit.Distributions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged CLI in fresh JVMs: every JDK 17+ on this machine (the one running the tests, and
 * those under /usr/lib/jvm), each under two umasks, time zones and locales, packs the same
 * wheelhouse into the same bytes.
 */
class PackIT {
  @TempDir static Path temp;
  static Path wheelhouse;

  /** How one run is set up: the umask and the process environment. */
  record Setting(String umask, Map<String, String> env) {}

  static final List<Setting> SETTINGS =
      List.of(
          new Setting("022", Map.of("TZ", "UTC", "LC_ALL", "C.UTF-8")),
          // Turkish lower-cases 'I' to a dotless i; Chatham is UTC+12:45; umask 077 makes 0600
          // files.
          new Setting(
              "077",
              Map.of(
                  "TZ",
                  "Pacific/Chatham",
                  "LC_ALL",
                  "tr_TR.UTF-8",
                  "JAVA_TOOL_OPTIONS",
                  "-Duser.language=tr -Duser.country=TR -Dfile.encoding=ISO-8859-1")));

  @BeforeAll
  static void wheelhouse() throws Exception {
    wheelhouse = Files.createDirectories(temp.resolve("wheelhouse"));
    Distributions.wheel(wheelhouse, "Imaging_Lib", "1.0");
    byte[] noise = new byte[100_000];
    new Random(1).nextBytes(noise);
    Distributions.wheel(
        wheelhouse, "noisy", "2.0", "py3-none-any", Map.of("noisy/blob.bin", noise));
    Distributions.sdist(wheelhouse, "zeta", "3.0");
  }

  /** java.home, then every other JDK 17 or newer under /usr/lib/jvm. */
  static List<Path> jdks() throws IOException {
    Set<Path> homes = new LinkedHashSet<>();
    homes.add(Path.of(System.getProperty("java.home")).toRealPath());
    Path jvm = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvm)) {
      try (Stream<Path> entries = Files.list(jvm)) {
        for (Path home : entries.sorted().toList()) {
          Path release = home.resolve("release");
          if (Files.isExecutable(home.resolve("bin/java"))
              && Files.isRegularFile(release)
              && featureVersion(Files.readString(release)) >= 17) {
            homes.add(home.toRealPath());
          }
        }
      }
    }
    return new ArrayList<>(homes);
  }

  static int featureVersion(String release) {
    for (String line : release.lines().toList()) {
      if (line.startsWith("JAVA_VERSION=")) {
        String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
        return Integer.parseInt(version.split("[.+-]")[0]);
      }
    }
    return 0;
  }

  static String run(Path jdk, Setting setting, Path out) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "sh",
                "-c",
                "umask " + setting.umask() + " && exec \"$0\" \"$@\"",
                jdk.resolve("bin/java").toString(),
                "-p",
                System.getProperty("mkwheels.lib"),
                "-m",
                "dev.mkwheels.cli/dev.mkwheels.cli.Main",
                "pack",
                "--dir",
                wheelhouse.toString(),
                "--name",
                "same",
                "--ver",
                "1.0",
                "--epoch",
                "1500000000",
                "--output-dir",
                out.toString(),
                "--json"));
    Path stdout = temp.resolve("stdout");
    Path stderr = temp.resolve("stderr");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    builder.environment().putAll(setting.env());
    Process process = builder.start();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the CLI finished");
    String err = Files.readString(stderr, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), jdk + " " + setting + ":\n" + err);
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  @Test
  void everyJdkUmaskTimeZoneAndLocaleGivesTheSameBytes() throws Exception {
    Map<String, Path> tarballs = new TreeMap<>();
    int run = 0;
    for (Path jdk : jdks()) {
      for (Setting setting : SETTINGS) {
        Path out = temp.resolve("out-" + run++);
        String json = run(jdk, setting, out);
        Path tarball = out.resolve("same-wheels-1.0.tar.gz");
        assertTrue(json.contains("\"md5\":\""), json);
        tarballs.put(jdk + " umask " + setting.umask() + " " + setting.env().get("TZ"), tarball);
      }
    }
    Path first = tarballs.values().iterator().next();
    for (Map.Entry<String, Path> tarball : tarballs.entrySet()) {
      assertEquals(
          -1L,
          Files.mismatch(first, tarball.getValue()),
          tarball.getKey() + " differs from " + first);
    }
    System.out.println("PackIT: identical tarballs from " + tarballs.keySet());
  }
}
