package dev.mkwheels.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a {@link SourceProvider} resolved: enough for the host to run pip and name the artifact.
 * Immutable and thread-safe; built with {@link #builder}, so a field added in a later release is a
 * new builder method with a default, never a new constructor that breaks providers built against
 * this one.
 */
public final class ResolvedSource {
  private final String name;
  private final String version;
  private final Epoch epoch;
  private final InstallTarget target;
  private final SortedMap<String, String> buildEnvironment;
  private final List<String> notes;

  private ResolvedSource(Builder builder) {
    this.name = builder.name;
    this.version = builder.version;
    this.epoch = builder.epoch;
    this.target = builder.target;
    this.buildEnvironment =
        Collections.unmodifiableSortedMap(new TreeMap<>(builder.buildEnvironment));
    this.notes = List.copyOf(builder.notes);
  }

  /**
   * Starts a source with its four required fields.
   *
   * @param name the package name used in the artifact's file name ({@code <name>-wheels-<version>})
   * @param version the normalized version, without a leading {@code v}
   * @param epoch the build's epoch and its origin
   * @param target what pip must install
   * @throws NullPointerException when any is {@code null}
   */
  public static Builder builder(String name, String version, Epoch epoch, InstallTarget target) {
    return new Builder(name, version, epoch, target);
  }

  /** The package name used in the artifact's file name; never {@code null}. */
  public String name() {
    return name;
  }

  /** The normalized version, without a leading {@code v}; never {@code null}. */
  public String version() {
    return version;
  }

  /** The build's epoch and its origin; never {@code null}. */
  public Epoch epoch() {
    return epoch;
  }

  /** What pip must install; never {@code null}. */
  public InstallTarget target() {
    return target;
  }

  /**
   * Extra environment for pip while it builds metadata (for example {@code
   * SETUPTOOLS_SCM_PRETEND_VERSION}), sorted by name; empty when there is none.
   */
  public Map<String, String> buildEnvironment() {
    return buildEnvironment;
  }

  /** Lines for the summary, for example which ref a tag resolved to; never secrets. */
  public List<String> notes() {
    return notes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResolvedSource other
        && name.equals(other.name)
        && version.equals(other.version)
        && epoch.equals(other.epoch)
        && target.equals(other.target)
        && buildEnvironment.equals(other.buildEnvironment)
        && notes.equals(other.notes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, version, epoch, target, buildEnvironment, notes);
  }

  @Override
  public String toString() {
    return "ResolvedSource[name="
        + name
        + ", version="
        + version
        + ", epoch="
        + epoch
        + ", target="
        + target
        + ", buildEnvironment="
        + buildEnvironment.keySet()
        + ", notes="
        + notes
        + "]";
  }

  /** Builds a {@link ResolvedSource}; not thread-safe, use it on one thread. */
  public static final class Builder {
    private final String name;
    private final String version;
    private final Epoch epoch;
    private final InstallTarget target;
    private final Map<String, String> buildEnvironment = new TreeMap<>();
    private final List<String> notes = new ArrayList<>();

    private Builder(String name, String version, Epoch epoch, InstallTarget target) {
      this.name = Objects.requireNonNull(name, "name is null");
      this.version = Objects.requireNonNull(version, "version is null");
      this.epoch = Objects.requireNonNull(epoch, "epoch is null");
      this.target = Objects.requireNonNull(target, "target is null");
    }

    /** Adds one variable to the build environment, replacing an earlier one of that name. */
    public Builder buildEnvironment(String variable, String value) {
      buildEnvironment.put(
          Objects.requireNonNull(variable, "variable is null"),
          Objects.requireNonNull(value, "value is null"));
      return this;
    }

    /** Adds every variable of {@code variables} to the build environment. */
    public Builder buildEnvironment(Map<String, String> variables) {
      Objects.requireNonNull(variables, "variables is null").forEach(this::buildEnvironment);
      return this;
    }

    /** Adds one summary line. */
    public Builder note(String note) {
      notes.add(Objects.requireNonNull(note, "note is null"));
      return this;
    }

    /** Adds summary lines, in order. */
    public Builder notes(List<String> lines) {
      Objects.requireNonNull(lines, "lines is null").forEach(this::note);
      return this;
    }

    /** The source; the builder may be used again afterwards. */
    public ResolvedSource build() {
      return new ResolvedSource(this);
    }
  }
}
