package dev.mkwheels.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ForgeUrlsTest {
  @Test
  void encodesAllButTheUnreservedCharactersOfAPathSegment() {
    assertEquals("a%20b%25", ForgeUrls.encode("a b%"));
    assertEquals("group%2Fsub%2Fapp", ForgeUrls.encode("group/sub/app"));
    assertEquals("Av1.0-rc_1~xZ", ForgeUrls.encode("Av1.0-rc_1~xZ"));
    assertEquals("%2A%2B%3F%23", ForgeUrls.encode("*+?#"));
    assertEquals("caf%C3%A9", ForgeUrls.encode("café"));
  }

  @Test
  void keepsTheSlashesOfARef() {
    assertEquals("release/1.0%2Bbuild", ForgeUrls.encodeRef("release/1.0+build"));
    assertEquals("v1", ForgeUrls.encodeRef("v1"));
    assertEquals("a//b/", ForgeUrls.encodeRef("a//b/"));
  }

  @Test
  void takesAnHttpBaseUrlWithoutItsTrailingSlashes() throws Exception {
    assertEquals(
        URI.create("https://git.example.org/forge"),
        ForgeUrls.baseUrl(" https://git.example.org/forge// ", "--forge-url"));
    assertEquals(
        URI.create("http://127.0.0.1:8080"), ForgeUrls.baseUrl("http://127.0.0.1:8080/", "--x"));
  }

  @Test
  void refusesABaseUrlThatCouldCarryACredentialOrIsNotHttp() {
    for (String bad :
        new String[] {
          "ftp://example.com", "https://user:pw@example.com", "https://example.com/?q=1",
          "https://example.com/#top", "example.com", "file:///tmp"
        }) {
      InvalidOptionException e =
          assertThrows(InvalidOptionException.class, () -> ForgeUrls.baseUrl(bad, "--forge-url"));
      assertEquals(
          "--forge-url '"
              + bad
              + "' must be an http(s) URL with a host and no user, query or fragment",
          e.getMessage());
    }
    InvalidOptionException e =
        assertThrows(
            InvalidOptionException.class, () -> ForgeUrls.baseUrl("https://a b", "--forge-url"));
    assertEquals(
        "--forge-url 'https://a b' is not a URL: Illegal character in authority", e.getMessage());
  }

  @Test
  void describesAUrlWithoutUserQueryOrFragment() {
    assertEquals(
        "https://example.com:8443/api/v4/projects/a%2Fb",
        ForgeUrls.describe(URI.create("https://tok@example.com:8443/api/v4/projects/a%2Fb?x=1#f")));
  }
}
