package dev.mkwheels.pip;

import dev.mkwheels.python.tags.PlatformTags;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Another target machine than the interpreter's: pip's {@code --platform}, {@code
 * --python-version}, {@code --implementation} and {@code --abi}. Immutable.
 *
 * @param platforms the platform tags the user named; {@link #arguments()} widens each to the older
 *     tags that machine also runs ({@link #widened})
 * @param pythonVersion for example {@code 3.12}
 * @param implementation for example {@code cp}
 * @param abi for example {@code cp312}
 */
public record TargetOptions(
    List<String> platforms,
    Optional<String> pythonVersion,
    Optional<String> implementation,
    Optional<String> abi) {

  /** The interpreter's own platform. */
  public static final TargetOptions HOST =
      new TargetOptions(List.of(), Optional.empty(), Optional.empty(), Optional.empty());

  public TargetOptions {
    platforms = List.copyOf(platforms);
    Objects.requireNonNull(pythonVersion, "pythonVersion is null");
    Objects.requireNonNull(implementation, "implementation is null");
    Objects.requireNonNull(abi, "abi is null");
  }

  /** Whether any target option was given: then pip only takes wheels. */
  public boolean foreign() {
    return !platforms.isEmpty()
        || pythonVersion.isPresent()
        || implementation.isPresent()
        || abi.isPresent();
  }

  /**
   * The arguments for {@code pip download}: nothing for the host; otherwise the options, every
   * platform widened, and {@code --only-binary=:all:}, which pip requires with any of them.
   */
  public List<String> arguments() {
    if (!foreign()) {
      return List.of();
    }
    List<String> args = new ArrayList<>();
    widened(platforms).forEach(tag -> args.addAll(List.of("--platform", tag)));
    pythonVersion.ifPresent(v -> args.addAll(List.of("--python-version", v)));
    implementation.ifPresent(v -> args.addAll(List.of("--implementation", v)));
    abi.ifPresent(v -> args.addAll(List.of("--abi", v)));
    args.add("--only-binary=:all:");
    return List.copyOf(args);
  }

  /**
   * One line for the summary: what the user named and what mkwheels added, or {@code the
   * interpreter's own platform}.
   */
  public String describe() {
    if (!foreign()) {
      return "the interpreter's own platform";
    }
    List<String> parts = new ArrayList<>();
    platforms.forEach(p -> parts.add("--platform " + p));
    pythonVersion.ifPresent(v -> parts.add("--python-version " + v));
    implementation.ifPresent(v -> parts.add("--implementation " + v));
    abi.ifPresent(v -> parts.add("--abi " + v));
    int added = widened(platforms).size() - platforms.size();
    String widened = added > 0 ? ", " + added + " older compatible platform tags added" : "";
    return String.join(" ", parts) + widened + ", --only-binary=:all: added (pip requires it)";
  }

  /**
   * Each platform the user named, followed by every tag a machine of that platform also accepts,
   * newest first, as {@code packaging.tags} lists them ({@link PlatformTags#expand}): pip's {@code
   * --platform} takes tags literally, and a user who names {@code manylinux_2_28_x86_64} expects
   * {@code manylinux2014} wheels too. Without repeats.
   */
  static List<String> widened(List<String> platforms) {
    Set<String> tags = new LinkedHashSet<>();
    for (String platform : platforms) {
      tags.add(platform);
      tags.addAll(PlatformTags.expand(platform));
    }
    return List.copyOf(tags);
  }
}
