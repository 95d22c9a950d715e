package dev.mkwheels.python.metadata;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code email.feedparser} for a header block under the compat32 policy: lines end at CR,
 * LF or CRLF; a line starting with space or tab continues the previous header (its line break
 * kept); the first line that is neither a header nor a continuation ends the headers (an empty line
 * is dropped, any other line starts the body).
 */
final class HeaderParser {
  private HeaderParser() {}

  /**
   * Whether {@code line} belongs to the header block, as the feed parser's {@code ^(From
   * |[\x21-\x39\x3b-\x7e]*:|[\t ])} says: a mailbox {@code From } line, printable ASCII but a colon
   * up to a colon, or a continuation.
   */
  static boolean isHeaderLine(String line) {
    if (line.startsWith("From ") || line.startsWith(" ") || line.startsWith("\t")) {
      return true;
    }
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == ':') {
        return true;
      }
      if (c < '\u0021' || c > '\u007e') {
        return false;
      }
    }
    return false;
  }

  static CoreMetadata parse(String text) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    String name = null;
    StringBuilder value = null;
    int start = 0;
    while (start < text.length()) {
      int end = lineEnd(text, start);
      String line = text.substring(start, end);
      if (!isHeaderLine(line)) {
        if (stripEnd(line).isEmpty()) {
          start = end;
        }
        break;
      }
      start = end;
      if (line.startsWith(" ") || line.startsWith("\t")) {
        if (value != null) {
          value.append(line);
        }
        continue;
      }
      if (name != null) {
        headers.add(entry(name, value));
      }
      name = null;
      value = null;
      int colon = line.indexOf(':');
      if (line.startsWith("From ") || colon == 0) {
        continue; // a mailbox "From " line or a nameless header: dropped, as Python drops them
      }
      name = line.substring(0, colon);
      value = new StringBuilder(stripLeading(line.substring(colon + 1)));
    }
    if (name != null) {
      headers.add(entry(name, value));
    }
    // The body is the rest as it is: only the headers are cut into lines (a long description was
    // most of the work, for nothing).
    return new CoreMetadata(headers, text.substring(start));
  }

  private static Map.Entry<String, String> entry(String name, StringBuilder value) {
    return new SimpleImmutableEntry<>(name, stripEnd(value.toString()));
  }

  /** Where the line starting at {@code start} ends: after its CR, LF or CRLF, or at the end. */
  private static int lineEnd(String text, int start) {
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        return i + 1;
      }
      if (c == '\r') {
        return i + 1 < text.length() && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
      }
    }
    return text.length();
  }

  private static String stripLeading(String s) {
    int i = 0;
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return s.substring(i);
  }

  private static String stripEnd(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\r' || s.charAt(end - 1) == '\n')) {
      end--;
    }
    return s.substring(0, end);
  }
}
