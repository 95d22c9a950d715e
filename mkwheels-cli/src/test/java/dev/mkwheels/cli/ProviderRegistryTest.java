package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.api.OptionSpec;
import dev.mkwheels.api.ProviderOptions;
import dev.mkwheels.api.ResolvedSource;
import dev.mkwheels.api.SourceContext;
import dev.mkwheels.api.SourceException;
import dev.mkwheels.api.SourceProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderRegistryTest {

  @Test
  void sortsProvidersByIdWhateverOrderTheyWereFoundIn() {
    ProviderRegistry registry =
        new ProviderRegistry(List.of(new Fake("zeta"), new Fake("alpha"), new Fake("mid")));
    assertEquals(List.of("alpha", "mid", "zeta"), registry.all().stream().map(SourceProvider::id).toList());
    assertEquals("--alpha, --mid, --zeta", registry.selectors());
  }

  @Test
  void refusesTwoProvidersWithOneIdNamingBothClasses() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class,
            () -> new ProviderRegistry(List.of(new Fake("gh"), new Other("gh"))));
    assertTrue(e.getMessage().contains("--gh"), e.getMessage());
    assertTrue(e.getMessage().contains(Fake.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains(Other.class.getName()), e.getMessage());
  }

  @Test
  void refusesMalformedIds() {
    for (String id : new String[] {"", "Gh", "-gh", "gh-", "g h", "9lives", "a".repeat(33)}) {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> new ProviderRegistry(List.of(new Fake(id))), id);
      assertTrue(e.getMessage().contains("malformed id"), e.getMessage());
    }
    assertThrows(IllegalStateException.class, () -> new ProviderRegistry(List.of(new Fake(null))));
  }

  @Test
  void refusesAProviderThatDeclaresAnOptionTwice() {
    Fake twice =
        new Fake("dup") {
          @Override
          public List<OptionSpec> options() {
            return List.of(OptionSpec.required("name", "N", "a"), OptionSpec.optional("name", "N", "b"));
          }
        };
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> new ProviderRegistry(List.of(twice)));
    assertTrue(e.getMessage().contains("--name twice"), e.getMessage());
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
