package dev.mkwheels.resolver;

import static dev.mkwheels.resolver.Trees.LINUX;
import static dev.mkwheels.resolver.Trees.WINDOWS;
import static dev.mkwheels.resolver.Trees.prefer;
import static dev.mkwheels.resolver.Trees.reqs;
import static dev.mkwheels.resolver.Trees.roots;
import static dev.mkwheels.resolver.Trees.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.python.name.ProjectName;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a requirement admits, rule by rule, as pip 23 decides it. */
class ResolverRulesTest {
  private final Catalog catalog = new Catalog();

  private String resolve(ResolveRequest request) throws ResolutionException {
    return tree(new Resolver(catalog).resolve(request, LINUX));
  }

  private String failure(ResolveRequest request) {
    return assertThrows(ResolutionException.class, () -> resolve(request)).getMessage();
  }

  private static ResolveRequest pre(String... roots) {
    return new ResolveRequest(reqs(roots), List.of(), Map.of(), true);
  }

  private void preReleases() {
    catalog.add("lib", "1.0");
    catalog.add("lib", "1.1");
    catalog.add("lib", "2.0b1");
  }

  @Test
  void aPreReleaseIsNotChosenByDefault() throws Exception {
    preReleases();
    assertEquals("lib==1.1", resolve(roots("lib")));
    assertEquals("lib==1.1", resolve(roots("lib>=1.0")));
  }

  @Test
  void aPreReleaseIsChosenWithPre() throws Exception {
    preReleases();
    assertEquals("lib==2.0b1", resolve(pre("lib")));
  }

  @Test
  void aPreReleaseIsChosenWhenASpecifierNamesOne() throws Exception {
    preReleases();
    assertEquals("lib==2.0b1", resolve(roots("lib>=2.0a1")));
    // named by another requirement on the same project: the specifiers combine
    catalog.add("app", "1.0", "lib>=1.0");
    assertEquals("app==1.0 lib==2.0b1", resolve(roots("app", "lib<=3.0a1")));
    // as in packaging, != naming a pre-release does not admit them
    assertEquals("app==1.0 lib==1.1", resolve(roots("app", "lib!=3.0a1")));
  }

  @Test
  void aPreReleaseIsChosenWhenNoFinalReleaseFits() throws Exception {
    preReleases();
    assertEquals("lib==2.0b1", resolve(roots("lib>=1.5")));
    catalog.add("only", "0.1rc1");
    assertEquals("only==0.1rc1", resolve(roots("only")));
  }

  @Test
  void aYankedVersionIsPassedOverUnlessPinnedExactly() throws Exception {
    catalog.add("lib", "1.0");
    catalog.add("lib", "2.0").yanked();
    assertEquals("lib==1.0", resolve(roots("lib")));
    assertEquals("lib==2.0", resolve(roots("lib==2.0")));
    assertEquals("lib==2.0", resolve(roots("lib===2.0")));
    assertEquals(
        "cannot resolve for cp312-manylinux_2_28_x86_64: no version of lib fits lib==2.*"
            + " (required by root); there are 1.0, 2.0 (yanked)",
        failure(roots("lib==2.*")));
  }

  @Test
  void whenEveryVersionIsYankedOnlyAnExactPinTakesOneAsPip23Does() throws Exception {
    catalog.add("gone", "1.0").yanked();
    catalog.add("gone", "1.1").yanked();
    assertTrue(failure(roots("gone")).contains("no version of gone fits gone"));
    assertEquals("gone==1.0", resolve(roots("gone==1.0")));
  }

  @Test
  void aVersionWhoseRequiresPythonFailsIsPassedOverPerTarget() throws Exception {
    catalog.add("lib", "2.0").python(">=3.13");
    catalog.add("lib", "1.0").python(">=3.8");
    List<Resolution> trees =
        new Resolver(catalog).resolveAll(roots("lib"), List.of(LINUX, WINDOWS));
    assertEquals("lib==1.0", tree(trees.get(0)));
    assertEquals("lib==2.0", tree(trees.get(1)));
    assertEquals(
        "cannot resolve for cp312-manylinux_2_28_x86_64: lib 2.0 requires Python >=3.13, but"
            + " cp312-manylinux_2_28_x86_64 has Python 3.12.0",
        failure(roots("lib>=2")));
  }

  @Test
  void aConstraintNarrowsAProjectSomethingRequiresAndNeverAddsOne() throws Exception {
    catalog.add("app", "1.0", "lib");
    catalog.add("lib", "1.0");
    catalog.add("lib", "2.0");
    catalog.add("other", "1.0");
    ResolveRequest request =
        new ResolveRequest(
            reqs("app"),
            reqs("lib<2", "other==1.0", "lib<1.5; sys_platform == 'win32'"),
            Map.of(),
            false);
    assertEquals("app==1.0 lib==1.0", resolve(request));
    ResolveRequest conflicting =
        new ResolveRequest(reqs("app", "lib>=2"), reqs("lib<2"), Map.of(), false);
    assertEquals(
        "cannot resolve for cp312-manylinux_2_28_x86_64: root requires lib>=2, but constraint"
            + " requires lib<2",
        failure(conflicting));
  }

  @Test
  void aConstraintWithExtrasOrAUrlIsRefused() {
    for (String bad : new String[] {"lib[x]<2", "lib @ https://example.invalid/lib.zip"}) {
      ResolveRequest request = new ResolveRequest(reqs("lib"), reqs(bad), Map.of(), false);
      String message = failure(request);
      assertTrue(message.contains("' is refused: a constraint names only a project"), message);
      assertTrue(!message.contains("\n"), message);
    }
  }

  @Test
  void aPreferredVersionIsKeptWhileItFits() throws Exception {
    catalog.add("lib", "1.0");
    catalog.add("lib", "2.0");
    ResolveRequest request = new ResolveRequest(reqs("lib"), List.of(), prefer("lib==1.0"), false);
    ResolutionReport report = new Resolver(catalog).report(request, LINUX);
    assertEquals("lib==1.0", tree(report.resolution()));
    assertEquals(List.of(), report.droppedPreferences());
  }

  @Test
  void aPreferredVersionThatConflictsIsDroppedAndTheOthersStay() throws Exception {
    catalog.add("app", "2.0", "lib<1");
    catalog.add("app", "1.0", "lib");
    catalog.add("lib", "0.5");
    catalog.add("lib", "1.0");
    catalog.add("lib", "2.0");
    catalog.add("six", "1.0");
    catalog.add("six", "1.1");
    ResolveRequest request =
        new ResolveRequest(
            reqs("app", "lib>=1", "six"),
            List.of(),
            prefer("app==2.0", "lib==1.0", "six==1.0"),
            false);
    ResolutionReport report = new Resolver(catalog).report(request, LINUX);
    assertEquals("app==1.0 lib==1.0 six==1.0", tree(report.resolution()));
    assertEquals(List.of(ProjectName.of("app")), report.droppedPreferences());
    assertEquals(List.of("the pin app==2.0 no longer fits: app 1.0 is chosen"), report.notes());
  }

  @Test
  void extrasAskedFromSeveralPlacesAccumulate() throws Exception {
    catalog
        .add("app", "1.0", "base")
        .extra("a", "alpha")
        .extra("b", "beta; sys_platform == 'linux'")
        .extra("c", "gamma");
    catalog.add("tool", "1.0", "app[b]");
    for (String p : new String[] {"base", "alpha", "beta", "gamma"}) {
      catalog.add(p, "1.0");
    }
    Resolution r = new Resolver(catalog).resolve(roots("app[a]", "tool"), LINUX);
    assertEquals("alpha==1.0 app==1.0 base==1.0 beta==1.0 tool==1.0", tree(r));
    assertEquals(Set.of("a", "b"), r.pin(ProjectName.of("app")).get().extras());
    assertEquals(
        "alpha==1.0 app==1.0 base==1.0 tool==1.0",
        tree(new Resolver(catalog).resolve(roots("app[a]", "tool"), WINDOWS)));
  }

  @Test
  void anExtraTheProjectDoesNotProvideIsIgnoredWithANote() throws Exception {
    catalog.add("app", "1.0").extra("a", "alpha");
    catalog.add("alpha", "1.0");
    ResolutionReport report = new Resolver(catalog).report(roots("app[nope]"), LINUX);
    assertEquals("app==1.0", tree(report.resolution()));
    assertEquals(List.of("app 1.0 does not provide the extra 'nope'"), report.notes());
  }

  @Test
  void markersAreJudgedForEachTarget() throws Exception {
    catalog.add(
        "app",
        "1.0",
        "colorama; os_name == 'nt'",
        "uvloop; sys_platform == 'linux' and python_version < '3.13'",
        "tomli; python_full_version < '3.11.0'");
    catalog.add("colorama", "0.4");
    catalog.add("uvloop", "0.19");
    catalog.add("tomli", "2.0");
    catalog.add("winroot", "1.0");
    ResolveRequest request = roots("app", "winroot; platform_system == 'Windows'");
    List<Resolution> trees = new Resolver(catalog).resolveAll(request, List.of(LINUX, WINDOWS));
    assertEquals("app==1.0 uvloop==0.19", tree(trees.get(0)));
    assertEquals("app==1.0 colorama==0.4 winroot==1.0", tree(trees.get(1)));
  }
}
