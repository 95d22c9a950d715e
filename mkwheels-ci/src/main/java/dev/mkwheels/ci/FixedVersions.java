package dev.mkwheels.ci;

import dev.mkwheels.python.version.Version;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The "fixed in" column: of the versions a database says fix an advisory, those above the pinned
 * one (an advisory with several ranges also names fixes on older branches), in PEP 440 order.
 */
final class FixedVersions {
  private static final Comparator<String> PEP440 =
      Comparator.comparing(
              (String v) -> Pin.version(v).orElse(null),
              Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(Comparator.naturalOrder());

  private FixedVersions() {}

  static List<String> above(Pin pin, Collection<String> fixes) {
    Optional<Version> pinned = Pin.version(pin.version());
    List<String> kept = new ArrayList<>();
    for (String fix : new LinkedHashSet<>(fixes)) {
      Optional<Version> version = Pin.version(fix);
      // A version that does not parse is kept: better shown than silently dropped.
      if (pinned.isEmpty() || version.isEmpty() || version.get().compareTo(pinned.get()) > 0) {
        kept.add(fix);
      }
    }
    kept.sort(PEP440);
    return List.copyOf(kept);
  }
}
