package dev.mkwheels.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mkwheels.python.metadata.CoreMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checks and the SBOM parse METADATA's headers without its long description: the headers must
 * come out as a parse of the whole text gives them, whatever the line ends.
 */
class MetadataHeaderBlockTest {
  private static final String HEADERS =
      "Metadata-Version: 2.4\nName: demo\nVersion: 1.0\nSummary: two\n  lines\n"
          + "Classifier: License :: OSI Approved :: MIT License\nRequires-Dist: idna>=3\n";
  private static final String BODY =
      "Name: not-a-header\nVersion: 9\nRequires-Dist: evil\n\n\nmore\r\ntext\rend\n";

  private static void assertSameHeaders(String text) {
    assertEquals(
        CoreMetadata.parse(text).headers(),
        CoreMetadata.parse(WheelCheck.headerBlock(text)).headers(),
        () -> "headers of " + text.replace("\r", "\\r").replace("\n", "\\n"));
  }

  @Test
  void theHeadersAreTheWholeTextsWhateverTheLineEnds() {
    for (String end : List.of("\n", "\r\n", "\r")) {
      String text = (HEADERS + "\n" + BODY).replace("\n", end);
      assertSameHeaders(text);
      assertEquals(CoreMetadata.parse(text).name().orElseThrow(), "demo");
    }
    assertSameHeaders("Name: demo\r\n\r\n" + BODY);
    assertSameHeaders("Name: demo\n\r" + BODY); // LF, then a CR that is an empty line
    assertSameHeaders("Name: demo\r\n\n" + BODY); // CRLF, then an empty LF line
  }

  @Test
  void aTextWithoutAnEmptyLineIsKeptWholeAndABodyOnlyTextHasNoHeaders() {
    assertEquals(HEADERS, WheelCheck.headerBlock(HEADERS));
    assertSameHeaders(HEADERS);
    assertSameHeaders("\n" + HEADERS);
    assertSameHeaders("not a header line\n" + HEADERS + "\n" + BODY);
    assertEquals("Name: demo\n\n", WheelCheck.headerBlock("Name: demo\n\n" + BODY));
  }
}
