package dev.mkwheels.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.python.requirement.Requirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequirementFilesTest {
  @TempDir Path dir;

  @Test
  void readsRequirementsIncludesConstraintsHashesAndPre() throws Exception {
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/more.txt"), "gamma[fast]>=1 ; python_version >= '3.8'\n");
    Files.writeString(dir.resolve("c.txt"), "beta<3\n-r sub/more.txt\n");
    Path main =
        Files.writeString(
            dir.resolve("requirements.txt"),
            "# comment\n--pre\nalpha==1.0 \\\n    --hash=sha256:00  # pinned\n"
                + "-r sub/more.txt\n--constraint=c.txt\n\napp @ https://h/app-1.0.tar.gz\n");
    RequirementFiles files = RequirementFiles.read(List.of(main));
    assertEquals(
        List.of(
            "alpha==1.0",
            "gamma[fast]>=1; python_version >= \"3.8\"",
            "app@ https://h/app-1.0.tar.gz"),
        files.roots().stream().map(Requirement::toString).toList());
    assertEquals(List.of("beta<3"), files.constraints().stream().map(Object::toString).toList());
    assertTrue(files.pre());
  }

  @Test
  void whatTheNativeResolverCannotTakeIsOneLineWithTheFileAndLine() throws Exception {
    Path main = Files.writeString(dir.resolve("r.txt"), "alpha\n--index-url https://x/simple\n");
    PipException option =
        assertThrows(PipException.class, () -> RequirementFiles.read(List.of(main)));
    assertEquals(
        main
            + ":2: --index-url in a requirements file is not supported by --resolver native:"
            + " pass index options on the command line, or use --resolver pip",
        option.getMessage());
    Files.writeString(main, "./local/tree\n");
    PipException path =
        assertThrows(PipException.class, () -> RequirementFiles.read(List.of(main)));
    assertTrue(path.getMessage().startsWith(main + ":1: './local/tree' is not a requirement"));
    PipException missing =
        assertThrows(
            PipException.class, () -> RequirementFiles.read(List.of(dir.resolve("nope.txt"))));
    assertEquals("no such requirements file: " + dir.resolve("nope.txt"), missing.getMessage());
    assertFalse(missing.getMessage().contains("\n"));
  }
}
