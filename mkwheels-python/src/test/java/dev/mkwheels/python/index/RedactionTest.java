package dev.mkwheels.python.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every form in which a credential reaches output, and what is shown instead. Each row is one call:
 * the method, its input and what it must answer.
 */
class RedactionTest {

  @ParameterizedTest(name = "{0}({1})")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        // mask: free text, anywhere in it
        "mask | https://user:tok@host/simple | https://****@host/simple",
        "mask | https://tok@host/simple | https://****@host/simple",
        "mask | cannot read https://u:p@a/x and git+ssh://git:pw@b/y | "
            + "cannot read https://****@a/x and git+ssh://****@b/y",
        "mask | user:pw@host/simple | ****@host/simple",
        "mask | --index-url=user:pw@host | --index-url=****@host",
        "mask | `'user:pw@host'` | `'****@host'`",
        "mask | https://host/simple | https://host/simple",
        "mask | mail me at a@b.c | mail me at a@b.c",
        "mask | /srv/pkg@1.0 | /srv/pkg@1.0",
        // describe: scheme, host, port and path only
        "describe | https://u:t@host:8443/simple/?token=x#frag | https://host:8443/simple/",
        "describe | https://api.github.com/repos/o/r?access_token=t | "
            + "https://api.github.com/repos/o/r",
        "describe | http://[::1]:8080/simple | http://[::1]:8080/simple",
        "describe | http://u:p@my_host:8080/x | http://my_host:8080/x",
        "describe | file:///srv/wheels | file:///srv/wheels",
        "describe | https://host | https://host",
        "describe | host/simple?token=x | host/simple",
        "describe | user:pw@host/simple | ****@host/simple",
        "describe | https://u:p@host/a b?t=x | https://****@host/a b",
        // withoutUserInfo: what is recorded
        "withoutUserInfo | https://ghp_token@host/x.git | https://host/x.git",
        "withoutUserInfo | https://user:****@host/x.git | https://host/x.git",
        "withoutUserInfo | HTTPS://user:pw@host/x.git | HTTPS://host/x.git",
        "withoutUserInfo | ssh://git@host/x.git | ssh://git@host/x.git",
        "withoutUserInfo | ssh://git:pw@host/x.git | ssh://git@host/x.git",
        "withoutUserInfo | file://localhost/srv/x | file://localhost/srv/x",
      })
  void showsNoCredential(String method, String input, String shown) {
    String answer =
        switch (method) {
          case "mask" -> Redaction.mask(input);
          case "describe" -> Redaction.describe(input);
          case "withoutUserInfo" -> Redaction.withoutUserInfo(input);
          default -> throw new AssertionError(method);
        };
    assertEquals(shown, answer);
    if (method.equals("describe")) {
      try {
        assertEquals(shown, Redaction.describe(URI.create(input)), "as a URI");
      } catch (IllegalArgumentException notAUri) {
        // only the text form takes it
      }
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--index-url https://u:p@host/simple --extra-index-url=https://t@x/y pkg | "
            + "--index-url https://****@host/simple --extra-index-url=https://****@x/y pkg",
        "-i user:pw@host/simple pkg==1.0 | -i ****@host/simple pkg==1.0",
      })
  void masksEveryArgumentOfACommandLine(String argv, String shown) {
    assertEquals(
        List.of(shown.split(" ")), Redaction.argv(List.of(argv.split(" "))), "argv " + argv);
  }

  @org.junit.jupiter.api.Test
  void aFailureNamesItsUrlOnce() {
    URI page = URI.create("https://u:p@host/simple/six/?q=1");
    assertEquals(
        "connection refused",
        Redaction.reason(page, "https://host/simple/six/: connection refused"));
    assertEquals(
        "https://other/x: more than 5 redirects",
        Redaction.reason(page, "https://other/x: more than 5 redirects"),
        "another URL stays");
    assertEquals(
        "https://****@h/x: timed out", Redaction.reason(page, "https://a:b@h/x: timed out"));
  }
}
