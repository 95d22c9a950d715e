package dev.mkwheels.rebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.api.MkwheelsException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What rebuild reads from a pylock.toml, whatever order and extra keys the writer uses. */
class PylockReaderTest {
  static final String SHA_A = "a".repeat(64);
  static final String SHA_B = "B".repeat(64);

  @Test
  void readsTheToolTableAndEveryFileWhateverTheKeyOrderAndExtraKeys() throws Exception {
    String toml =
        """
        [tool.mkwheels]
        notes = ["git dependency x", "second"]
        format = 1
        epoch = 1700000000
        version = "1.0"
        name = "Demo"
        future-key = "ignored"

        [[packages]]
        version = "2.0"
        name = "zeta"
        requires-python = ">=3.8"

        [packages.sdist]
        hashes = {sha256 = "%s"}
        url = "https://files.example/zeta-2.0.tar.gz"
        upload-time = 2024-01-02T03:04:05Z

        [[packages.wheels]]
        path = "./zeta-2.0-py3-none-any.whl"
        hashes = {sha256 = "%s", md5 = "ignored"}
        size = 42

        [[packages]]
        name = "alpha"
        version = "1.0"
        index = "https://pypi.org/simple"
        [[packages.wheels]]
        name = "alpha-1.0-py3-none-any.whl"
        hashes = {sha256 = "%s"}
        """
            .formatted(SHA_A, SHA_B, SHA_A);
    Pylock lock = PylockReader.read(toml, "pylock.toml");
    assertEquals("Demo", lock.name());
    assertEquals("1.0", lock.version());
    assertEquals(1_700_000_000L, lock.epoch());
    assertEquals(1, lock.format());
    assertEquals(List.of("git dependency x", "second"), lock.notes());
    assertEquals(
        List.of(
            new Pylock.File(
                "alpha",
                "1.0",
                "alpha-1.0-py3-none-any.whl",
                SHA_A,
                -1,
                "https://pypi.org/simple",
                "",
                ""),
            new Pylock.File(
                "zeta",
                "2.0",
                "zeta-2.0-py3-none-any.whl",
                SHA_B.toLowerCase(java.util.Locale.ROOT),
                42,
                "",
                "",
                ""),
            new Pylock.File(
                "zeta",
                "2.0",
                "zeta-2.0.tar.gz",
                SHA_A,
                -1,
                "",
                "https://files.example/zeta-2.0.tar.gz",
                "2024-01-02T03:04:05Z")),
        lock.files());
  }

  @Test
  void aLockWithoutTheToolTableIsNotMkwheels() {
    MkwheelsException e =
        assertThrows(
            MkwheelsException.class,
            () -> PylockReader.read("lock-version = \"1.0\"\n", "x/pylock.toml"));
    assertEquals(
        "x/pylock.toml has no [tool.mkwheels] table: it was not written by mkwheels",
        e.getMessage());
  }

  @Test
  void aFileNameThatIsAPathIsRefused() {
    String toml =
        """
        [tool.mkwheels]
        name = "d"
        version = "1"
        epoch = 1
        [[packages]]
        name = "a"
        version = "1"
        [[packages.wheels]]
        name = "../../etc/a-1-py3-none-any.whl"
        hashes = {sha256 = "%s"}
        """
            .formatted(SHA_A);
    MkwheelsException e =
        assertThrows(MkwheelsException.class, () -> PylockReader.read(toml, "pylock.toml"));
    assertTrue(e.getMessage().contains("not a plain name"), e.getMessage());
  }

  @Test
  void missingOrMalformedFieldsAreNamed() {
    String head = "[tool.mkwheels]\nname = \"d\"\nversion = \"1\"\n";
    assertMessage(head + "epoch = \"soon\"\n", "epoch is not a whole number");
    assertMessage(head + "epoch = 1\n", "locks no [[packages]]");
    assertMessage(
        head
            + "epoch = 1\n[[packages]]\nname = \"a\"\nversion = \"1\"\n"
            + "[[packages.wheels]]\nname = \"a-1-py3-none-any.whl\"\n",
        "has no hashes.sha256");
    assertMessage(
        head
            + "epoch = 1\n[[packages]]\nname = \"a\"\nversion = \"1\"\n"
            + "[[packages.wheels]]\nname = \"a-1-py3-none-any.whl\"\nhashes = {sha256 = \"12\"}\n",
        "malformed hashes.sha256");
    assertMessage("[tool.mkwheels\n", "is not valid TOML");
    assertMessage(
        "environments = \"linux\"\n" + head + "epoch = 1\n", "environments is not an array");
    assertMessage("environments = [1]\n" + head + "epoch = 1\n", "environments holds a non-string");
  }

  private static void assertMessage(String toml, String expected) {
    MkwheelsException e =
        assertThrows(MkwheelsException.class, () -> PylockReader.read(toml, "pylock.toml"));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  static String gitLock(String vcs) {
    return """
        [[packages]]
        name = "gdep"
        version = "0.5"

        [packages.archive]
        path = "./gdep-0.5.zip"
        size = 7
        hashes = {sha256 = "%s"}

        [packages.tool.mkwheels.vcs]
        %s

        [tool.mkwheels]
        name = "app"
        version = "1.0"
        epoch = 5
        """
        .formatted(SHA_A, vcs);
  }

  @Test
  void theEnvironmentsAreReadInTheLocksOrderAndALockWithoutThemHasNone() throws Exception {
    String withEnvironments =
        "environments = [\"sys_platform == 'win32'\", \"sys_platform == 'linux'\"]\n"
            + gitLock("type = \"git\"\nurl = \"u\"\ncommit-id = \"" + "a".repeat(40) + "\"");
    assertEquals(
        List.of("sys_platform == 'win32'", "sys_platform == 'linux'"),
        PylockReader.read(withEnvironments, "pylock.toml").environments());
    assertEquals(
        List.of(),
        PylockReader.read(withEnvironments.substring(withEnvironments.indexOf('\n') + 1), "p")
            .environments());
  }

  @Test
  void aGitArchiveCarriesTheCommitOfItsMkwheelsVcsTable() throws Exception {
    String commit = "0123456789abcdef".repeat(2) + "01234567";
    Pylock lock =
        PylockReader.read(
            gitLock(
                "type = \"git\"\nurl = \"https://g.example/gdep.git\"\ncommit-id = \""
                    + commit
                    + "\""),
            "pylock.toml");
    Pylock.File file = lock.files().get(0);
    assertEquals("gdep-0.5.zip", file.fileName());
    assertEquals(
        java.util.Optional.of(new Pylock.Git("https://g.example/gdep.git", commit)), file.git());
  }

  @Test
  void aVcsTableThatIsNotGitOrHasNoFullCommitIsNamed() {
    MkwheelsException hg =
        assertThrows(
            MkwheelsException.class,
            () ->
                PylockReader.read(
                    gitLock("type = \"hg\"\nurl = \"u\"\ncommit-id = \"" + "a".repeat(40) + "\""),
                    "pylock.toml"));
    assertTrue(
        hg.getMessage().endsWith("type is 'hg': only git is written again"), hg.getMessage());
    MkwheelsException shortId =
        assertThrows(
            MkwheelsException.class,
            () ->
                PylockReader.read(
                    gitLock("type = \"git\"\nurl = \"u\"\ncommit-id = \"abc123\""), "pylock.toml"));
    assertTrue(
        shortId.getMessage().endsWith("commit-id is not a full commit id"), shortId.getMessage());
  }
}
