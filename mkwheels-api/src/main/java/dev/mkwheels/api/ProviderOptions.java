package dev.mkwheels.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The values given for a provider's {@link OptionSpec}s, keyed by option name, defaults applied.
 * Immutable.
 */
public final class ProviderOptions {
  private final Map<String, List<String>> values;

  /**
   * @param values option name to its values in command-line order; copied
   */
  public ProviderOptions(Map<String, List<String>> values) {
    TreeMap<String, List<String>> copy = new TreeMap<>();
    values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    this.values = Map.copyOf(copy);
  }

  /** The single value of {@code name}, or empty when it was not given and has no default. */
  public Optional<String> get(String name) {
    List<String> all = values.getOrDefault(name, List.of());
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /**
   * The value of a required option.
   *
   * @throws InvalidOptionException when absent (the host checks required options first, so this
   *     signals a provider whose {@link SourceProvider#options()} disagrees with its code)
   */
  public String require(String name) throws InvalidOptionException {
    return get(name).orElseThrow(() -> new InvalidOptionException("missing --" + name));
  }

  /** Every value of a repeatable option, in command-line order; empty when not given. */
  public List<String> getAll(String name) {
    return values.getOrDefault(name, List.of());
  }

  @Override
  public String toString() {
    return new TreeMap<>(values).toString();
  }
}
