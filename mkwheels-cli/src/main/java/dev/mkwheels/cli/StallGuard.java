package dev.mkwheels.cli;

import static java.util.Objects.requireNonNull;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A response body with a deadline: when no byte has come for the timeout, the body is closed (which
 * ends a read blocked on it) and every read then fails with a {@link
 * JdkHttpFetcher.FinalException}. The JDK client's own request timeout stops at the headers; this
 * covers the rest.
 */
final class StallGuard extends FilterInputStream {
  // One daemon thread for every body: it only closes streams, and never keeps the JVM alive.
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private final String what;
  private final long timeoutNanos;
  private final Duration timeout;
  private volatile long lastProgress;
  private volatile boolean expired;
  private ScheduledFuture<?> check;
  private boolean closed;

  /**
   * @param what the request, already stripped of credentials, for the message
   */
  StallGuard(InputStream body, Duration timeout, String what) {
    super(requireNonNull(body, "body is null"));
    this.timeout = requireNonNull(timeout, "timeout is null");
    this.what = requireNonNull(what, "what is null");
    this.timeoutNanos = timeout.toNanos();
    this.lastProgress = System.nanoTime();
    schedule(timeoutNanos);
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread thread = new Thread(r, "mkwheels-http-deadline");
              thread.setDaemon(true);
              return thread;
            });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  private synchronized void schedule(long delayNanos) {
    if (closed) {
      return;
    }
    check = TIMER.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
  }

  private void check() {
    long idle = System.nanoTime() - lastProgress;
    if (idle < timeoutNanos) {
      schedule(timeoutNanos - idle);
      return;
    }
    expired = true;
    try {
      in.close();
    } catch (IOException | RuntimeException e) {
      // Closing is only to wake the reader; it sees the expiry either way.
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n;
    try {
      n = in.read(buffer, offset, length);
    } catch (java.net.SocketTimeoutException e) {
      // The connection's own read timeout, the same length: the same stall.
      throw stalled();
    } catch (IOException e) {
      throw expired ? stalled() : e;
    }
    if (expired) {
      throw stalled();
    }
    lastProgress = System.nanoTime();
    return n;
  }

  private JdkHttpFetcher.FinalException stalled() {
    return new JdkHttpFetcher.FinalException(
        what + ": the server stopped sending for " + timeout.toSeconds() + "s; gave up");
  }

  @Override
  public void close() throws IOException {
    synchronized (this) {
      closed = true;
      if (check != null) {
        check.cancel(false);
      }
    }
    super.close();
  }
}
