package dev.mkwheels.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mkwheels.packaging.PackResult;
import dev.mkwheels.python.name.ProjectName;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints a packed artifact on stdout, for {@code mkwheels pack} and every mode: {@code key: value}
 * lines (tarball, epoch, md5, sha256, size, distributions, then the extra fields sorted by key; a
 * list is one line per item), or with {@code --json} one JSON object with sorted keys on one line.
 */
final class ResultPrinter {
  private final PrintStream out;

  ResultPrinter(PrintStream out) {
    this.out = requireNonNull(out, "out is null");
  }

  void print(PackResult result, boolean json) {
    print(result, json, Map.of());
  }

  /**
   * Prints {@code result} and {@code extra} (for example a mode's {@code epoch-origin}); extra
   * values are strings, numbers, booleans or lists of them, and their keys must not repeat the
   * standard ones.
   */
  void print(PackResult result, boolean json, Map<String, ?> extra) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("tarball", result.tarball().toString());
    fields.put("epoch", result.epoch());
    fields.put("md5", result.md5());
    fields.put("sha256", result.sha256());
    fields.put("size", result.size());
    fields.put("distributions", result.distributions());
    for (Map.Entry<String, ?> field : new TreeMap<>(extra).entrySet()) {
      if (fields.containsKey(field.getKey())) {
        throw new IllegalArgumentException("extra field repeats a standard one: " + field.getKey());
      }
      fields.put(field.getKey(), requireNonNull(field.getValue(), field.getKey() + " is null"));
    }
    if (json) {
      out.print(toJson(new TreeMap<>(fields)) + "\n");
    } else {
      StringBuilder text = new StringBuilder();
      fields.forEach(
          (key, value) -> {
            // A list is one line per item, each under its key, so the text stays greppable.
            for (Object item : value instanceof List<?> list ? list : List.of(value)) {
              String shown = TerminalText.line(String.valueOf(item));
              text.append(key).append(": ").append(shown).append('\n');
            }
          });
      out.print(text);
    }
    out.flush();
  }

  /**
   * Adds {@code name-normalized} to a summary when the artifact is named after another spelling of
   * {@code name}: the packer uses the PEP 503 normalized name.
   */
  static void noteNormalizedName(Map<String, Object> fields, String name) {
    String normalized = ProjectName.normalize(name);
    if (!normalized.equals(name)) {
      fields.put(
          "name-normalized",
          "'" + name + "' is '" + normalized + "' (PEP 503), in the file name and the tarball");
    }
  }

  private static String toJson(Map<String, Object> fields) {
    try {
      return new ObjectMapper()
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          .writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the result as JSON: " + e.getMessage(), e);
    }
  }
}
