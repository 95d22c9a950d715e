package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.api.OptionSpec;
import dev.mkwheels.api.ProviderOptions;
import dev.mkwheels.api.ResolvedSource;
import dev.mkwheels.api.SourceContext;
import dev.mkwheels.api.SourceException;
import dev.mkwheels.api.SourceProvider;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProviderRegistryTest {

  @Test
  void sortsProvidersByIdWhateverOrderTheyWereFoundIn() {
    ProviderRegistry registry =
        new ProviderRegistry(List.of(new Fake("zeta"), new Fake("alpha"), new Fake("mid")));
    assertEquals(
        List.of("alpha", "mid", "zeta"), registry.all().stream().map(SourceProvider::id).toList());
    assertEquals("--alpha, --mid, --zeta", registry.selectors());
  }

  @Test
  void skipsEveryProviderOfAnIdClaimedTwiceNamingBothClassesAndKeepsTheOthers() {
    ProviderRegistry registry =
        new ProviderRegistry(List.of(new Fake("gh"), new Other("gh"), new Fake("pypi")));
    assertEquals(List.of("pypi"), ids(registry));
    assertEquals(2, registry.skipped().size(), registry.skipped().toString());
    for (ProviderRegistry.Skipped skipped : registry.skipped()) {
      assertTrue(skipped.reason().contains("--gh"), skipped.reason());
      assertTrue(skipped.reason().contains(Fake.class.getName()), skipped.reason());
      assertTrue(skipped.reason().contains(Other.class.getName()), skipped.reason());
    }
  }

  @Test
  void skipsMalformedIds() {
    for (String id : new String[] {"", "Gh", "-gh", "gh-", "g h", "9lives", "a".repeat(33), null}) {
      ProviderRegistry registry = new ProviderRegistry(List.of(new Fake(id), new Fake("pypi")));
      assertEquals(List.of("pypi"), ids(registry), id);
      assertEquals(1, registry.skipped().size(), id);
      assertEquals(Fake.class.getName(), registry.skipped().get(0).provider());
      assertTrue(registry.skipped().get(0).reason().contains("malformed"), id);
    }
  }

  @Test
  void skipsAProviderThatDeclaresAnOptionTwice() {
    Fake twice =
        new Fake("dup") {
          @Override
          public List<OptionSpec> options() {
            return List.of(
                OptionSpec.required("name", "N", "a"), OptionSpec.optional("name", "N", "b"));
          }
        };
    ProviderRegistry registry = new ProviderRegistry(List.of(twice));
    assertTrue(registry.all().isEmpty());
    assertTrue(
        registry.skipped().get(0).line().contains("--name twice"), registry.skipped().toString());
  }

  @Test
  void skipsAProviderWhoseSelectorIsAHostOption() {
    ProviderRegistry registry =
        new ProviderRegistry(List.of(new Fake("json"), new Fake("pypi")), Set.of("json", "epoch"));
    assertEquals(List.of("pypi"), ids(registry));
    assertEquals(
        "skipped source provider "
            + Fake.class.getName()
            + ": its selector --json is one of mkwheels' own options",
        registry.skipped().get(0).line());
  }

  @Test
  void skipsAProviderWhoseOptionIsAHostOptionOrAnotherModesSelector() {
    Fake epoch = withOptions("forge", OptionSpec.optional("epoch", "N", "clashes with the host"));
    Fake selector = withOptions("forge2", OptionSpec.optional("pypi", "X", "clashes with --pypi"));
    ProviderRegistry registry =
        new ProviderRegistry(List.of(epoch, selector, new Fake("pypi")), Set.of("epoch"));
    assertEquals(List.of("pypi"), ids(registry));
    String reasons = registry.skipped().toString();
    assertTrue(reasons.contains("its option --epoch is one of mkwheels' own options"), reasons);
    assertTrue(
        reasons.contains("its option --pypi is the selector of " + Fake.class.getName()), reasons);
  }

  @Test
  void skipsAProviderWhoseOptionsCannotBeBuiltOrWhoseMethodsThrow() {
    Fake malformed =
        new Fake("bad-spec") {
          @Override
          public List<OptionSpec> options() {
            return List.of(OptionSpec.optional("Not_A_Name", "X", "malformed"));
          }
        };
    Fake throwing =
        new Fake("boom") {
          @Override
          public String description() {
            throw new IllegalStateException("plugin bug");
          }
        };
    Fake nulls =
        new Fake("nulls") {
          @Override
          public List<OptionSpec> options() {
            return null;
          }
        };
    ProviderRegistry registry =
        new ProviderRegistry(List.of(malformed, throwing, nulls, new Fake("pypi")));
    assertEquals(List.of("pypi"), ids(registry));
    String reasons = registry.skipped().toString();
    assertTrue(reasons.contains("option name must be lower-case words"), reasons);
    assertTrue(reasons.contains("plugin bug"), reasons);
    assertTrue(reasons.contains("its options() is null"), reasons);
  }

  @Test
  void skipsAProviderServiceLoaderCannotBuildAndGoesOnToTheNext() {
    Iterable<SourceProvider> found =
        () ->
            new Iterator<>() {
              int at;

              @Override
              public boolean hasNext() {
                return at < 2;
              }

              @Override
              public SourceProvider next() {
                if (at++ == 0) {
                  throw new ServiceConfigurationError(
                      "dev.mkwheels.api.SourceProvider: Provider com.example.Broken could not be"
                          + " instantiated",
                      new IllegalStateException("no config"));
                }
                return new Fake("pypi");
              }
            };
    ProviderRegistry registry = new ProviderRegistry(found);
    assertEquals(List.of("pypi"), ids(registry));
    assertEquals("com.example.Broken", registry.skipped().get(0).provider());
    assertTrue(
        registry.skipped().get(0).reason().contains("no config"), registry.skipped().toString());
  }

  @Test
  void theHostsOwnOptionNamesAreReserved() {
    Set<String> host = SourcesModule.hostOptions();
    for (String name :
        List.of("json", "epoch", "output-dir", "index-url", "verbose", "help", "version")) {
      assertTrue(host.contains(name), name + " in " + host);
    }
  }

  private static List<String> ids(ProviderRegistry registry) {
    return registry.all().stream().map(SourceProvider::id).toList();
  }

  private static Fake withOptions(String id, OptionSpec... options) {
    return new Fake(id) {
      @Override
      public List<OptionSpec> options() {
        return List.of(options);
      }
    };
  }

  @Test
  void findsByIdOnly() {
    ProviderRegistry registry = new ProviderRegistry(List.of(new Fake("pypi")));
    assertTrue(registry.find("pypi").isPresent());
    assertTrue(registry.find("PYPI").isEmpty());
    assertTrue(registry.find("gh").isEmpty());
  }

  static class Fake implements SourceProvider {
    private final String id;

    Fake(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public String description() {
      return "fake " + id;
    }

    @Override
    public List<OptionSpec> options() {
      return List.of();
    }

    @Override
    public ResolvedSource resolve(ProviderOptions options, SourceContext context)
        throws SourceException {
      throw new SourceException("fake");
    }
  }

  static final class Other extends Fake {
    Other(String id) {
      super(id);
    }
  }
}
