package dev.mkwheels.packaging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The SBOM's JSON: a tree of {@link Map}s, {@link List}s, strings, numbers and booleans, written
 * with every object's keys in order, two-space indent, {@code " : "} between a key and its value
 * and {@code "\n"} line ends, through Jackson's streaming generator (no data binding, so a cold JVM
 * builds no serializers). JSON {@code null} never appears: CycloneDX allows it nowhere.
 */
final class SbomJson {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final Pattern SPACES = Pattern.compile(" +");

  private SbomJson() {}

  /** The tree's text, ending in a newline. */
  static String write(Object tree) {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
    printer.indentArraysWith(new DefaultIndenter("  ", "\n"));
    StringWriter text = new StringWriter();
    try (JsonGenerator out = FACTORY.createGenerator(text)) {
      out.setPrettyPrinter(printer);
      write(out, tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return text.append('\n').toString();
  }

  private static void write(JsonGenerator out, Object value) throws IOException {
    if (value instanceof Map<?, ?> map) {
      out.writeStartObject();
      for (Map.Entry<String, Object> entry : sorted(map).entrySet()) {
        out.writeFieldName(entry.getKey());
        write(out, entry.getValue());
      }
      out.writeEndObject();
    } else if (value instanceof List<?> list) {
      out.writeStartArray();
      for (Object item : list) {
        write(out, item);
      }
      out.writeEndArray();
    } else if (value instanceof String text) {
      out.writeString(flattened(text));
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      out.writeNumber(((Number) value).longValue());
    } else if (value instanceof BigInteger number) {
      out.writeNumber(number);
    } else if (value instanceof BigDecimal number) {
      out.writeNumber(number);
    } else if (value instanceof Double || value instanceof Float) {
      out.writeNumber(((Number) value).doubleValue());
    } else if (value instanceof Boolean bool) {
      out.writeBoolean(bool);
    } else {
      throw new IllegalArgumentException(
          "not a JSON value: " + (value == null ? "null" : value.getClass().getName()));
    }
  }

  /**
   * The text as cyclonedx-core-java's generator wrote every string of the SBOMs up to wave 7, so
   * that the bytes did not change when mkwheels stopped using it: trimmed, each line break and tab
   * a space, each run of spaces one.
   */
  static String flattened(String text) {
    if (!needsFlattening(text)) {
      return text;
    }
    return SPACES
        .matcher(
            text.trim()
                .replace("\r\n", " ")
                .replace("\n", " ")
                .replace("\t", " ")
                .replace("\r", " "))
        .replaceAll(" ");
  }

  private static boolean needsFlattening(String text) {
    if (text.isEmpty()) {
      return false;
    }
    if (text.charAt(0) <= ' ' || text.charAt(text.length() - 1) <= ' ') {
      return true;
    }
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' || c == '\n' || c == '\t' || c == ' ' && text.charAt(i - 1) == ' ') {
        return true;
      }
    }
    return false;
  }

  private static TreeMap<String, Object> sorted(Map<?, ?> map) {
    TreeMap<String, Object> sorted = new TreeMap<>();
    map.forEach((key, value) -> sorted.put((String) key, value));
    return sorted;
  }

  /**
   * A parsed JSON value as such a tree, with every {@code null} (a value, an array item or an
   * object's member) left out; a number keeps the type Jackson read it as (int, long, big integer,
   * double), so it is written as cyclonedx-core-java's model wrote its numbers.
   */
  static Object fromNode(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (!field.getValue().isNull()) {
          map.put(field.getKey(), fromNode(field.getValue()));
        }
      }
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      for (JsonNode item : node) {
        if (!item.isNull()) {
          list.add(fromNode(item));
        }
      }
      return list;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isNumber()) {
      return node.numberValue(); // 0.8 stays 0.8 and 1e-5 is written as a double, 1.0E-5
    }
    throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
  }
}
