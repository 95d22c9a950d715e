package dev.mkwheels.python.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PylockTextTest {
  @Test
  void escapesWhatATomlBasicStringCannotHold() {
    assertEquals("\"plain\"", PylockText.string("plain"));
    assertEquals("\"a\\\"b\\\\c\"", PylockText.string("a\"b\\c"));
    assertEquals("\"\\n\\t\\r\\u0000\\u001B\\u007F\"", PylockText.string("\n\t\r\0\u001b\u007f"));
    assertEquals("\"café ✓\"", PylockText.string("café ✓"));
  }

  @Test
  void writesTimesInUtcWithMicroseconds() {
    assertEquals(
        "2023-11-14T22:13:20.000000Z", PylockText.time(Instant.ofEpochSecond(1_700_000_000)));
    assertEquals(
        "1970-01-01T00:00:00.123456Z", PylockText.time(Instant.ofEpochSecond(0, 123_456_789)));
  }

  @Test
  void writesAKeyLine() {
    StringBuilder out = new StringBuilder();
    PylockText.key(out, "name", "x\"y");
    assertEquals("name = \"x\\\"y\"\n", out.toString());
  }
}
