package dev.mkwheels.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A PEP 751 pylock.toml read as a lock by {@link LockFileParser}. */
class PylockReaderTest {
  @TempDir Path dir;

  private LockFile parse(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return new LockFileParser().parse(file);
  }

  @Test
  void everyPackageIsAPinWithTheHashesOfAllItsFilesAndItsMarker() throws Exception {
    LockFile lock =
        parse(
            "pylock.toml",
            String.join(
                "\n",
                "lock-version = '1.0'",
                "created-by = 'someone'",
                "[[packages]]",
                "name = 'Six'",
                "version = '1.16.0'",
                "marker = \"python_version >= '3'\"",
                "[[packages.wheels]]",
                "name = 'six-1.16.0-py2.py3-none-any.whl'",
                "url = 'https://files.example/six-1.16.0-py2.py3-none-any.whl'",
                "hashes = {sha256 = 'BB'}",
                "[packages.sdist]",
                "path = './six-1.16.0.tar.gz'",
                "hashes = {sha256 = 'aa', sha512 = 'cc'}",
                "[[packages]]",
                "name = 'idna'",
                "version = '3.7'",
                "[[packages.wheels]]",
                "path = 'idna-3.7-py3-none-any.whl'",
                "hashes = {sha256 = 'dd'}",
                "[tool.mkwheels]",
                "notes = []",
                ""));
    assertEquals(List.of(new Pin("idna", "3.7"), new Pin("six", "1.16.0")), lock.pins());
    LockEntry six = lock.entries().get(0);
    assertEquals(new Pin("six", "1.16.0"), six.pin());
    assertEquals(List.of("sha256:aa", "sha256:bb", "sha512:cc"), six.hashes());
    assertEquals("python_version >= '3'", six.marker());
    assertEquals(dir.resolve("pylock.toml") + ": [[packages]] #1 (Six)", six.location());
    assertEquals(List.of("sha256:dd"), lock.entries().get(1).hashes());
  }

  @Test
  void onlyPylockNamesAreReadAsToml() {
    assertTrue(PylockReader.isPylock(Path.of("a/pylock.toml")));
    assertTrue(PylockReader.isPylock(Path.of("pylock.dev.toml")));
    assertFalse(PylockReader.isPylock(Path.of("requirements.txt")));
    assertFalse(PylockReader.isPylock(Path.of("pyproject.toml")));
  }

  @Test
  void anUnknownLockVersionAMissingVersionAndBadTomlAreOneLineEach() {
    CiException version =
        assertThrows(
            CiException.class, () -> parse("pylock.toml", "lock-version = '2.0'\npackages = []\n"));
    assertEquals(
        dir.resolve("pylock.toml")
            + ": lock-version '2.0' is not one mkwheels reads (PEP 751 lock-version 1.x)",
        version.getMessage());
    CiException unpinned =
        assertThrows(
            CiException.class,
            () ->
                parse(
                    "pylock.a.toml",
                    "lock-version = '1.0'\n[[packages]]\nname = 'six'\n"
                        + "[packages.sdist]\npath = 'six.tar.gz'\nhashes = {sha256 = 'aa'}\n"));
    assertEquals(
        dir.resolve("pylock.a.toml")
            + ": [[packages]] #1 (six): no version (a lock pins every package)",
        unpinned.getMessage());
    CiException toml =
        assertThrows(CiException.class, () -> parse("pylock.b.toml", "lock-version = \n"));
    assertTrue(
        toml.getMessage().startsWith(dir.resolve("pylock.b.toml") + " is not valid TOML: "),
        toml.getMessage());
    assertFalse(toml.getMessage().contains("\n"), toml.getMessage());
  }
}
