package dev.mkwheels.rebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The link scan that finds a file by name on a project page. */
class LinkPageTest {
  @Test
  void linksAreResolvedAgainstThePageWithoutFragmentsAndNamedByTheirDecodedLastSegment() {
    String html =
        "<html><body>\n"
            + "<a href=\"../../files/a-1.0-py3-none-any.whl#sha256=00\">a</a>\n"
            + "<A data-requires-python=\"&gt;=3\" HREF='https://cdn.example/b/b-1.0.tar.gz'>b</A>\n"
            + "<a href=\"c%2B1-1.0.zip?x=1&amp;y=2\">c</a>\n"
            + "<a href=\"sub/\">a directory</a>\n"
            + "<a href=\"../../files/a-1.0-py3-none-any.whl\">again</a>\n"
            + "</body></html>\n";
    Map<String, URI> links = LinkPage.links(URI.create("http://h:1/simple/a/"), html);
    assertEquals(
        Map.of(
            "a-1.0-py3-none-any.whl",
            URI.create("http://h:1/files/a-1.0-py3-none-any.whl"),
            "b-1.0.tar.gz",
            URI.create("https://cdn.example/b/b-1.0.tar.gz"),
            "c+1-1.0.zip",
            URI.create("http://h:1/simple/a/c%2B1-1.0.zip?x=1&y=2")),
        links);
  }
}
