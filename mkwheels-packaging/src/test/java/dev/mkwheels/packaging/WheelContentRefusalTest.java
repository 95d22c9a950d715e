package dev.mkwheels.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.testkit.Distributions;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * pack checks what it packs: a wheel whose member paths would unpack outside the install directory,
 * or whose name or version inside is not the one on its file, is refused naming the file, and
 * nothing is written.
 */
class WheelContentRefusalTest {
  @TempDir Path temp;

  Path wheelhouse() throws Exception {
    Path directory = Files.createDirectories(temp.resolve("wheelhouse"));
    Distributions.wheel(directory, "alpha", "1.0");
    return directory;
  }

  static Map<String, byte[]> wheelMembers(String distInfo, String metadata) {
    Map<String, byte[]> members = new LinkedHashMap<>();
    members.put("pkg/__init__.py", "x = 1\n".getBytes(StandardCharsets.UTF_8));
    members.put(distInfo + "/METADATA", metadata.getBytes(StandardCharsets.UTF_8));
    members.put(distInfo + "/WHEEL", "Wheel-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
    members.put(distInfo + "/RECORD", new byte[0]);
    return members;
  }

  static Path zip(Path file, Map<String, byte[]> members) throws Exception {
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> member : members.entrySet()) {
        ZipEntry entry = new ZipEntry(member.getKey());
        entry.setTimeLocal(LocalDateTime.of(2020, 2, 2, 0, 0));
        zip.putNextEntry(entry);
        zip.write(member.getValue());
        zip.closeEntry();
      }
    }
    return file;
  }

  static String metadata(String name, String version) {
    return "Metadata-Version: 2.1\nName: "
        + name
        + "\nVersion: "
        + version
        + "\n\nThe long description.\nName: not-this\nVersion: 9\n";
  }

  MkwheelsException refused(Path directory) throws Exception {
    MkwheelsException e = assertThrows(MkwheelsException.class, () -> pack(directory));
    assertEquals(1, e.exitCode());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    Path out = temp.resolve("out");
    if (Files.exists(out)) {
      try (Stream<Path> files = Files.list(out)) {
        assertEquals(List.of(), files.toList(), "nothing written");
      }
    }
    return e;
  }

  PackResult pack(Path directory) throws Exception {
    return new Packager()
        .pack(new PackRequest(directory, "ok", "1.0", 0, temp.resolve("out"), List.of()));
  }

  void assertRefused(Path wheel, String expected) throws Exception {
    MkwheelsException e = refused(wheel.getParent());
    assertTrue(e.getMessage().startsWith("cannot pack " + wheel + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../evil.py",
        "pkg/../../evil.py",
        "/etc/cron.d/evil",
        "C:/evil.py",
        "pkg\\..\\..\\evil.py",
        "pkg/a\u0000.py",
        "pkg/\u001b[31mred.py",
        "pkg//a.py",
        "./pkg/a.py",
        "pkg/./a.py",
        "pkg/.."
      })
  void aMemberPathThatIsNotPlainIsRefused(String member) throws Exception {
    Path directory = wheelhouse();
    Map<String, byte[]> members = wheelMembers("zeta-1.0.dist-info", metadata("zeta", "1.0"));
    members.put(member, "evil".getBytes(StandardCharsets.UTF_8));
    Path wheel = zip(directory.resolve("zeta-1.0-py3-none-any.whl"), members);
    MkwheelsException e = refused(directory);
    assertTrue(e.getMessage().startsWith("cannot pack " + wheel + ": member '"), e.getMessage());
    assertFalse(
        e.getMessage().chars().anyMatch(c -> c < 0x20),
        "no raw control character: " + e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "pkg/a.py",
        "pkg/",
        "pkg/.hidden",
        "a..b",
        "pkg/..a/b",
        "pkg/a.",
        "x",
        "pkg/caf\u00e9.py",
        "zeta-1.0.data/scripts/run"
      })
  void aPlainMemberPathPasses(String member) {
    assertEquals(java.util.Optional.empty(), WheelCheck.problem(member));
  }

  @Test
  void aMemberNamedTwiceIsRefused() throws Exception {
    Path directory = wheelhouse();
    Map<String, byte[]> members = wheelMembers("zeta-1.0.dist-info", metadata("zeta", "1.0"));
    members.put("pkg/a.py", "one".getBytes(StandardCharsets.UTF_8));
    members.put("pkg/b.py", "two".getBytes(StandardCharsets.UTF_8));
    Path wheel = zip(directory.resolve("zeta-1.0-py3-none-any.whl"), members);
    // ZipOutputStream refuses a repeated name, so rename b.py to a.py in the finished bytes.
    byte[] bytes = Files.readAllBytes(wheel);
    String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("pkg/b.py", "pkg/a.py");
    Files.write(wheel, text.getBytes(StandardCharsets.ISO_8859_1));
    assertRefused(wheel, "member 'pkg/a.py' appears twice");
  }

  @Test
  void aRenamedWheelIsRefused() throws Exception {
    Path directory = wheelhouse();
    Path made = Distributions.wheel(temp, "zeta", "1.0");
    Path renamed = Files.move(made, directory.resolve("beta-1.0-py3-none-any.whl"));
    assertRefused(renamed, "its directory zeta-1.0.dist-info does not match its file name");
  }

  @Test
  void aWheelRenamedToAnotherVersionIsRefused() throws Exception {
    Path directory = wheelhouse();
    Path made = Distributions.wheel(temp, "zeta", "1.0");
    Path renamed = Files.move(made, directory.resolve("zeta-1.1-py3-none-any.whl"));
    assertRefused(renamed, "does not match its file name");
  }

  @Test
  void aSpoofedNameInMetadataIsRefused() throws Exception {
    Path directory = wheelhouse();
    Path wheel =
        zip(
            directory.resolve("zeta-1.0-py3-none-any.whl"),
            wheelMembers("zeta-1.0.dist-info", metadata("requests", "1.0")));
    assertRefused(wheel, "its METADATA says Name: requests, but its file name says zeta");
  }

  @Test
  void aSpoofedVersionInMetadataIsRefused() throws Exception {
    Path directory = wheelhouse();
    Path wheel =
        zip(
            directory.resolve("zeta-1.0-py3-none-any.whl"),
            wheelMembers("zeta-1.0.dist-info", metadata("zeta", "2.0")));
    assertRefused(wheel, "its METADATA says Version: 2.0, but its file name says 1.0");
  }

  @Test
  void equalNamesAndVersionsSpelledDifferentlyAreAccepted() throws Exception {
    Path directory = wheelhouse();
    zip(
        directory.resolve("Zeta_Pkg-1.0-py3-none-any.whl"),
        wheelMembers("zeta.pkg-1.0.0.dist-info", metadata("Zeta-Pkg", "v1.0.0")));
    zip(
        directory.resolve("omega-2.0rc1.post0-py3-none-any.whl"),
        wheelMembers("omega-2.0rc1.post0.dist-info", metadata("OMEGA", "2.0-RC-1-0")));
    assertEquals(3, pack(directory).distributions());
  }

  @Test
  void aWheelWithoutOneDistInfoIsRefused() throws Exception {
    Path directory = wheelhouse();
    Path none =
        zip(
            directory.resolve("zeta-1.0-py3-none-any.whl"),
            Map.of("zeta/__init__.py", new byte[0]));
    assertRefused(none, "it holds no .dist-info directory");
    Files.delete(none);
    Map<String, byte[]> members = wheelMembers("zeta-1.0.dist-info", metadata("zeta", "1.0"));
    members.put(
        "other-1.0.dist-info/METADATA", metadata("other", "1.0").getBytes(StandardCharsets.UTF_8));
    Path two = zip(directory.resolve("zeta-1.0-py3-none-any.whl"), members);
    assertRefused(
        two, "it holds 2 .dist-info directories: other-1.0.dist-info, zeta-1.0.dist-info");
  }

  @Test
  void aWheelWithoutMetadataIsRefused() throws Exception {
    Path directory = wheelhouse();
    Map<String, byte[]> members = wheelMembers("zeta-1.0.dist-info", "");
    members.remove("zeta-1.0.dist-info/METADATA");
    Path wheel = zip(directory.resolve("zeta-1.0-py3-none-any.whl"), members);
    assertRefused(wheel, "it holds no zeta-1.0.dist-info/METADATA");
  }

  @Test
  void aZipSdistWithAnEscapingPathIsRefused() throws Exception {
    Path directory = wheelhouse();
    Path sdist = zip(directory.resolve("zeta-1.0.zip"), Map.of("zeta-1.0/../../evil", new byte[0]));
    assertRefused(sdist, "member 'zeta-1.0/../../evil' climbs out");
  }
}
