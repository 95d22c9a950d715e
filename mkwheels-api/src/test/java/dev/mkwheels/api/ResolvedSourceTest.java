package dev.mkwheels.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResolvedSourceTest {
  private static final Epoch EPOCH = new Epoch(1_700_000_000L, "--epoch");
  private static final InstallTarget TREE = new InstallTarget.SourceTree(Path.of("/src"));

  @Test
  void theBuildEnvironmentIsSortedByNameWhateverTheOrderItWasGivenIn() {
    Map<String, String> given = new HashMap<>();
    for (String name : List.of("ZZ", "A", "M", "B", "Y", "C")) {
      given.put(name, name.toLowerCase());
    }
    ResolvedSource source =
        ResolvedSource.builder("demo", "1.0", EPOCH, TREE).buildEnvironment(given).build();
    assertEquals(
        List.of("A", "B", "C", "M", "Y", "ZZ"), List.copyOf(source.buildEnvironment().keySet()));
  }

  @Test
  void aBuiltSourceDoesNotChangeWhenTheBuilderGoesOn() {
    ResolvedSource.Builder builder =
        ResolvedSource.builder("demo", "1.0", EPOCH, TREE).note("first").buildEnvironment("A", "1");
    ResolvedSource first = builder.build();
    builder.note("second").buildEnvironment("B", "2");
    assertEquals(List.of("first"), first.notes());
    assertEquals(Map.of("A", "1"), first.buildEnvironment());
    assertEquals(List.of("first", "second"), builder.build().notes());
    assertThrows(UnsupportedOperationException.class, () -> first.notes().add("x"));
    assertThrows(UnsupportedOperationException.class, () -> first.buildEnvironment().put("C", "3"));
  }

  @Test
  void theRequiredFieldsAndEveryValueAreNonNull() {
    assertThrows(NullPointerException.class, () -> ResolvedSource.builder(null, "1", EPOCH, TREE));
    assertThrows(NullPointerException.class, () -> ResolvedSource.builder("a", null, EPOCH, TREE));
    assertThrows(NullPointerException.class, () -> ResolvedSource.builder("a", "1", null, TREE));
    assertThrows(NullPointerException.class, () -> ResolvedSource.builder("a", "1", EPOCH, null));
    ResolvedSource.Builder builder = ResolvedSource.builder("a", "1", EPOCH, TREE);
    assertThrows(NullPointerException.class, () -> builder.note(null));
    assertThrows(NullPointerException.class, () -> builder.buildEnvironment("A", null));
  }

  @Test
  void equalSourcesAreEqual() {
    ResolvedSource a = ResolvedSource.builder("a", "1", EPOCH, TREE).note("n").build();
    ResolvedSource b = ResolvedSource.builder("a", "1", EPOCH, TREE).note("n").build();
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
  }
}
