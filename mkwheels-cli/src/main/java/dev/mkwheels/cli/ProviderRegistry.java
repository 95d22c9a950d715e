package dev.mkwheels.cli;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.OptionSpec;
import dev.mkwheels.api.SourceProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Every {@link SourceProvider} this process can use, sorted by id. Built once from the providers
 * ServiceLoader found (see {@link SourcesModule}).
 *
 * <p>A provider that cannot be used is skipped, never fatal: one broken or clashing plugin jar must
 * not take the other modes, the commands or {@code --help} down with it. Skipped are a provider
 * whose class cannot be loaded or built, whose {@code id()}, {@code description()} or {@code
 * options()} throws or breaks the SPI's rules, whose selector or option names clash with the host's
 * common options, whose option is another mode's selector, and every provider of an id that more
 * than one claims (neither can be trusted to be the one meant). {@link #skipped()} says which and
 * why, naming the class, for the start-up warning and {@code --help}.
 */
public final class ProviderRegistry {
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  private static final int MAX_ID = 32;

  private final List<SourceProvider> providers;
  private final List<Skipped> skipped;

  /** A provider that was not registered, and why; {@code provider} is its class name. */
  public record Skipped(String provider, String reason) {
    public Skipped {
      requireNonNull(provider, "provider is null");
      requireNonNull(reason, "reason is null");
    }

    /** One line for the console: {@code skipped source provider com.example.X: <reason>}. */
    public String line() {
      return "skipped source provider " + provider + ": " + reason;
    }
  }

  /** A registry with no host options reserved; for tests of the provider rules alone. */
  public ProviderRegistry(Iterable<? extends SourceProvider> found) {
    this(found, Set.of());
  }

  /**
   * @param found what ServiceLoader found; loading errors while iterating are caught per provider
   * @param hostOptions the long option names (without dashes) the host itself takes, which no
   *     selector and no provider option may reuse
   */
  public ProviderRegistry(Iterable<? extends SourceProvider> found, Set<String> hostOptions) {
    requireNonNull(found, "found is null");
    requireNonNull(hostOptions, "hostOptions is null");
    List<Skipped> refused = new ArrayList<>();
    Map<SourceProvider, Declared> valid = new HashMap<>();
    Iterator<? extends SourceProvider> it = found.iterator();
    while (true) {
      SourceProvider provider;
      try {
        if (!it.hasNext()) {
          break;
        }
        provider = it.next();
      } catch (ServiceConfigurationError e) {
        refused.add(new Skipped(loadFailureClass(e), "it could not be loaded: " + oneLine(e)));
        continue;
      }
      String name = provider.getClass().getName();
      try {
        Declared declared = declared(provider, hostOptions);
        valid.put(provider, declared);
      } catch (Refusal e) {
        refused.add(new Skipped(name, e.getMessage()));
      } catch (RuntimeException | LinkageError e) {
        refused.add(new Skipped(name, "it failed while describing itself: " + oneLine(e)));
      }
    }
    crossCheck(valid, refused);
    List<SourceProvider> all = new ArrayList<>(valid.keySet());
    all.sort(Comparator.comparing(p -> valid.get(p).id()));
    refused.sort(Comparator.comparing(Skipped::provider).thenComparing(Skipped::reason));
    this.providers = Collections.unmodifiableList(all);
    this.skipped = Collections.unmodifiableList(refused);
  }

  /** What a provider said of itself, read once: a plugin's methods are called only here. */
  private record Declared(String id, Set<String> options) {}

  private static Declared declared(SourceProvider provider, Set<String> hostOptions)
      throws Refusal {
    String id = provider.id();
    if (id == null || id.length() > MAX_ID || !ID.matcher(id).matches()) {
      throw new Refusal(
          "its id '"
              + id
              + "' is malformed (want lower-case letters, digits and inner '-', at most "
              + MAX_ID
              + ")");
    }
    if (hostOptions.contains(id)) {
      throw new Refusal("its selector --" + id + " is one of mkwheels' own options");
    }
    if (provider.description() == null) {
      throw new Refusal("its description() is null");
    }
    List<OptionSpec> options = provider.options();
    if (options == null) {
      throw new Refusal("its options() is null");
    }
    Set<String> names = new HashSet<>();
    for (OptionSpec option : options) {
      if (option == null) {
        throw new Refusal("its options() holds a null option");
      }
      if (!names.add(option.name())) {
        throw new Refusal("it declares --" + option.name() + " twice");
      }
      if (hostOptions.contains(option.name())) {
        throw new Refusal("its option --" + option.name() + " is one of mkwheels' own options");
      }
    }
    return new Declared(id, Set.copyOf(names));
  }

  /** Ids claimed twice, and options that are another provider's selector. */
  private static void crossCheck(Map<SourceProvider, Declared> valid, List<Skipped> refused) {
    Map<String, List<SourceProvider>> byId = new TreeMap<>();
    valid.forEach((p, d) -> byId.computeIfAbsent(d.id(), k -> new ArrayList<>()).add(p));
    Map<SourceProvider, String> reasons = new HashMap<>();
    byId.forEach(
        (id, claimants) -> {
          if (claimants.size() > 1) {
            List<String> classes =
                claimants.stream().map(p -> p.getClass().getName()).sorted().toList();
            for (SourceProvider p : claimants) {
              reasons.put(
                  p,
                  "more than one provider claims --" + id + ": " + String.join(" and ", classes));
            }
          }
        });
    valid.forEach(
        (p, d) -> {
          for (String option : new TreeSet<>(d.options())) {
            List<SourceProvider> owners = byId.get(option);
            if (owners != null && !reasons.containsKey(p)) {
              reasons.put(
                  p,
                  "its option --"
                      + option
                      + " is the selector of "
                      + owners.get(0).getClass().getName());
            }
          }
        });
    reasons.forEach(
        (p, reason) -> {
          valid.remove(p);
          refused.add(new Skipped(p.getClass().getName(), reason));
        });
  }

  private static String loadFailureClass(ServiceConfigurationError e) {
    // ServiceLoader's messages read "<service>: Provider <class> could not be instantiated" and the
    // like; the class is the word after "Provider".
    String message = String.valueOf(e.getMessage());
    int at = message.indexOf("Provider ");
    if (at >= 0) {
      String rest = message.substring(at + "Provider ".length());
      int end = 0;
      while (end < rest.length() && !Character.isWhitespace(rest.charAt(end))) {
        end++;
      }
      if (end > 0) {
        return rest.substring(0, end);
      }
    }
    return "(unknown class)";
  }

  private static String oneLine(Throwable e) {
    String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
    Throwable cause = e.getCause();
    if (e instanceof ServiceConfigurationError && cause != null) {
      text = cause.getMessage() == null ? cause.getClass().getName() : cause.toString();
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    Refusal(String message) {
      super(message, null, false, false);
    }
  }

  /** The providers, sorted by id. */
  public List<SourceProvider> all() {
    return providers;
  }

  /** The providers that were found but not registered, sorted by class name. */
  public List<Skipped> skipped() {
    return skipped;
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
