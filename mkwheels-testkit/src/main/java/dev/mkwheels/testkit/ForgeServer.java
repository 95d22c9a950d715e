package dev.mkwheels.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What {@link GitlabServer} and {@link ForgejoServer} share: two loopback origins (the forge, and a
 * storage host its archives may redirect to), every request recorded with its headers, canned
 * answers for the API, and JSON out.
 */
final class ForgeServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Canned(int status, Map<String, String> headers, String body) {}

  private final Loopback forge;
  private final Loopback storage;
  private final List<ForgeRequest> requests = new ArrayList<>();

  ForgeServer(HttpHandler forgeHandler, HttpHandler storageHandler) throws IOException {
    this.forge = Loopback.start();
    this.storage = Loopback.start();
    forge.server().createContext("/", exchange -> handle(false, exchange, forgeHandler));
    storage.server().createContext("/", exchange -> handle(true, exchange, storageHandler));
  }

  String url() {
    return forge.url();
  }

  String storageUrl() {
    return storage.url();
  }

  List<ForgeRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  private void handle(boolean onStorage, HttpExchange exchange, HttpHandler handler)
      throws IOException {
    try (exchange) {
      Map<String, String> headers = new TreeMap<>();
      exchange
          .getRequestHeaders()
          .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
      String query = exchange.getRequestURI().getRawQuery();
      String target = exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query);
      synchronized (requests) {
        requests.add(new ForgeRequest(onStorage, exchange.getRequestMethod(), target, headers));
      }
      handler.handle(exchange);
    }
  }

  static void canned(HttpExchange exchange, Canned canned) throws IOException {
    send(
        exchange,
        canned.status(),
        canned.headers(),
        canned.body().getBytes(StandardCharsets.UTF_8));
  }

  static void notFound(HttpExchange exchange) throws IOException {
    json(exchange, 404, Map.of("message", "404 Not Found"));
  }

  static void redirect(HttpExchange exchange, String location) throws IOException {
    exchange.getResponseHeaders().add("Location", location);
    send(exchange, 302, Map.of(), new byte[0]);
  }

  static void json(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    send(exchange, status, Map.of("Content-Type", "application/json"), bytes);
  }

  static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
      throws IOException {
    headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  static String key(String project, String ref) {
    return Objects.requireNonNull(project, "project is null")
        + "@"
        + Objects.requireNonNull(ref, "ref is null");
  }

  /** Percent-decoding of a path; unlike a form, a path keeps its '+'. */
  static String decode(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    forge.close();
    storage.close();
  }
}
