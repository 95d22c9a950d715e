package dev.mkwheels.python.index;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/** A PEP 691 project page (with PEP 700's {@code versions}, {@code size}, {@code upload-time}). */
final class JsonPage {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** What a JSON page gives: its files and its versions. */
  record Parsed(List<IndexFile> files, List<String> versions) {}

  private JsonPage() {}

  /**
   * @throws IllegalArgumentException saying what is wrong, when the text is not a PEP 691 page
   */
  static Parsed parse(byte[] body, URI page) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "not valid JSON (line " + e.getLocation().getLineNr() + ")", e);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not valid JSON", e);
    }
    if (root == null || !root.isObject() || !root.path("files").isArray()) {
      throw new IllegalArgumentException("not a PEP 691 project page (no files list)");
    }
    List<IndexFile> files = new ArrayList<>();
    for (JsonNode file : root.path("files")) {
      files.add(file(file, page));
    }
    List<String> versions = new ArrayList<>();
    root.path("versions").forEach(v -> versions.add(v.asText()));
    return new Parsed(files, versions);
  }

  private static IndexFile file(JsonNode file, URI page) {
    String name = text(file, "filename");
    URI url = Links.resolve(page, text(file, "url"));
    if (url == null) {
      throw new IllegalArgumentException("the URL of " + name + " is not a URL");
    }
    url = Links.withoutFragment(url);
    JsonNode yanked = file.path("yanked");
    boolean isYanked = yanked.isTextual() || yanked.asBoolean(false);
    JsonNode metadata = file.path("core-metadata");
    if (metadata.isMissingNode() || metadata.isNull()) {
      metadata = file.path("dist-info-metadata");
    }
    Optional<IndexFile.MetadataFile> metadataFile =
        metadata.isObject() || metadata.asBoolean(false)
            ? Optional.of(new IndexFile.MetadataFile(Links.metadataUrl(url), hashes(metadata)))
            : Optional.empty();
    JsonNode size = file.path("size");
    return new IndexFile(
        name,
        url,
        hashes(file.path("hashes")),
        file.path("requires-python").isTextual()
            ? Optional.of(file.path("requires-python").asText()).filter(s -> !s.isBlank())
            : Optional.empty(),
        isYanked,
        yanked.isTextual()
            ? Optional.of(yanked.asText()).filter(s -> !s.isBlank())
            : Optional.empty(),
        metadataFile,
        uploadTime(file.path("upload-time"), name),
        size.canConvertToLong() && size.isIntegralNumber()
            ? OptionalLong.of(size.asLong())
            : OptionalLong.empty());
  }

  private static String text(JsonNode file, String field) {
    JsonNode value = file.path(field);
    if (!value.isTextual() || value.asText().isEmpty()) {
      throw new IllegalArgumentException("a file has no " + field);
    }
    return value.asText();
  }

  private static Map<String, String> hashes(JsonNode node) {
    Map<String, String> hashes = new TreeMap<>();
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              e -> {
                if (e.getValue().isTextual()) {
                  hashes.put(
                      e.getKey().toLowerCase(Locale.ROOT),
                      e.getValue().asText().toLowerCase(Locale.ROOT));
                }
              });
    }
    return hashes;
  }

  private static Optional<Instant> uploadTime(JsonNode node, String name) {
    if (!node.isTextual()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(node.asText()));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "the upload-time of " + name + " is not an ISO 8601 time: " + node.asText(), e);
    }
  }
}
