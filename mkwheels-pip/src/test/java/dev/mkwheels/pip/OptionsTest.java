package dev.mkwheels.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The user's index and target options as pip's arguments. */
class OptionsTest {

  @Test
  void indexOptionsPassThroughWithPipsNamesInOrder() {
    PipOptions options =
        new PipOptions(
            Optional.of("https://u:tok@idx/simple"),
            List.of("https://a/simple", "https://b/simple"),
            List.of("/wheels"),
            true);
    assertEquals(
        List.of(
            "--index-url",
            "https://u:tok@idx/simple",
            "--extra-index-url",
            "https://a/simple",
            "--extra-index-url",
            "https://b/simple",
            "--find-links",
            "/wheels",
            "--pre"),
        options.arguments());
    assertEquals(
        List.of("https://u:tok@idx/simple", "https://a/simple", "https://b/simple"),
        options.indexUrls());
    assertEquals(
        "--index-url https://****@idx/simple --extra-index-url https://a/simple --extra-index-url"
            + " https://b/simple --find-links /wheels --pre",
        options.describe());
    assertEquals("pip's configuration", PipOptions.DEFAULTS.describe());
    assertEquals(List.of(), PipOptions.DEFAULTS.arguments());
  }

  @Test
  void theNewestManylinuxTagBringsEveryOlderOne() {
    List<String> tags = TargetOptions.widened(List.of("manylinux_2_28_x86_64"));
    assertEquals("manylinux_2_28_x86_64", tags.get(0));
    for (String older :
        List.of(
            "manylinux_2_17_x86_64",
            "manylinux2014_x86_64",
            "manylinux_2_12_x86_64",
            "manylinux2010_x86_64",
            "manylinux_2_5_x86_64",
            "manylinux1_x86_64")) {
      assertTrue(tags.contains(older), older + " in " + tags);
    }
    assertFalse(tags.contains("manylinux_2_29_x86_64"), "never a newer tag");
    assertEquals(
        tags.indexOf("manylinux_2_17_x86_64") + 1,
        tags.indexOf("manylinux2014_x86_64"),
        "each alias right after its glibc tag, as packaging.tags lists them");
    assertEquals("linux_x86_64", tags.get(tags.size() - 1), "the machine's own linux tag last");
  }

  @Test
  void legacyAliasesOnlyWhereTheyWereDefined() {
    List<String> arm = TargetOptions.widened(List.of("manylinux2014_aarch64"));
    assertEquals("manylinux2014_aarch64", arm.get(0), "the tag the user named first");
    assertTrue(arm.contains("manylinux_2_17_aarch64"), arm.toString());
    assertFalse(arm.contains("manylinux1_aarch64"), arm.toString());
    assertEquals(List.of("win_amd64"), TargetOptions.widened(List.of("win_amd64")));
    assertTrue(
        TargetOptions.widened(List.of("musllinux_1_2_x86_64")).contains("musllinux_1_0_x86_64"));
    assertTrue(TargetOptions.widened(List.of("macosx_12_0_arm64")).contains("macosx_11_0_arm64"));
  }

  @Test
  void anyTargetOptionAddsOnlyBinaryAndSaysSo() {
    TargetOptions target =
        new TargetOptions(
            List.of("manylinux_2_17_x86_64"),
            Optional.of("3.12"),
            Optional.of("cp"),
            Optional.of("cp312"));
    List<String> args = target.arguments();
    assertEquals("--only-binary=:all:", args.get(args.size() - 1));
    assertTrue(
        args.containsAll(
            List.of(
                "--platform",
                "manylinux2014_x86_64",
                "--python-version",
                "3.12",
                "--implementation",
                "cp",
                "--abi",
                "cp312")),
        args.toString());
    assertTrue(target.describe().contains("--only-binary=:all: added"), target.describe());
    assertTrue(
        target.describe().contains("older compatible platform tags added"), target.describe());
    TargetOptions versionOnly =
        new TargetOptions(List.of(), Optional.of("3.9"), Optional.empty(), Optional.empty());
    assertEquals(
        List.of("--python-version", "3.9", "--only-binary=:all:"), versionOnly.arguments());
    assertEquals(List.of(), TargetOptions.HOST.arguments());
    assertFalse(TargetOptions.HOST.foreign());
  }

  @Test
  void parsesPipVersionLines() {
    PipVersion old = PipVersion.parse("pip 23.2.1 from /x/site-packages/pip (python 3.11)");
    assertEquals(new PipVersion(23, 2, "23.2.1", "3.11"), old);
    assertFalse(old.supportsUploadedPriorTo());
    assertTrue(PipVersion.parse("pip 26.0 from /y (python 3.13)").supportsUploadedPriorTo());
    assertTrue(PipVersion.parse("pip 26.1.dev0 from /y (python 3.13)").atLeast(26, 1));
  }
}
