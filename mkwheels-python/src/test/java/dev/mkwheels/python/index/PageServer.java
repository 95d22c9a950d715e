package dev.mkwheels.python.index;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback server of fixed pages, for what the testkit's index does not serve: hand-written HTML
 * and JSON, metadata files, odd content types. Records each request's path and {@code
 * Authorization} header.
 */
final class PageServer implements AutoCloseable {
  record Page(String contentType, byte[] body) {}

  record Request(String path, String authorization) {}

  private final HttpServer server;
  private final Map<String, Page> pages = new ConcurrentHashMap<>();
  private final Map<String, String> redirects = new ConcurrentHashMap<>();
  final List<Request> requests = new CopyOnWriteArrayList<>();

  PageServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            requests.add(new Request(path, exchange.getRequestHeaders().getFirst("Authorization")));
            String location = redirects.get(path);
            if (location != null) {
              exchange.getResponseHeaders().set("Location", location);
              exchange.sendResponseHeaders(302, -1);
              return;
            }
            Page page = pages.get(path);
            if (page == null) {
              exchange.sendResponseHeaders(404, -1);
              return;
            }
            exchange.getResponseHeaders().set("Content-Type", page.contentType());
            exchange.sendResponseHeaders(200, page.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(page.body());
            }
          }
        });
    server.start();
  }

  PageServer page(String path, String contentType, String body) {
    return page(path, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  PageServer page(String path, String contentType, byte[] body) {
    pages.put(path, new Page(contentType, body));
    return this;
  }

  /** Answers {@code path} with a 302 to {@code location}. */
  PageServer redirect(String path, String location) {
    redirects.put(path, location);
    return this;
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:PORT}. */
  String url() {
    return "http://127.0.0.1:" + port();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
