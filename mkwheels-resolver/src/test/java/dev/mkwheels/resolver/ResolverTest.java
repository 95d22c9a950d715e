package dev.mkwheels.resolver;

import static dev.mkwheels.resolver.Trees.LINUX;
import static dev.mkwheels.resolver.Trees.WINDOWS;
import static dev.mkwheels.resolver.Trees.roots;
import static dev.mkwheels.resolver.Trees.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.python.name.ProjectName;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The search: trees, backtracking, conflicts, direct references, many targets, its bound. */
class ResolverTest {
  private final Catalog catalog = new Catalog();

  private Resolution resolve(ResolveRequest request) throws ResolutionException {
    return new Resolver(catalog).resolve(request, LINUX);
  }

  private String failure(ResolveRequest request) {
    return assertThrows(ResolutionException.class, () -> resolve(request)).getMessage();
  }

  @Test
  void aSimpleTreeTakesTheNewestOfEachProjectAndSaysWhoRequiresIt() throws Exception {
    catalog.add("app", "1.0", "lib>=1");
    catalog.add("lib", "1.0");
    catalog.add("lib", "2.0", "six");
    catalog.add("six", "1.16.0");
    Resolution r = resolve(roots("app"));
    assertEquals("app==1.0 lib==2.0 six==1.16.0", tree(r));
    assertEquals(List.of(ProjectName.of("app")), r.pin(ProjectName.of("lib")).get().requiredBy());
    assertEquals(List.of(), r.pin(ProjectName.of("app")).get().requiredBy());
    assertEquals("lib-2.0-py3-none-any.whl", r.pin(ProjectName.of("lib")).get().file().fileName());
  }

  @Test
  void whenTheNewestVersionConflictsAnOlderOneIsTaken() throws Exception {
    catalog.add("a", "2.0", "b<1");
    catalog.add("a", "1.0", "b");
    catalog.add("b", "0.9");
    catalog.add("b", "1.0");
    assertEquals("a==1.0 b==1.0", tree(resolve(roots("a", "b>=1"))));
  }

  @Test
  void aConflictFoundDeeperBacktracksToTheVersionThatCausedIt() throws Exception {
    catalog.add("web", "2.0", "mid");
    catalog.add("web", "1.0", "mid");
    catalog.add("mid", "3.0", "core>=2");
    catalog.add("mid", "2.0", "core<2");
    catalog.add("core", "1.0");
    catalog.add("core", "2.0", "rare>=5");
    catalog.add("rare", "1.0");
    assertEquals("core==1.0 mid==2.0 web==2.0", tree(resolve(roots("web"))));
  }

  @Test
  void aPinThatHasNoPartInAConflictIsJumpedOver() throws Exception {
    catalog.add("x", "2.0", "c>=2");
    catalog.add("x", "1.0");
    for (int i = 1; i <= 50; i++) {
      catalog.add("filler", i + ".0");
    }
    catalog.add("y", "1.0", "c<2");
    catalog.add("c", "1.0");
    catalog.add("c", "2.0");
    ResolutionReport report = new Resolver(catalog).report(roots("x", "filler", "y"), LINUX);
    assertEquals("c==1.0 filler==50.0 x==1.0 y==1.0", tree(report.resolution()));
    // x 2.0, filler 50.0, y 1.0 (conflict), then x 1.0, filler, y, c: not 50 fillers tried
    assertTrue(report.rounds() < 10, "rounds: " + report.rounds());
  }

  @Test
  void aWideTreeWithoutConflictsPinsEachProjectOnce() throws Exception {
    for (int p = 0; p < 80; p++) {
      for (int v = 1; v <= 10; v++) {
        List<String> requires = new ArrayList<>();
        for (int d = p + 1; d <= Math.min(p + 3, 79); d++) {
          requires.add("p" + d + ">=" + (v % 5 + 1) + ".0");
        }
        catalog.add("p" + p, v + ".0", requires.toArray(String[]::new));
      }
    }
    ResolutionReport report = new Resolver(catalog).report(roots("p0"), LINUX);
    assertEquals(80, report.resolution().pins().size());
    assertEquals(80, report.rounds());
    assertTrue(
        report.resolution().pins().stream()
            .allMatch(p -> p.candidate().version().toString().equals("10.0")));
  }

  @Test
  void aConflictIsOneLineNamingBothRequirementsAndTheChainFromTheRoot() {
    catalog.add("app", "1.0", "lib>=2");
    catalog.add("tool", "3.1", "lib<2");
    catalog.add("lib", "1.0");
    catalog.add("lib", "2.0");
    assertEquals(
        "cannot resolve for cp312-manylinux_2_28_x86_64: app 1.0 requires lib>=2, but tool 3.1"
            + " requires lib<2 (root requires app, tool)",
        failure(roots("app", "tool")));
  }

  @Test
  void whenNothingFitsTheMessageListsTheVersionsThereAre() {
    catalog.add("app", "1.0", "lib>=9");
    catalog.add("lib", "1.0");
    catalog.add("lib", "1.1");
    catalog.add("lib", "2.0");
    assertEquals(
        "cannot resolve for cp312-manylinux_2_28_x86_64: no version of lib fits lib>=9"
            + " (required by app 1.0); there are 1.0, 1.1, 2.0",
        failure(roots("app")));
  }

  @Test
  void aDeeperConflictNamesTheWholeChain() {
    catalog.add("web", "2.0", "app");
    catalog.add("app", "1.0", "lib>=9");
    catalog.add("lib", "1.0");
    String message = failure(roots("web"));
    assertEquals(
        "cannot resolve for cp312-manylinux_2_28_x86_64: no version of lib fits lib>=9"
            + " (required by app 1.0); there are 1.0; root requires web; web 2.0 requires app",
        message);
  }

  @Test
  void aProjectTheIndexDoesNotHaveIsNamed() {
    assertEquals(
        "cannot resolve for cp312-manylinux_2_28_x86_64: no version of ghost fits ghost"
            + " (required by root); there is none for cp312-manylinux_2_28_x86_64",
        failure(roots("ghost")));
  }

  @Test
  void aDirectReferenceIsItsProjectsOnlyCandidateAndMustAgreeWithVersions() throws Exception {
    String url = "https://user:secret@example.invalid/pkg-1.5.zip";
    catalog.direct(url, "pkg", "1.5", "six");
    catalog.add("pkg", "9.0");
    catalog.add("six", "1.0");
    catalog.add("app", "1.0", "pkg>=1");
    catalog.add("app", "2.0", "pkg>=2");
    Resolution r = resolve(roots("app<2", "pkg @ " + url));
    assertEquals("app==1.0 pkg==1.5 six==1.0", tree(r));
    assertTrue(r.pin(ProjectName.of("pkg")).get().candidate().directUrl().isPresent());

    String message = failure(roots("app>=2", "pkg @ " + url));
    assertTrue(
        message.contains(
            "root requires pkg @ https://****@example.invalid/pkg-1.5.zip, but app 2.0 requires"
                + " pkg>=2"),
        message);
    assertFalse(message.contains("secret"), message);
  }

  @Test
  void aDirectReferenceWithNoFileIsInstalledFromItsUrl() throws Exception {
    catalog.direct("git+https://example.invalid/org/tool.git@v1.2", "tool", "1.2").noFiles();
    Pin pin =
        resolve(roots("tool @ git+https://example.invalid/org/tool.git@v1.2"))
            .pin(ProjectName.of("tool"))
            .get();
    assertEquals("git+https://example.invalid/org/tool.git@v1.2", pin.file().url().toString());
    assertEquals("tool.git@v1.2", pin.file().fileName());
  }

  @Test
  void aTreeLargerThanTheRoundsAllowedGivesUpWithoutAConflictToName() {
    catalog.add("a", "1.0", "b");
    catalog.add("b", "1.0", "c");
    catalog.add("c", "1.0");
    String message =
        assertThrows(
                ResolutionException.class,
                () -> new Resolver(catalog, 2).resolve(roots("a"), LINUX))
            .getMessage();
    assertEquals(
        "cannot resolve for cp312-manylinux_2_28_x86_64: gave up after 2 rounds of backtracking",
        message);
  }

  @Test
  void twoDifferentUrlsForOneProjectConflict() {
    catalog.direct("https://example.invalid/a.zip", "pkg", "1.0");
    catalog.direct("https://example.invalid/b.zip", "pkg", "1.0");
    catalog.add("pkg", "1.0"); // neither URL gives way to the index
    catalog.add("app", "1.0", "pkg @ https://example.invalid/b.zip");
    String message = failure(roots("pkg @ https://example.invalid/a.zip", "app"));
    assertEquals(
        "cannot resolve for cp312-manylinux_2_28_x86_64: root requires pkg @"
            + " https://example.invalid/a.zip, but app 1.0 requires pkg @"
            + " https://example.invalid/b.zip (root requires app)",
        message);
  }

  @Test
  void aSearchThatNeedsMoreRoundsThanAllowedGivesUpWithOneLine() {
    for (int i = 1; i <= 30; i++) {
      catalog.add("a", i + ".0", "c>=2");
      catalog.add("b", i + ".0", "c<2");
    }
    catalog.add("c", "1.0");
    catalog.add("c", "2.0");
    String message =
        assertThrows(
                ResolutionException.class,
                () -> new Resolver(catalog, 20).resolve(roots("a", "b"), LINUX))
            .getMessage();
    assertTrue(
        message.startsWith(
            "cannot resolve for cp312-manylinux_2_28_x86_64: gave up after 20 rounds of"
                + " backtracking; the last conflict: "),
        message);
    assertFalse(message.contains("\n"), message);
  }

  @Test
  void manyTargetsGiveOneTreeEachInTheirOrderAndAFailureNamesItsTarget() throws Exception {
    catalog.add(
        "app", "1.0", "pywin32; sys_platform == 'win32'", "uvloop; sys_platform != 'win32'");
    catalog.add("pywin32", "306");
    catalog.add("uvloop", "0.19");
    Resolver resolver = new Resolver(catalog);
    List<Resolution> trees = resolver.resolveAll(roots("app"), List.of(WINDOWS, LINUX));
    assertEquals(WINDOWS, trees.get(0).target());
    assertEquals("app==1.0 pywin32==306", tree(trees.get(0)));
    assertEquals("app==1.0 uvloop==0.19", tree(trees.get(1)));

    catalog.add("tool", "1.0", "winonly; os_name == 'nt'");
    String message =
        assertThrows(
                ResolutionException.class,
                () -> resolver.resolveAll(roots("app", "tool"), List.of(LINUX, WINDOWS, LINUX)))
            .getMessage();
    assertTrue(message.startsWith("cp313-win_amd64: no version of winonly fits"), message);
  }
}
