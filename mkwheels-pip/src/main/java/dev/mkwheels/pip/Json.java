package dev.mkwheels.pip;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The package's Jackson mapper for the interpreter's answers, made when first used: the probe reads
 * and parses remembered answers on its own thread, so a cold start's 50 ms of making it stays off
 * the caller's.
 */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}
}
