package dev.mkwheels.cli;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.OptionSpec;
import dev.mkwheels.api.SourceProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every {@link SourceProvider} this process can use, sorted by id. Built once from the providers
 * ServiceLoader found (see {@link CliModule}); fails fast on a malformed or duplicate id or
 * option, naming the classes, because a broken plugin jar must not silently shadow another.
 */
public final class ProviderRegistry {
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  private static final int MAX_ID = 32;

  private final List<SourceProvider> providers;

  public ProviderRegistry(Iterable<? extends SourceProvider> found) {
    requireNonNull(found, "found is null");
    Map<String, SourceProvider> byId = new HashMap<>();
    List<SourceProvider> all = new ArrayList<>();
    for (SourceProvider provider : found) {
      String id = provider.id();
      if (id == null || id.length() > MAX_ID || !ID.matcher(id).matches()) {
        throw new IllegalStateException(
            "source provider " + provider.getClass().getName() + " has a malformed id '" + id
                + "' (want lower-case letters, digits and inner '-', at most " + MAX_ID + ")");
      }
      SourceProvider previous = byId.putIfAbsent(id, provider);
      if (previous != null) {
        throw new IllegalStateException(
            "two source providers claim --" + id + ": " + previous.getClass().getName() + " and "
                + provider.getClass().getName());
      }
      checkOptions(provider);
      all.add(provider);
    }
    all.sort(Comparator.comparing(SourceProvider::id));
    this.providers = Collections.unmodifiableList(all);
  }

  private static void checkOptions(SourceProvider provider) {
    List<OptionSpec> options = provider.options();
    if (options == null) {
      throw new IllegalStateException(
          "source provider " + provider.getClass().getName() + " returned null options()");
    }
    Map<String, OptionSpec> seen = new HashMap<>();
    for (OptionSpec option : options) {
      if (seen.put(option.name(), option) != null) {
        throw new IllegalStateException(
            "source provider " + provider.getClass().getName() + " declares --" + option.name()
                + " twice");
      }
    }
  }

  /** The providers, sorted by id. */
  public List<SourceProvider> all() {
    return providers;
  }

  /** The provider whose selector is {@code --id}. */
  public Optional<SourceProvider> find(String id) {
    return providers.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** The selectors, sorted, for messages: {@code --gh, --pypi}. */
  public String selectors() {
    List<String> ids = new ArrayList<>();
    for (SourceProvider provider : providers) {
      ids.add("--" + provider.id());
    }
    return String.join(", ", ids);
  }
}
