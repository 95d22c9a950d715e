package dev.mkwheels.source.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mkwheels.api.ForgeUrls;
import dev.mkwheels.api.InvalidOptionException;
import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.api.ProviderOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code --gh} options: defaults, the leading-v rule, and what is refused before any request.
 */
class GithubRequestTest {

  static GithubRequest parse(String... pairs) throws InvalidOptionException {
    Map<String, List<String>> values = new HashMap<>();
    values.put("github-api-url", List.of("https://api.github.com"));
    values.put("github-url", List.of("https://github.com"));
    for (int i = 0; i < pairs.length; i += 2) {
      values.put(pairs[i], List.of(pairs[i + 1]));
    }
    return GithubRequest.parse(new ProviderOptions(values));
  }

  static void assertInvalid(String expected, String... pairs) {
    InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> parse(pairs));
    assertEquals(expected, e.getMessage());
    assertEquals(MkwheelsException.USAGE, e.exitCode());
  }

  @Test
  void theNetExecDefaults() throws Exception {
    GithubRequest request = parse("repo", "Pennyw0rth/NetExec", "ver", "v1.5.1");
    assertEquals(
        new GithubRequest(
            "Pennyw0rth",
            "NetExec",
            "netexec",
            "1.5.1",
            "1.5.1",
            "https://api.github.com",
            "https://github.com"),
        request);
  }

  @Test
  void verAndTagEachLoseOneLeadingV() throws Exception {
    assertEquals("1.0", parse("repo", "o/r", "ver", "1.0").version());
    // One 'v' goes, as the README says; a second is refused, not looked up as tag 'vv1.0'.
    assertEquals(
        "--ver 'vv1.0' starts with more than one 'v': give the version, with at most one leading 'v'",
        assertThrows(InvalidOptionException.class, () -> parse("repo", "o/r", "ver", "vv1.0"))
            .getMessage());
    GithubRequest request = parse("repo", "o/r", "ver", "2.0", "tag", "vrelease-2.0");
    assertEquals("2.0", request.version());
    assertEquals("release-2.0", request.tag());
    assertEquals(
        "V2.0", parse("repo", "o/r", "ver", "2.0", "tag", "V2.0").tag(), "tags are case-sensitive");
  }

  @Test
  void nameAndUrlsMayBeGiven() throws Exception {
    GithubRequest request =
        parse(
            "repo",
            "o/r",
            "ver",
            "1",
            "name",
            "my-tool",
            "github-api-url",
            "http://127.0.0.1:8080/api/v3/",
            "github-url",
            "http://127.0.0.1:8080");
    assertEquals("my-tool", request.name());
    assertEquals("http://127.0.0.1:8080/api/v3", request.apiUrl());
    assertEquals("http://127.0.0.1:8080", request.webUrl());
  }

  @Test
  void aRepoThatIsNotOwnerSlashRepoIsAUsageError() {
    for (String repo :
        new String[] {
          "NetExec",
          "a/b/c",
          "/NetExec",
          "owner/",
          "-owner/r",
          "o/..",
          "o/r r",
          "https://github.com/o/r"
        }) {
      assertInvalid(
          "--repo '" + repo + "' is not OWNER/REPO (for example Pennyw0rth/NetExec)",
          "repo",
          repo,
          "ver",
          "1");
    }
  }

  @Test
  void malformedValuesAreUsageErrors() {
    assertInvalid("--ver 'v' is empty once its leading 'v' is removed", "repo", "o/r", "ver", "v");
    assertInvalid(
        "--ver '1.0/../x' is not a version: use letters, digits and . _ + ! - only",
        "repo",
        "o/r",
        "ver",
        "1.0/../x");
    assertInvalid(
        "--tag '1..0' is not a valid git tag name", "repo", "o/r", "ver", "1", "tag", "1..0");
    assertInvalid(
        "--tag 'a b' is not a valid git tag name", "repo", "o/r", "ver", "1", "tag", "a b");
    assertInvalid(
        "--name 'no spaces!' is not a valid project name (PEP 508)",
        "repo",
        "o/r",
        "ver",
        "1",
        "name",
        "no spaces!");
    assertInvalid(
        "the repository name '.github' is not a valid project name; pass --name",
        "repo",
        "o/.github",
        "ver",
        "1");
    assertInvalid(
        "--github-api-url 'ftp://example.com' must be an http(s) URL with a host and no user, query or"
            + " fragment",
        "repo",
        "o/r",
        "ver",
        "1",
        "github-api-url",
        "ftp://example.com");
    assertInvalid(
        "--github-url 'https://user:pw@github.com' must be an http(s) URL with a host and no user, query"
            + " or fragment",
        "repo",
        "o/r",
        "ver",
        "1",
        "github-url",
        "https://user:pw@github.com");
  }

  @Test
  void refsAreEncodedSegmentBySegment() {
    assertEquals("release/1.0%2Bbuild", ForgeUrls.encodeRef("release/1.0+build"));
    assertEquals("a%20b%25", ForgeUrls.encode("a b%"));
  }
}
