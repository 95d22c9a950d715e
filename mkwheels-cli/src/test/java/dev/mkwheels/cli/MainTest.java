package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.HttpResponse;
import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.pip.PipException;
import dev.mkwheels.pip.PipIndexes;
import dev.mkwheels.python.index.IndexClient;
import dev.mkwheels.python.index.IndexException;
import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.resolver.ResolutionException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line as a user meets it, run in-process through {@link Main#run}. */
class MainTest {

  record Result(int code, String out, String err) {}

  static Result run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env,
            args);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Result run(String... args) {
    return run(Map.of(), args);
  }

  static void assertUsageError(Result result, String expected) {
    assertEquals(2, result.code(), result.err());
    assertEquals("", result.out());
    assertEquals(1, result.err().lines().count(), "one line: " + result.err());
    assertTrue(result.err().contains(expected), result.err());
    assertTrue(result.err().contains("--help"), "a usage hint: " + result.err());
  }

  @Test
  void testsRunOnTheModulePath() {
    assertEquals("dev.mkwheels.cli", Main.class.getModule().getName());
  }

  @Test
  void helpListsEveryModeWithItsOptionsOnStdout() {
    Result result = run("--help");
    assertEquals(0, result.code());
    assertEquals("", result.err());
    for (String expected :
        new String[] {
          "--pypi",
          "--gh",
          "--repo OWNER/REPO",
          "--name PKG",
          "--ver VER",
          "--tag TAG",
          "--github-api-url URL",
          "--pypi-url URL",
          "--output-dir",
          "--python",
          "--json",
          "--quiet",
          "--verbose",
          "Exit codes"
        }) {
      assertTrue(result.out().contains(expected), "help names " + expected + ":\n" + result.out());
    }
    assertTrue(
        result.out().indexOf("--gh ") < result.out().indexOf("--pypi "), "modes sorted by id");
  }

  @Test
  void versionPrintsTheVersion() {
    Result result = run("--version");
    assertEquals(0, result.code());
    assertTrue(result.out().startsWith("mkwheels "), result.out());
  }

  @Test
  void noArgumentsIsAUsageError() {
    assertUsageError(run(), "choose a mode: one of --forgejo, --gh, --gitlab, --pypi");
  }

  @Test
  void twoModesIsAUsageError() {
    assertUsageError(
        run("--pypi", "--gh", "--name", "x", "--ver", "1"), "choose one mode, not --gh and --pypi");
  }

  @Test
  void aMissingRequiredOptionIsNamed() {
    assertUsageError(run("--pypi", "--ver", "1.0"), "--pypi needs --name PKG");
    assertUsageError(run("--gh", "--ver", "1.0"), "--gh needs --repo OWNER/REPO");
  }

  @Test
  void anUnknownOptionIsNamed() {
    assertUsageError(run("--bogus"), "Unknown option: '--bogus'");
    assertUsageError(run("--pypi", "--name", "x", "--ver", "1", "--bogus"), "'--bogus'");
  }

  @Test
  void anotherModesOptionIsUnknownInThisMode() {
    assertUsageError(run("--pypi", "--name", "x", "--ver", "1", "--repo", "a/b"), "'--repo'");
  }

  @Test
  void aModeOptionWithoutAModeAsksForAMode() {
    assertUsageError(run("--name", "requests", "--ver", "1"), "choose a mode");
  }

  @Test
  void aSingleValuedOptionGivenTwiceIsAUsageError() {
    assertUsageError(run("--pypi", "--name", "a", "--name", "b", "--ver", "1"), "--name");
  }

  @Test
  void aMalformedEpochIsAUsageError() {
    assertUsageError(
        run("--pypi", "--name", "a", "--ver", "1", "--epoch", "yesterday"),
        "--epoch must be a whole number");
    assertUsageError(run("--pypi", "--name", "a", "--ver", "1", "--epoch", "-5"), "--epoch");
    assertUsageError(
        run(Map.of("SOURCE_DATE_EPOCH", "soon"), "--pypi", "--name", "a", "--ver", "1"),
        "SOURCE_DATE_EPOCH must be a whole number");
  }

  @Test
  void anInvalidProjectNameIsAUsageError() {
    assertUsageError(
        run("--pypi", "--name", "no spaces!", "--ver", "1", "--epoch", "0"),
        "not a valid project name");
  }

  @Test
  void verboseAddsAStackTraceToAFailure() {
    Result quiet = run("--pypi", "--name", "no spaces!", "--ver", "1", "--epoch", "0");
    Result verbose =
        run("--pypi", "--name", "no spaces!", "--ver", "1", "--epoch", "0", "--verbose");
    assertEquals(1, quiet.err().lines().count());
    assertTrue(verbose.err().contains("\tat "), verbose.err());
  }

  /** An HTTP client on a machine without internet: no host resolves. */
  private static final HttpFetcher OFFLINE =
      new HttpFetcher() {
        @Override
        public HttpResponse get(URI uri, Map<String, String> headers) throws IOException {
          throw new UnknownHostException(uri.getHost());
        }

        @Override
        public HttpResponse download(
            URI uri, Map<String, String> headers, Path target, long maxBytes) throws IOException {
          throw new UnknownHostException(uri.getHost());
        }
      };

  /** What the native path makes of an index page that cannot be read: the resolver's failure. */
  private static MkwheelsException unreadable(String index) {
    try {
      new IndexClient(OFFLINE).project(index, ProjectName.of("idna"));
      throw new AssertionError("read offline");
    } catch (IndexException e) {
      ResolutionException resolution = new ResolutionException(e.getMessage(), e);
      return new MkwheelsException(resolution.getMessage(), resolution);
    }
  }

  @Test
  void pypiOutOfReachWithoutAnIndexGivenSaysWhatToGive() {
    MkwheelsException failure = unreadable(PipIndexes.PYPI);
    String hint = Main.defaultIndexHint(failure, List.of("--pypi", "--name", "idna"));
    assertEquals(
        " (https://pypi.org/simple is pip's default index: without internet, give --index-url URL,"
            + " or set index-url in pip's configuration)",
        hint);
    // pip's path says it while checking a hash: the index's own failure is the cause.
    PipException hashing =
        new PipException(
            "cannot read the index https://pypi.org/simple to check the hash of"
                + " x.whl: "
                + failure.getMessage(),
            failure.getCause().getCause());
    assertEquals(hint, Main.defaultIndexHint(hashing, List.of()));
    // Given an index, or none, the user chose: no hint.
    assertEquals("", Main.defaultIndexHint(failure, List.of("--index-url", PipIndexes.PYPI)));
    assertEquals("", Main.defaultIndexHint(failure, List.of("--index-url=" + PipIndexes.PYPI)));
    assertEquals("", Main.defaultIndexHint(failure, List.of("--no-index")));
  }

  @Test
  void anotherIndexOrAPageRefusedHasNoHint() {
    assertEquals("", Main.defaultIndexHint(unreadable("http://127.0.0.1:9/simple"), List.of()));
    // PyPI reached, the project not there: it answered.
    IndexException missing =
        new IndexException("the index page https://pypi.org/simple/nope/ answered HTTP 404");
    assertEquals("", Main.defaultIndexHint(new MkwheelsException("no", missing), List.of()));
    // PyPI reached, its answer not an index page.
    IndexException broken =
        new IndexException(
            "the index page https://pypi.org/simple/x/ is not a valid PEP 691 page: bad",
            new IOException("bad"));
    assertEquals("", Main.defaultIndexHint(new MkwheelsException("no", broken), List.of()));
    assertEquals("", Main.defaultIndexHint(new MkwheelsException("no"), List.of()));
  }
}
