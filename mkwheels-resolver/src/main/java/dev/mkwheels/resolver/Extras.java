package dev.mkwheels.resolver;

import java.util.Locale;
import java.util.regex.Pattern;

/** Extra names as pip 23 compares them ({@code pkg_resources.safe_extra}). */
final class Extras {
  private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9.-]+");

  private Extras() {}

  static String normalize(String extra) {
    return UNSAFE.matcher(extra).replaceAll("_").toLowerCase(Locale.ROOT);
  }
}
