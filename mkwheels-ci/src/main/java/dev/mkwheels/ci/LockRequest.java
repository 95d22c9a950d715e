package dev.mkwheels.ci;

import dev.mkwheels.pip.PipOptions;
import dev.mkwheels.resolver.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code mkwheels lock} was asked.
 *
 * @param requirements the requirement files ({@code --req}), as given
 * @param output the lock to write ({@code --out}); its pins are kept while still valid
 * @param index pip's index options
 * @param upgrade {@code --upgrade}: keep no existing pin
 * @param upgradePackages {@code --upgrade-package}: keep no existing pin of these (normalized)
 * @param command the command line for the header, credentials removed
 * @param format what to write: requirements-style or pylock.toml
 * @param resolver which resolver runs
 * @param targets {@code --target}: the targets to lock for, one lock each; empty for the
 *     interpreter's own (or {@code pythonVersion}'s). With more than one, {@code output} holds
 *     {@value #TARGET_PLACEHOLDER}, replaced by each target's name
 * @param pythonVersion {@code --python-version X.Y} without {@code --target}: that Python on the
 *     interpreter's platform, no such interpreter needed
 */
public record LockRequest(
    List<Path> requirements,
    Path output,
    PipOptions index,
    boolean upgrade,
    Set<String> upgradePackages,
    String command,
    LockFormat format,
    LockResolver resolver,
    List<Target> targets,
    Optional<String> pythonVersion) {
  /** What {@code --out} holds to name one lock per target. */
  public static final String TARGET_PLACEHOLDER = "{target}";

  /** A lock by pip for the interpreter. */
  public LockRequest(
      List<Path> requirements,
      Path output,
      PipOptions index,
      boolean upgrade,
      Set<String> upgradePackages,
      String command,
      LockFormat format) {
    this(
        requirements,
        output,
        index,
        upgrade,
        upgradePackages,
        command,
        format,
        LockResolver.PIP,
        List.of(),
        Optional.empty());
  }

  /** A requirements-style lock. */
  public LockRequest(
      List<Path> requirements,
      Path output,
      PipOptions index,
      boolean upgrade,
      Set<String> upgradePackages,
      String command) {
    this(requirements, output, index, upgrade, upgradePackages, command, LockFormat.REQUIREMENTS);
  }

  public LockRequest {
    requirements = List.copyOf(requirements);
    Objects.requireNonNull(output, "output is null");
    Objects.requireNonNull(index, "index is null");
    TreeSet<String> normalized = new TreeSet<>();
    upgradePackages.forEach(p -> normalized.add(Pin.normalize(p)));
    upgradePackages = Set.copyOf(normalized);
    Objects.requireNonNull(command, "command is null");
    Objects.requireNonNull(format, "format is null");
    Objects.requireNonNull(resolver, "resolver is null");
    targets = List.copyOf(targets);
    Objects.requireNonNull(pythonVersion, "pythonVersion is null");
    if (requirements.isEmpty()) {
      throw new IllegalArgumentException("no requirement files");
    }
    if (resolver == LockResolver.PIP && (!targets.isEmpty() || pythonVersion.isPresent())) {
      throw new IllegalArgumentException(
          "--target and --python-version need --resolver native: pip resolves for its own"
              + " interpreter only");
    }
    if (!targets.isEmpty() && pythonVersion.isPresent()) {
      throw new IllegalArgumentException(
          "--python-version names a Python on this machine's platform; with --target, put the"
              + " version in the target (cp312-...)");
    }
    if (pythonVersion.isPresent() && !pythonVersion.get().matches("\\d+\\.\\d+")) {
      throw new IllegalArgumentException(
          "--python-version takes X.Y (3.12), not '" + pythonVersion.get() + "'");
    }
    if (targets.size() > 1 && !output.toString().contains(TARGET_PLACEHOLDER)) {
      throw new IllegalArgumentException(
          "several --target write one lock each: --out must hold "
              + TARGET_PLACEHOLDER
              + ", e.g. --out 'requirements-"
              + TARGET_PLACEHOLDER
              + ".lock'");
    }
    if (targets.stream().map(Target::name).distinct().count() < targets.size()) {
      throw new IllegalArgumentException("a --target is given twice");
    }
  }

  /** The same request, resolved natively for {@code targets} or {@code pythonVersion}. */
  public LockRequest withResolver(
      LockResolver newResolver, List<Target> newTargets, Optional<String> newPythonVersion) {
    return new LockRequest(
        requirements,
        output,
        index,
        upgrade,
        upgradePackages,
        command,
        format,
        newResolver,
        newTargets,
        newPythonVersion);
  }

  /** Where the lock of {@code target} goes: {@link #output} with its placeholder filled. */
  public Path output(String target) {
    String text = output.toString();
    return text.contains(TARGET_PLACEHOLDER)
        ? Path.of(text.replace(TARGET_PLACEHOLDER, target))
        : output;
  }
}
