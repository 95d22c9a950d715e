package dev.mkwheels.ci;

import java.util.Comparator;
import java.util.Objects;

/**
 * A pin that an advisory affects.
 *
 * @param pin the pinned distribution
 * @param advisory what affects it
 * @param ignored whether {@code --ignore} named the advisory
 */
public record Finding(Pin pin, Advisory advisory, boolean ignored) implements Comparable<Finding> {
  private static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::pin).thenComparing(f -> f.advisory().id());

  public Finding {
    Objects.requireNonNull(pin, "pin is null");
    Objects.requireNonNull(advisory, "advisory is null");
  }

  @Override
  public int compareTo(Finding other) {
    return ORDER.compare(this, other);
  }
}
