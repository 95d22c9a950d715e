package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --resolver}, {@code --target} and {@code --uploaded-prior-to}: each mistake is one line
 * and exit 2, before any work starts (no index is named, so none could be asked).
 */
class ResolverOptionsTest {
  private static MainTest.Result pypi(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--pypi",
                "--name",
                "alpha",
                "--ver",
                "1.0",
                "--index-url",
                "http://127.0.0.1:9/simple",
                "--pypi-url",
                "http://127.0.0.1:9/pypi"));
    args.addAll(List.of(more));
    return MainTest.run(args.toArray(String[]::new));
  }

  private static void usage(String expected, String... args) {
    MainTest.Result result = pypi(args);
    assertEquals(2, result.code(), result.err());
    assertEquals(1, result.err().lines().count(), result.err());
    assertTrue(result.err().contains(expected), result.err());
  }

  @Test
  void aResolverNotNativeOrPipIsAUsageError() {
    usage("--resolver takes native or pip, not 'uv'", "--resolver", "uv");
  }

  @Test
  void aTargetWithThePipResolverIsAUsageError() {
    usage("--target needs --resolver native", "--resolver", "pip", "--target", "cp312-win_amd64");
  }

  @Test
  void aMalformedTargetNamesTheAcceptedForms() {
    usage("cp312-manylinux_2_28_x86_64", "--target", "python3.12-linux");
  }

  @Test
  void theSameTargetTwiceIsAUsageError() {
    usage(
        "a --target is given twice", "--target", "cp312-win_amd64", "--target", "cp312-win_amd64");
  }

  @Test
  void wheelsOnlyNeedsThePipResolver() {
    usage("--wheels-only needs --resolver pip", "--target", "cp312-win_amd64", "--wheels-only");
  }

  @Test
  void targetsAndTheLongFormDoNotMix() {
    usage(
        "not both",
        "--target",
        "cp312-win_amd64",
        "--platform",
        "win_amd64",
        "--python-version",
        "3.12");
  }

  @Test
  void aCutoffThatIsNoTimeIsAUsageError() {
    usage("--uploaded-prior-to takes an ISO-8601 time", "--uploaded-prior-to", "last tuesday");
  }

  @Test
  void helpGivesTheTargetGrammarAndTheResolvers() {
    MainTest.Result result = MainTest.run("--help");
    assertEquals(0, result.code(), result.err());
    String help = result.out().replaceAll("\\s+", " ");
    assertTrue(help.contains("--resolver=native|pip"), help);
    assertTrue(help.contains("--target=TARGET"), help);
    assertTrue(help.contains("IMPL+VERSION-PLATFORM"), help);
    assertTrue(help.contains("musllinux_X_Y_ARCH"), help);
    assertTrue(help.contains("--uploaded-prior-to=WHEN"), help);
  }

  @Test
  void aCutoffIsAnIsoTimeADateOrEpochSeconds() throws Exception {
    CommonOptions options = new CommonOptions();
    options.uploadedPriorTo = "2024-05-06T07:08:09Z";
    Instant expected = Instant.parse("2024-05-06T07:08:09Z");
    assertEquals(expected, ResolverSettings.uploadedPriorTo(options).orElseThrow());
    options.uploadedPriorTo = "2024-05-06T09:08:09+02:00";
    assertEquals(expected, ResolverSettings.uploadedPriorTo(options).orElseThrow());
    options.uploadedPriorTo = Long.toString(expected.getEpochSecond());
    assertEquals(expected, ResolverSettings.uploadedPriorTo(options).orElseThrow());
    options.uploadedPriorTo = "2024-05-06";
    assertEquals(
        Instant.parse("2024-05-06T00:00:00Z"),
        ResolverSettings.uploadedPriorTo(options).orElseThrow());
  }
}
