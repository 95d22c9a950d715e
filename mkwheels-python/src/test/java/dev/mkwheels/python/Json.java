package dev.mkwheels.python;

import java.util.Collection;

/** Writes values as Python's {@code json.dumps(v, separators=(",", ":"))} does, byte for byte. */
public final class Json {
  private Json() {}

  /** Strings, booleans, integers, null and collections of them. */
  public static String write(Object value) {
    StringBuilder s = new StringBuilder();
    write(s, value);
    return s.toString();
  }

  private static void write(StringBuilder s, Object value) {
    if (value == null) {
      s.append("null");
    } else if (value instanceof Boolean || value instanceof Number) {
      s.append(value);
    } else if (value instanceof Collection<?> list) {
      s.append('[');
      boolean first = true;
      for (Object item : list) {
        if (!first) {
          s.append(',');
        }
        first = false;
        write(s, item);
      }
      s.append(']');
    } else {
      string(s, value.toString());
    }
  }

  private static void string(StringBuilder s, String text) {
    s.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\r' -> s.append("\\r");
        case '\t' -> s.append("\\t");
        case '\b' -> s.append("\\b");
        case '\f' -> s.append("\\f");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            s.append(String.format("\\u%04x", (int) c));
          } else {
            s.append(c);
          }
        }
      }
    }
    s.append('"');
  }
}
