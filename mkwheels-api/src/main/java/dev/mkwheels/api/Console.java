package dev.mkwheels.api;

/**
 * Where a provider reports progress and diagnostics. Everything goes to stderr; results are the
 * host's to print. Honours {@code --quiet} and {@code --verbose}. Thread-safe.
 */
public interface Console {

  /** A step of long work, for example "resolving release v1.2.3". Hidden by --quiet. */
  void progress(String message);

  /** Something the user should know even with --quiet, for example a fallback taken. */
  void warn(String message);

  /** Detail shown only with --verbose. */
  void debug(String message);
}
