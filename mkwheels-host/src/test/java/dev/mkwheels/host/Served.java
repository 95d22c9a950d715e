package dev.mkwheels.host;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server on 127.0.0.1 with an ephemeral port (its own origin) that answers each path as told and
 * records the headers of every request.
 */
final class Served implements AutoCloseable {
  private record Answer(int status, Map<String, String> headers, byte[] body) {}

  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  final List<Headers> requests = new CopyOnWriteArrayList<>();

  Served() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.add(exchange.getRequestHeaders());
          Answer answer =
              answers.getOrDefault(
                  exchange.getRequestURI().getPath(), new Answer(404, Map.of(), new byte[0]));
          answer.headers().forEach(exchange.getResponseHeaders()::add);
          exchange.sendResponseHeaders(
              answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body());
          }
        });
    server.start();
  }

  /** Serves {@code body} at {@code path} with 200; returns its URL. */
  URI serve(String path, byte[] body) {
    return answer(path, 200, Map.of(), body);
  }

  /** Answers {@code path} with {@code status}; returns its URL. */
  URI answer(String path, int status, Map<String, String> headers, byte[] body) {
    answers.put(path, new Answer(status, headers, body));
    return URI.create(origin() + path);
  }

  /** {@code http://127.0.0.1:PORT}. */
  String origin() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
