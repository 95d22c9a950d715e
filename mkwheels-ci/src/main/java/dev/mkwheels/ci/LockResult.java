package dev.mkwheels.ci;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@code mkwheels lock} did.
 *
 * @param output the lock
 * @param pins every pin it holds, sorted
 * @param changes what differs from the lock that was there, one line each, sorted ({@code +
 *     idna==3.7}, {@code - six==1.16.0}, {@code requests 2.31.0 -> 2.32.3}); empty when nothing did
 * @param written whether the file was written (false when its bytes would not change)
 */
public record LockResult(Path output, List<Pin> pins, List<String> changes, boolean written) {
  public LockResult {
    Objects.requireNonNull(output, "output is null");
    pins = List.copyOf(pins);
    changes = List.copyOf(changes);
  }
}
