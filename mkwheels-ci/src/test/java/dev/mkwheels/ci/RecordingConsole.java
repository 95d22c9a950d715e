package dev.mkwheels.ci;

import dev.mkwheels.api.Console;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link Console} that keeps what it was told, so a test can assert on warnings. */
final class RecordingConsole implements Console {
  final List<String> progress = new CopyOnWriteArrayList<>();
  final List<String> warnings = new CopyOnWriteArrayList<>();
  final List<String> debug = new CopyOnWriteArrayList<>();

  @Override
  public void progress(String message) {
    progress.add(message);
  }

  @Override
  public void warn(String message) {
    warnings.add(message);
  }

  @Override
  public void debug(String message) {
    debug.add(message);
  }
}
