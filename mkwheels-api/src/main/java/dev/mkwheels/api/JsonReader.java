package dev.mkwheels.api;

import java.io.IOException;

/**
 * Parses JSON into plain Java values, so that the SPI needs no JSON library: objects become {@code
 * Map<String, Object>} (insertion-ordered), arrays {@code List<Object>}, and scalars {@code
 * String}, {@code Number}, {@code Boolean} or {@code null}. Thread-safe.
 */
public interface JsonReader {

  /**
   * @throws IOException when {@code json} is not well-formed JSON
   */
  Object parse(String json) throws IOException;
}
