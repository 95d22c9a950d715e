package dev.mkwheels.rebuild;

import dev.mkwheels.api.Console;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link Console} that keeps what it was told. */
final class RecordingConsole implements Console {
  final List<String> lines = new CopyOnWriteArrayList<>();

  @Override
  public void progress(String message) {
    lines.add(message);
  }

  @Override
  public void warn(String message) {
    lines.add("warning: " + message);
  }

  @Override
  public void debug(String message) {
    lines.add("debug: " + message);
  }
}
