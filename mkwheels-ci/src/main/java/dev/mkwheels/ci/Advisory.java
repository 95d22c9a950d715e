package dev.mkwheels.ci;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One published vulnerability as it affects one pin.
 *
 * @param id the database's identifier, for example {@code GHSA-h5c8-rqwp-cp95} or {@code
 *     PYSEC-2021-66}
 * @param aliases other identifiers of the same vulnerability ({@code CVE-...}), sorted
 * @param fixedIn the versions that fix it above the pinned one, in PEP 440 order; empty when none
 *     is known
 */
public record Advisory(String id, List<String> aliases, List<String> fixedIn) {
  public Advisory {
    Objects.requireNonNull(id, "id is null");
    aliases = List.copyOf(new TreeSet<>(aliases));
    fixedIn = List.copyOf(fixedIn);
  }

  /** Whether {@code --ignore} named this advisory, by its id or any alias, ignoring case. */
  boolean namedBy(Set<String> ignoredUpperCase) {
    if (ignoredUpperCase.contains(id.toUpperCase(Locale.ROOT))) {
      return true;
    }
    return aliases.stream().anyMatch(a -> ignoredUpperCase.contains(a.toUpperCase(Locale.ROOT)));
  }

  /** The ids that name it: its own and its aliases. */
  List<String> names() {
    TreeSet<String> all = new TreeSet<>(aliases);
    all.add(id);
    return List.copyOf(all);
  }
}
