package dev.mkwheels.python.lock;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The TOML values a PEP 751 {@code pylock.toml} is written with, one fixed spelling each, so that
 * every writer of one (the artifact's, {@code lock --format pylock}'s) gives the same bytes for the
 * same values. The writers are small fixed-format serializers rather than Jackson's TOML generator,
 * which writes arrays of tables as one-line inline arrays ({@code packages = [{...}]}), not the
 * {@code [[packages]]} tables PEP 751 shows.
 */
public final class PylockText {
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private PylockText() {}

  /** A TOML basic string: quotes, backslashes and control characters escaped. */
  public static String string(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** A TOML offset date-time in UTC with microseconds, as PEP 751's examples write it. */
  public static String time(Instant instant) {
    return UTC.format(instant);
  }

  /** Appends the line {@code upload-time = TIME}, the time as {@link #time} writes it. */
  public static void uploadTime(StringBuilder out, Instant instant) {
    out.append("upload-time = ").append(time(instant)).append('\n');
  }

  /** Appends the line {@code hashes = {sha256 = "HEX"}}. */
  public static void sha256(StringBuilder out, String hex) {
    out.append("hashes = {sha256 = ").append(string(hex)).append("}\n");
  }

  /** Appends the line {@code key = "value"}. */
  public static void key(StringBuilder out, String key, String value) {
    out.append(key).append(" = ").append(string(value)).append('\n');
  }
}
