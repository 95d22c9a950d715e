package dev.mkwheels.ci;

/** "1 pinned distribution", "2 pinned distributions": counts in messages read as English. */
public final class Plural {
  private Plural() {}

  /** {@code count} and the noun, with an "s" unless the count is one. */
  public static String of(long count, String noun) {
    return of(count, noun, noun + "s");
  }

  public static String of(long count, String singular, String plural) {
    return count + " " + (count == 1 ? singular : plural);
  }
}
