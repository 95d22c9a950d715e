package dev.mkwheels.api;

import java.util.Objects;

/**
 * The SOURCE_DATE_EPOCH of a build and where it came from.
 *
 * @param seconds seconds since 1970-01-01T00:00:00Z, never negative
 * @param origin a short phrase for the summary, for example {@code --epoch} or {@code PyPI JSON
 *     upload_time_iso_8601 of requests 2.32.3}
 */
public record Epoch(long seconds, String origin) {
  public Epoch {
    Objects.requireNonNull(origin, "origin is null");
    if (seconds < 0) {
      throw new IllegalArgumentException("epoch must not be negative: " + seconds);
    }
  }
}
