package dev.mkwheels.testkit;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One resolver scenario: a small index of real distributions and what to resolve against it, with
 * the files real {@code pip download} saves for it. Built by {@link ResolverScenarios}; served by
 * {@link #serve(PackageIndex)}. Immutable.
 *
 * @param name what the scenario shows, for test names
 * @param files what its index serves
 * @param roots the root requirements (PEP 508; a direct reference names a {@code git+file} URL or a
 *     {@code file:} directory made for the scenario)
 * @param constraints {@code -c} lines
 * @param preferences versions to keep (by project name), for the native resolver only: pip has no
 *     such thing, so {@link #pipRoots} pins the ones that fit instead
 * @param pipRoots the requirements pip is given: {@link #roots} plus a {@code ==} pin for each kept
 *     preference
 * @param pipFiles the file names pip 23.2 saves with {@code pip download} on CPython 3.11, Linux
 *     x86_64 (a git dependency is saved as {@code NAME-VERSION.zip}; a local directory is not
 *     saved)
 * @param fails whether pip finds no solution, so the native resolver must fail too
 * @param directPins the version each direct reference resolves to, by project name
 */
public record Scenario(
    String name,
    List<ScenarioFile> files,
    List<String> roots,
    List<String> constraints,
    Map<String, String> preferences,
    List<String> pipRoots,
    SortedSet<String> pipFiles,
    boolean fails,
    Map<String, String> directPins) {
  public Scenario {
    Objects.requireNonNull(name, "name is null");
    files = List.copyOf(files);
    roots = List.copyOf(roots);
    constraints = List.copyOf(constraints);
    preferences = Collections.unmodifiableMap(new TreeMap<>(preferences));
    pipRoots = List.copyOf(pipRoots);
    pipFiles = Collections.unmodifiableSortedSet(new TreeSet<>(pipFiles));
    directPins = Collections.unmodifiableMap(new TreeMap<>(directPins));
  }

  /** Adds every file of the scenario to {@code index}, with its yank mark and Requires-Python. */
  public void serve(PackageIndex index) {
    for (ScenarioFile file : files) {
      index.add(file.dist(), file.uploaded());
      file.yanked().ifPresent(reason -> index.yank(file.dist().filename(), reason));
      file.requiresPython()
          .ifPresent(specifier -> index.requiresPython(file.dist().filename(), specifier));
    }
  }

  /** The file names of everything served, sorted. */
  public SortedSet<String> servedFileNames() {
    SortedSet<String> names = new TreeSet<>();
    files.forEach(f -> names.add(f.dist().filename()));
    return Collections.unmodifiableSortedSet(names);
  }

  @Override
  public String toString() {
    return name;
  }
}
