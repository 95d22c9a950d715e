package dev.mkwheels.ci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.TreeSet;

/** JSON on Jackson's tree model: reading answers, and writing output with sorted keys and "\n". */
final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  private static final ObjectWriter WRITER =
      MAPPER.writer(
          new DefaultPrettyPrinter()
              .withObjectIndenter(new DefaultIndenter("  ", "\n"))
              .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /**
   * @param what names the document in the error, for example {@code OSV's answer to querybatch}
   */
  static JsonNode parse(byte[] body, String what) throws CiException {
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new CiException(what + " is empty");
      }
      return node;
    } catch (IOException e) {
      throw new CiException(what + " is not valid JSON", e);
    }
  }

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree always serializes", e);
    }
  }

  /** Pretty-printed, object keys sorted, "\n" line ends, a final newline. */
  static String pretty(JsonNode node) {
    try {
      return WRITER.writeValueAsString(sorted(node)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree always serializes", e);
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = MAPPER.createObjectNode();
      TreeSet<String> names = new TreeSet<>();
      node.fieldNames().forEachRemaining(names::add);
      names.forEach(n -> copy.set(n, sorted(node.get(n))));
      return copy;
    }
    if (node.isArray()) {
      var copy = MAPPER.createArrayNode();
      node.forEach(e -> copy.add(sorted(e)));
      return copy;
    }
    return node;
  }
}
