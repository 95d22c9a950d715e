package dev.mkwheels.pip;

import dev.mkwheels.api.Console;
import java.util.ArrayList;
import java.util.List;

/** A console that keeps what it was told, for assertions. */
final class RecordingConsole implements Console {
  final List<String> progress = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();
  final List<String> debug = new ArrayList<>();

  @Override
  public synchronized void progress(String message) {
    progress.add(message);
  }

  @Override
  public synchronized void warn(String message) {
    warnings.add(message);
  }

  @Override
  public synchronized void debug(String message) {
    debug.add(message);
  }
}
