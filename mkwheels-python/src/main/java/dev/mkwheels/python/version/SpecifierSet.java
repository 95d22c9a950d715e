package dev.mkwheels.python.version;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A comma-separated set of PEP 440 specifiers, all of which a version must satisfy; the empty set
 * admits every version.
 *
 * <p>Pre-releases: the set admits them when asked ({@code prereleases} true), when one of its
 * specifiers names a pre-release ({@code >=1.0b1}), and, in {@link #filter}, when no final release
 * matches (PEP 440's rule; packaging 21.3 applies it only to the empty set, see the expected
 * divergences of the differential test). Legacy (non PEP 440) specifiers such as {@code ==foo} are
 * refused, as packaging 22 and later refuse them. Immutable and thread-safe.
 */
public final class SpecifierSet {
  private final List<Specifier> specifiers;

  private SpecifierSet(List<Specifier> specifiers) {
    this.specifiers = List.copyOf(specifiers);
  }

  /**
   * Parses a specifier set such as {@code >=1.0, !=1.3.*, <2}.
   *
   * @throws InvalidSpecifierException naming the first specifier that does not parse
   */
  public static SpecifierSet parse(String text) {
    Objects.requireNonNull(text, "text is null");
    Set<Specifier> parsed = new LinkedHashSet<>();
    for (String part : text.split(",", -1)) {
      if (!PythonText.strip(part).isEmpty()) {
        parsed.add(Specifier.parse(PythonText.strip(part)));
      }
    }
    return new SpecifierSet(new ArrayList<>(parsed));
  }

  /** The specifiers, in the order written, duplicates removed. */
  public List<Specifier> specifiers() {
    return specifiers;
  }

  /** Whether no specifier is given, so that every version is admitted. */
  public boolean isEmpty() {
    return specifiers.isEmpty();
  }

  /**
   * Whether the set admits pre-releases by itself: null for the empty set, else whether any
   * specifier names a pre-release.
   */
  public Boolean prereleases() {
    if (specifiers.isEmpty()) {
      return null;
    }
    return specifiers.stream().anyMatch(Specifier::prereleases);
  }

  /** Whether {@code candidate} satisfies every specifier, pre-releases as the set says. */
  public boolean contains(Version candidate) {
    return contains(candidate, null);
  }

  /**
   * Whether {@code candidate} satisfies every specifier.
   *
   * @param prereleases true or false to admit or refuse pre-releases; null for {@link
   *     #prereleases()}
   */
  public boolean contains(Version candidate, Boolean prereleases) {
    Objects.requireNonNull(candidate, "candidate is null");
    Boolean pre = prereleases == null ? prereleases() : prereleases;
    boolean admit = Boolean.TRUE.equals(pre);
    if (!admit && candidate.isPrerelease()) {
      return false;
    }
    for (Specifier s : specifiers) {
      if (!s.contains(candidate, admit)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The candidates the set admits, in their order. With {@code prereleases} null, pre-releases are
   * kept when the set admits them, else only when no final release is admitted.
   */
  public List<Version> filter(List<Version> candidates, Boolean prereleases) {
    Boolean pre = prereleases == null ? prereleases() : prereleases;
    List<Version> finals = new ArrayList<>();
    List<Version> pres = new ArrayList<>();
    for (Version v : candidates) {
      if (Boolean.TRUE.equals(pre) || !v.isPrerelease()) {
        if (contains(v, true)) {
          finals.add(v);
        }
      } else if (contains(v, true)) {
        pres.add(v);
      }
    }
    if (finals.isEmpty() && pre == null
        || finals.isEmpty() && Boolean.FALSE.equals(pre) && prereleases == null) {
      return pres;
    }
    return finals;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SpecifierSet other && toString().equals(other.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  /** The specifiers sorted and joined with commas, as packaging prints them. */
  @Override
  public String toString() {
    Set<String> sorted = new TreeSet<>();
    for (Specifier s : specifiers) {
      sorted.add(s.toString());
    }
    return String.join(",", sorted);
  }
}
