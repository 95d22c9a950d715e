package dev.mkwheels.cli;

import static dev.mkwheels.cli.MainTest.assertUsageError;
import static dev.mkwheels.cli.MainTest.run;

import org.junit.jupiter.api.Test;

/**
 * {@code --gh} usage errors as a user meets them: exit 2, one line, before any request (the URLs
 * point at a port nothing listens on, so a request would fail differently).
 */
class GithubUsageTest {
  static final String[] OFFLINE = {
    "--github-api-url",
    "http://127.0.0.1:9/api",
    "--github-url",
    "http://127.0.0.1:9",
    "--epoch",
    "0"
  };

  static String[] gh(String... args) {
    String[] all = new String[1 + args.length + OFFLINE.length];
    all[0] = "--gh";
    System.arraycopy(args, 0, all, 1, args.length);
    System.arraycopy(OFFLINE, 0, all, 1 + args.length, OFFLINE.length);
    return all;
  }

  @Test
  void aRepoWithoutASlashIsAUsageError() {
    assertUsageError(
        run(gh("--repo", "NetExec", "--ver", "1.5.1")),
        "mkwheels: --repo 'NetExec' is not OWNER/REPO (for example Pennyw0rth/NetExec)");
  }

  @Test
  void aRepoWithTooManySlashesIsAUsageError() {
    assertUsageError(
        run(gh("--repo", "github.com/Pennyw0rth/NetExec", "--ver", "1.5.1")), "is not OWNER/REPO");
  }

  @Test
  void aVersionThatIsOnlyAVIsAUsageError() {
    assertUsageError(
        run(gh("--repo", "o/r", "--ver", "v")),
        "--ver 'v' is empty once its leading 'v' is removed");
  }

  @Test
  void aVersionWithTwoLeadingVsIsAUsageError() {
    assertUsageError(
        run(gh("--repo", "o/r", "--ver", "vv1.0")),
        "--ver 'vv1.0' starts with more than one 'v': give the version, with at most one leading 'v'");
  }

  @Test
  void aMalformedTagIsAUsageError() {
    assertUsageError(
        run(gh("--repo", "o/r", "--ver", "1", "--tag", "a..b")),
        "--tag 'a..b' is not a valid git tag name");
  }

  @Test
  void aMalformedGithubUrlIsAUsageError() {
    assertUsageError(
        run("--gh", "--repo", "o/r", "--ver", "1", "--github-api-url", "not a url"),
        "--github-api-url 'not a url' is not a URL");
  }
}
