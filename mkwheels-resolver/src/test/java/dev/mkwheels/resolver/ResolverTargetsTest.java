package dev.mkwheels.resolver;

import static dev.mkwheels.resolver.Trees.roots;
import static dev.mkwheels.resolver.Trees.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Many targets at once: the answer does not depend on which target finishes first. */
class ResolverTargetsTest {
  private static final List<Target> TARGETS =
      List.of(
          Targets.parse("cp313-win_amd64"),
          Targets.parse("cp312-manylinux_2_28_x86_64"),
          Targets.parse("cp311-macosx_11_0_arm64"),
          Targets.parse("cp310-manylinux2014_aarch64"),
          Targets.parse("cp312-musllinux_1_2_x86_64"),
          Targets.parse("pp310-manylinux_2_28_x86_64"));

  private final Catalog catalog = new Catalog();

  @Test
  void manyTargetsGiveTheTreesEachGivesAlone() throws Exception {
    catalog.add(
        "app",
        "1.0",
        "colorama; os_name == 'nt'",
        "uvloop; sys_platform == 'linux' and platform_python_implementation == 'CPython'",
        "appnope; sys_platform == 'darwin'",
        "tomli; python_version < '3.11'",
        "lib");
    catalog.add("lib", "2.0").python(">=3.12");
    catalog.add("lib", "1.0");
    for (String p : new String[] {"colorama", "uvloop", "appnope", "tomli"}) {
      catalog.add(p, "1.0");
    }
    Resolver resolver = new Resolver(catalog);
    catalog.delay(TARGETS.get(0), 200);
    List<String> together = new ArrayList<>();
    resolver.resolveAll(roots("app"), TARGETS).forEach(r -> together.add(tree(r)));
    List<String> alone = new ArrayList<>();
    for (Target t : TARGETS) {
      alone.add(tree(resolver.resolve(roots("app"), t)));
    }
    assertEquals(alone, together);
    assertEquals("app==1.0 colorama==1.0 lib==2.0", together.get(0));
    assertEquals("app==1.0 lib==1.0 tomli==1.0", together.get(5));
  }

  @Test
  void whenSeveralTargetsFailTheFirstInTheListIsNamedWhicheverFailsFirst() {
    catalog.add("app", "1.0", "ghost");
    catalog.delay(TARGETS.get(0), 500);
    ResolutionException e =
        assertThrows(
            ResolutionException.class,
            () -> new Resolver(catalog).resolveAll(roots("app"), TARGETS));
    assertEquals(
        "cp313-win_amd64: no version of ghost fits ghost (required by app 1.0); there is none for"
            + " cp313-win_amd64",
        e.getMessage());
  }
}
