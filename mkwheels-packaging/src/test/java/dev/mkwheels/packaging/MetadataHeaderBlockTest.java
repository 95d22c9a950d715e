package dev.mkwheels.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mkwheels.python.metadata.CoreMetadata;
import java.nio.charset.StandardCharsets;
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

  /** What the checks parse: the bytes up to the cut, decoded. */
  private static String headerBlock(byte[] bytes) {
    return new String(bytes, 0, WheelCheck.headerBlock(bytes), StandardCharsets.UTF_8);
  }

  private static String headerBlock(String text) {
    return headerBlock(text.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertSameHeaders(byte[] bytes) {
    assertEquals(
        CoreMetadata.parse(new String(bytes, StandardCharsets.UTF_8)).headers(),
        CoreMetadata.parse(headerBlock(bytes)).headers(),
        () -> "headers of " + new String(bytes, StandardCharsets.ISO_8859_1));
  }

  private static void assertSameHeaders(String text) {
    assertSameHeaders(text.getBytes(StandardCharsets.UTF_8));
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
    assertEquals(HEADERS, headerBlock(HEADERS));
    assertSameHeaders(HEADERS);
    assertSameHeaders("\n" + HEADERS);
    assertSameHeaders("not a header line\n" + HEADERS + "\n" + BODY);
    assertEquals("Name: demo\n\n", headerBlock("Name: demo\n\n" + BODY));
  }

  @Test
  void multiByteCharactersAndBrokenUtf8BeforeTheCutDecodeAsInTheWholeText() {
    assertSameHeaders("Name: d\u00e9mo\nAuthor: \u5f20\u4e09 \ud83d\ude00\n\n\u00e9" + BODY);
    byte[] broken = {'N', 'a', 'm', 'e', ':', ' ', 'x', (byte) 0xe2, (byte) 0x82, '\n', '\n', 'y'};
    assertSameHeaders(broken);
    assertEquals("Name: x\ufffd\n\n", headerBlock(broken));
  }
}
