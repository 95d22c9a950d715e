package dev.mkwheels.testkit;

import dev.mkwheels.api.Console;
import java.util.ArrayList;
import java.util.List;

/** A {@link Console} that records every line, each prefixed with its level, for assertions. */
public final class RecordingConsole implements Console {
  private final List<String> lines = new ArrayList<>();

  @Override
  public synchronized void progress(String message) {
    lines.add("progress: " + message);
  }

  @Override
  public synchronized void warn(String message) {
    lines.add("warn: " + message);
  }

  @Override
  public synchronized void debug(String message) {
    lines.add("debug: " + message);
  }

  /** Every line so far, in order, as {@code "LEVEL: message"}. */
  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  /** The messages written at {@code warn}, in order, without the prefix. */
  public synchronized List<String> warnings() {
    return lines.stream()
        .filter(l -> l.startsWith("warn: "))
        .map(l -> l.substring("warn: ".length()))
        .toList();
  }

  /** Every line so far, joined by newlines. */
  public synchronized String text() {
    return String.join("\n", lines);
  }
}
