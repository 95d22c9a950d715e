package dev.mkwheels.python.filename;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.Objects;

/**
 * A wheel's PEP 427 build tag: a number and the rest of the tag, ordered number first, then the
 * rest as a string (as packaging orders its {@code (int, str)} tuples).
 *
 * @param number the leading digits
 * @param suffix what follows them, possibly empty
 */
public record BuildTag(BigInteger number, String suffix) implements Comparable<BuildTag> {
  private static final Comparator<BuildTag> ORDER =
      Comparator.comparing(BuildTag::number).thenComparing(BuildTag::suffix);

  public BuildTag {
    Objects.requireNonNull(number, "number is null");
    Objects.requireNonNull(suffix, "suffix is null");
  }

  @Override
  public int compareTo(BuildTag o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return number + suffix;
  }
}
