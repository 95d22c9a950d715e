package dev.mkwheels.ci;

import java.util.List;
import java.util.Objects;

/**
 * One requirement of a lock: {@code name[extras]==version ; marker} with its hashes.
 *
 * @param pin the pinned distribution
 * @param extras the extras as written, for example {@code [socks]}, or empty
 * @param marker the environment marker after {@code ;}, or empty
 * @param hashes {@code algorithm:hexdigest}, lower case, in file order
 * @param location {@code file:line} of the requirement, for messages
 */
public record LockEntry(
    Pin pin, String extras, String marker, List<String> hashes, String location) {
  public LockEntry {
    Objects.requireNonNull(pin, "pin is null");
    Objects.requireNonNull(extras, "extras is null");
    Objects.requireNonNull(marker, "marker is null");
    Objects.requireNonNull(location, "location is null");
    hashes = List.copyOf(hashes);
  }
}
