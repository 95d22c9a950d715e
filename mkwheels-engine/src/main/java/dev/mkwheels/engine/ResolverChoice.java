package dev.mkwheels.engine;

import java.util.Locale;

/** Who resolves a mode's tree. */
public enum ResolverChoice {
  /** {@code pip download}, for one target: the path mkwheels always had. */
  PIP,
  /** mkwheels' own resolver: many targets in one run, frozen in time on any pip. */
  NATIVE;

  /** How the command line and the summary spell it: {@code pip}, {@code native}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
