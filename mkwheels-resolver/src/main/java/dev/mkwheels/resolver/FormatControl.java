package dev.mkwheels.resolver;

import dev.mkwheels.python.name.ProjectName;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which kinds of file pip may take for a project: its {@code --no-binary} and {@code --only-binary}
 * (pip's {@code FormatControl}), each a set of normalized project names or {@code :all:}. A project
 * named in {@code onlyBinary} takes wheels only; else one named in {@code noBinary} takes sdists
 * only; else {@code :all:} in {@code onlyBinary}, then in {@code noBinary}, decides; else both
 * kinds. Immutable.
 *
 * @param noBinary the projects (or {@code :all:}) that take no wheel
 * @param onlyBinary the projects (or {@code :all:}) that take no sdist
 */
public record FormatControl(Set<String> noBinary, Set<String> onlyBinary) {
  /** Both kinds for every project: pip's default. */
  public static final FormatControl ANY = new FormatControl(Set.of(), Set.of());

  private static final String ALL = ":all:";
  private static final String NONE = ":none:";

  public FormatControl {
    noBinary = Set.copyOf(noBinary);
    onlyBinary = Set.copyOf(onlyBinary);
  }

  /**
   * Applies {@code --no-binary VALUE} then {@code --only-binary VALUE} as pip's option callbacks
   * do: comma-separated names, {@code :all:} (which clears both sets first) and {@code :none:}
   * (which clears the option's own set); a name given to one option leaves the other. An empty
   * value sets nothing.
   *
   * @throws IllegalArgumentException (one line) for a value that starts with {@code -}, which pip
   *     refuses as a missing argument
   */
  public static FormatControl of(String noBinary, String onlyBinary) {
    Set<String> no = new LinkedHashSet<>();
    Set<String> only = new LinkedHashSet<>();
    apply("no-binary", noBinary, no, only);
    apply("only-binary", onlyBinary, only, no);
    return new FormatControl(no, only);
  }

  private static void apply(String option, String value, Set<String> target, Set<String> other) {
    String text = Objects.requireNonNull(value, "value is null").strip();
    if (text.isEmpty()) {
      return;
    }
    if (text.startsWith("-")) {
      throw new IllegalArgumentException(
          option + " takes project names, :all: or :none:, not '" + text + "'");
    }
    List<String> names = List.of(text.split(","));
    int all = names.lastIndexOf(ALL);
    if (all >= 0) {
      other.clear();
      target.clear();
      target.add(ALL);
      if (!names.subList(all + 1, names.size()).contains(NONE)) {
        return;
      }
      names = names.subList(all + 1, names.size());
    }
    for (String name : names) {
      String stripped = name.strip();
      if (stripped.equals(NONE)) {
        target.clear();
      } else if (!stripped.isEmpty() && !stripped.equals(ALL)) {
        String normalized = ProjectName.normalize(stripped);
        other.remove(normalized);
        target.add(normalized);
      }
    }
  }

  /** Whether {@code project} may take a wheel. */
  public boolean wheels(ProjectName project) {
    String name = project.normalized();
    if (onlyBinary.contains(name)) {
      return true;
    }
    return noBinary.contains(name) ? false : onlyBinary.contains(ALL) || !noBinary.contains(ALL);
  }

  /** Whether {@code project} may take an sdist. */
  public boolean sdists(ProjectName project) {
    String name = project.normalized();
    if (onlyBinary.contains(name)) {
      return false;
    }
    return noBinary.contains(name) || !onlyBinary.contains(ALL);
  }
}
