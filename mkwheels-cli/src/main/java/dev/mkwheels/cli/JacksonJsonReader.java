package dev.mkwheels.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mkwheels.api.JsonReader;
import jakarta.inject.Inject;
import java.io.IOException;

/** {@link JsonReader} on Jackson: objects become insertion-ordered maps. */
final class JacksonJsonReader implements JsonReader {
  private final ObjectMapper mapper;

  @Inject
  JacksonJsonReader(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public Object parse(String json) throws IOException {
    return mapper.readValue(json, Object.class);
  }
}
