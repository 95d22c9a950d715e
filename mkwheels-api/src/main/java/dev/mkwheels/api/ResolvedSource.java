package dev.mkwheels.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a {@link SourceProvider} resolved: enough for the host to run pip and name the artifact.
 *
 * @param name the package name used in the artifact's file name ({@code <name>-wheels-<version>})
 * @param version the normalized version, without a leading {@code v}
 * @param epoch the build's epoch and its origin
 * @param target what pip must install
 * @param buildEnvironment extra environment for pip while it builds metadata (for example {@code
 *     SETUPTOOLS_SCM_PRETEND_VERSION}); sorted copy
 * @param notes lines for the summary, for example which ref a tag resolved to; never secrets
 */
public record ResolvedSource(
    String name,
    String version,
    Epoch epoch,
    InstallTarget target,
    Map<String, String> buildEnvironment,
    List<String> notes) {

  public ResolvedSource {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(version, "version is null");
    Objects.requireNonNull(epoch, "epoch is null");
    Objects.requireNonNull(target, "target is null");
    buildEnvironment = Map.copyOf(new TreeMap<>(buildEnvironment));
    notes = List.copyOf(notes);
  }

  /** A source with no extra build environment and no notes. */
  public ResolvedSource(String name, String version, Epoch epoch, InstallTarget target) {
    this(name, version, epoch, target, Map.of(), List.of());
  }
}
