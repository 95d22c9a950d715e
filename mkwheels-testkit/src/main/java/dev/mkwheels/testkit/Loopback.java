package dev.mkwheels.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** An {@link HttpServer} on 127.0.0.1 with an ephemeral port; close it to stop it. */
public final class Loopback implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;

  private Loopback(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts an empty server; add contexts with {@link #server()}. */
  public static Loopback start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread thread = new Thread(r, "loopback-http");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.start();
    return new Loopback(server, executor);
  }

  public HttpServer server() {
    return server;
  }

  /** {@code http://127.0.0.1:PORT} with no trailing slash. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
