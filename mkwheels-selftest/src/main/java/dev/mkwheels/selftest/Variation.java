package dev.mkwheels.selftest;

import java.nio.file.Path;

/**
 * How one build's surroundings differ from the other's: what a reproducible build must not depend
 * on.
 *
 * @param umask the umask the JVM starts under, e.g. {@code 022}
 * @param timeZone TZ
 * @param locale LC_ALL and LANG
 * @param java the java executable
 */
record Variation(String umask, String timeZone, String locale, Path java) {

  String describe() {
    return "umask " + umask + ", TZ " + timeZone + ", LC_ALL " + locale + ", " + javaName();
  }

  private String javaName() {
    Path home = java.getParent() == null ? null : java.getParent().getParent();
    return home == null || home.getFileName() == null
        ? java.toString()
        : home.getFileName().toString();
  }
}
