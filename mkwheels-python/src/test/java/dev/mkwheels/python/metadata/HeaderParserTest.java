package dev.mkwheels.python.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which lines the header block holds, as Python's feed parser decides it. */
class HeaderParserTest {
  @Test
  void headersContinuationsAndMailboxLinesBelongToTheHeaders() {
    assertTrue(HeaderParser.isHeaderLine("Name: demo"));
    assertTrue(HeaderParser.isHeaderLine("X-Odd~Name!: value"));
    assertTrue(HeaderParser.isHeaderLine(": no name"));
    assertTrue(HeaderParser.isHeaderLine(" continued"));
    assertTrue(HeaderParser.isHeaderLine("\tcontinued"));
    assertTrue(HeaderParser.isHeaderLine("From someone"));
    assertTrue(HeaderParser.isHeaderLine("From: a header named From"));
  }

  @Test
  void anyOtherLineEndsThem() {
    assertFalse(HeaderParser.isHeaderLine(""));
    assertFalse(HeaderParser.isHeaderLine("no colon at all"));
    assertFalse(HeaderParser.isHeaderLine("Two Words: a space before the colon"));
    assertFalse(HeaderParser.isHeaderLine("Naïve: not ASCII"));
  }

  @Test
  void aTabContinuationKeepsItsLineBreakInTheValue() {
    CoreMetadata m = CoreMetadata.parse("Name: demo\nSummary: one\n\ttwo\n\nbody\n");
    assertEquals("one\n\ttwo", m.get("Summary").orElseThrow());
    assertEquals("body\n", m.body());
  }
}
