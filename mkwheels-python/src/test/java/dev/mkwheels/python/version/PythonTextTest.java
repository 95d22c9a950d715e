package dev.mkwheels.python.version;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The white space loop against the class the version and specifier patterns use. */
class PythonTextTest {
  @Test
  void theLoopKnowsTheSameWhiteSpaceAsThePatterns() {
    Pattern space = Pattern.compile("[" + PythonText.SPACE + "]");
    List<String> disagreements = new ArrayList<>();
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      if (space.matcher(String.valueOf(c)).matches() != PythonText.isSpace(c)) {
        disagreements.add(String.format("U+%04X", (int) c));
      }
    }
    assertEquals(List.of(), disagreements);
  }

  @Test
  void stripTakesWhiteSpaceFromBothEndsOnly() {
    assertEquals("1.0", PythonText.strip("\t 1.0\u3000\n"));
    assertEquals("a \u2028 b", PythonText.strip("\u0085a \u2028 b\u00a0"));
    assertEquals("", PythonText.strip(" \u001c\r\n"));
    assertEquals("x", PythonText.strip("x"));
    assertEquals("\u200bx", PythonText.strip("\u200bx")); // a zero width space is not white space
  }
}
