package dev.mkwheels.pip;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the interpreter printed for {@link InterpreterProbe#SCRIPT} (or {@link HostTarget#SCRIPT}),
 * read as JSON but not yet checked: the fields it has, each null when missing or of another kind.
 *
 * <p>Read with jackson-core's streaming parser, not databind's tree: a remembered answer is read
 * while the caller waits for it, and making the first {@code ObjectMapper} took 50 to 80 ms of a
 * cold JVM (300 ms without class data sharing) where a {@link JsonFactory} takes a few.
 *
 * @param pip what {@code pip --version} prints
 * @param config pip's configuration, {@code section.key} to its text (a value that is not a text as
 *     its JSON)
 * @param tags the tags, most preferred first
 * @param environment the marker environment's texts (a value that is not a text is left out)
 * @param witness the witness line ({@link InterpreterProbe#WITNESS})
 */
record ProbeAnswer(
    String pip,
    Map<String, String> config,
    List<String> tags,
    Map<String, String> environment,
    String witness) {

  /** Parsers and generators, made once (thread-safe once configured). */
  static final JsonFactory JSON = new JsonFactory();

  /**
   * The fields of the JSON object {@code json}; a field given twice is the last one.
   *
   * @throws IllegalArgumentException (one line) when {@code json} does not start with JSON, or a
   *     tag is not a text
   */
  static ProbeAnswer read(String json) {
    String pip = null;
    Map<String, String> config = null;
    List<String> tags = null;
    Map<String, String> environment = null;
    String witness = null;
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          JsonToken value = parser.nextToken();
          switch (name) {
            case "pip" -> pip = value == JsonToken.VALUE_STRING ? parser.getText() : null;
            case "witness" -> witness = value == JsonToken.VALUE_STRING ? parser.getText() : null;
            case "config" -> config = value == JsonToken.START_OBJECT ? config(parser) : null;
            case "environment" ->
                environment = value == JsonToken.START_OBJECT ? texts(parser) : null;
            case "tags" -> tags = value == JsonToken.START_ARRAY ? tags(parser) : null;
            default -> {
              // not this answer's
            }
          }
          parser.skipChildren(); // a field not read, or of another kind
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + HostTarget.firstLine(json));
    }
    return new ProbeAnswer(pip, config, tags, environment, witness);
  }

  /** The names of the files in a witness line ({@code files}' first items); null without them. */
  static List<String> witnessedFiles(String witness) {
    try (JsonParser parser = JSON.createParser(witness)) {
      List<String> files = null;
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        boolean named = parser.currentName().equals("files");
        if (parser.nextToken() != JsonToken.START_ARRAY || !named) {
          parser.skipChildren();
          continue;
        }
        files = new ArrayList<>();
        while (parser.nextToken() == JsonToken.START_ARRAY) {
          if (parser.nextToken() != JsonToken.VALUE_STRING) {
            return null;
          }
          files.add(parser.getText());
          for (JsonToken item = parser.nextToken();
              item != JsonToken.END_ARRAY;
              item = parser.nextToken()) {
            if (item == null) {
              return null;
            }
            parser.skipChildren();
          }
        }
        if (parser.currentToken() != JsonToken.END_ARRAY) {
          return null; // an item that is not a [name, stat] pair
        }
      }
      return files == null ? null : List.copyOf(files);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static Map<String, String> config(JsonParser parser) throws IOException {
    Map<String, String> config = new TreeMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      // pip keeps every value as the text it read; anything else is kept as its JSON.
      config.put(
          key, parser.nextToken() == JsonToken.VALUE_STRING ? parser.getText() : asJson(parser));
    }
    return Collections.unmodifiableMap(config);
  }

  /**
   * The fields of the object whose start the parser is at that are texts, to the end of that
   * object; a field given twice is the last one, so one whose last value is not a text is left out
   * (as databind's tree had it).
   */
  static Map<String, String> texts(JsonParser parser) throws IOException {
    Map<String, String> texts = new TreeMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      if (parser.nextToken() == JsonToken.VALUE_STRING) {
        texts.put(key, parser.getText());
      } else {
        texts.remove(key);
        parser.skipChildren();
      }
    }
    return Collections.unmodifiableMap(texts);
  }

  private static List<String> tags(JsonParser parser) throws IOException {
    List<String> tags = new ArrayList<>();
    for (JsonToken item = parser.nextToken();
        item != JsonToken.END_ARRAY;
        item = parser.nextToken()) {
      if (item != JsonToken.VALUE_STRING) {
        throw new IllegalArgumentException(
            "a tag that is not a text: " + (item == null ? "the end" : asJson(parser)));
      }
      tags.add(parser.getText());
    }
    return Collections.unmodifiableList(tags);
  }

  /** The value at the parser, compact, as JSON. */
  private static String asJson(JsonParser parser) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator generator = JSON.createGenerator(text)) {
      generator.copyCurrentStructure(parser);
    }
    return text.toString();
  }
}
