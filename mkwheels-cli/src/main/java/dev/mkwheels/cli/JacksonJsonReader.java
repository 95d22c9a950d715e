package dev.mkwheels.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mkwheels.api.JsonReader;
import jakarta.inject.Inject;
import java.io.IOException;

/**
 * {@link JsonReader} on Jackson: objects become insertion-ordered maps. Its {@code ObjectMapper} is
 * made on the first parse, not with the injector, which makes every singleton at start: a pack or a
 * {@code --version} parses no JSON, and a first mapper costs 15 ms of a cold start (wave 6).
 */
final class JacksonJsonReader implements JsonReader {
  private ObjectMapper mapper;

  @Inject
  JacksonJsonReader() {}

  @Override
  public Object parse(String json) throws IOException {
    return mapper().readValue(json, Object.class);
  }

  private synchronized ObjectMapper mapper() {
    if (mapper == null) {
      mapper = new ObjectMapper();
    }
    return mapper;
  }
}
