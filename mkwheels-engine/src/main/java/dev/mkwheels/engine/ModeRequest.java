package dev.mkwheels.engine;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Epoch;
import dev.mkwheels.api.ProviderOptions;
import dev.mkwheels.api.SourceProvider;
import dev.mkwheels.pip.PipOptions;
import dev.mkwheels.pip.TargetOptions;
import dev.mkwheels.resolver.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One {@code mkwheels --<mode>} run, as the command line parsed it.
 *
 * @param provider the selected source
 * @param options the source's own options
 * @param fixedEpoch the epoch the user fixed ({@code --epoch}, {@code SOURCE_DATE_EPOCH}), if any
 * @param python the interpreter whose pip resolves
 * @param index the index options
 * @param target the target options ({@link TargetOptions#HOST} for this machine)
 * @param wheelsOnly build every sdist into a wheel
 * @param noBuild refuse anything whose build code would run here
 * @param requireIndexHashes fail on a file with no index hash
 * @param outputDir where the tarball goes, absolute
 * @param verify install the tarball offline after packing
 * @param environment the user's environment, for pip and the source
 * @param pipTimeout the longest one pip run may take
 * @param resolver who resolves the tree
 * @param targets the native resolver's targets; empty for the interpreter's own machine
 * @param uploadedPriorTo the cutoff the user gave, if any
 */
public record ModeRequest(
    SourceProvider provider,
    ProviderOptions options,
    Optional<Epoch> fixedEpoch,
    String python,
    PipOptions index,
    TargetOptions target,
    boolean wheelsOnly,
    boolean noBuild,
    boolean requireIndexHashes,
    Path outputDir,
    boolean verify,
    Map<String, String> environment,
    Duration pipTimeout,
    ResolverChoice resolver,
    List<Target> targets,
    Optional<Instant> uploadedPriorTo) {

  public ModeRequest {
    requireNonNull(provider, "provider is null");
    requireNonNull(options, "options is null");
    requireNonNull(fixedEpoch, "fixedEpoch is null");
    requireNonNull(python, "python is null");
    requireNonNull(index, "index is null");
    requireNonNull(target, "target is null");
    requireNonNull(outputDir, "outputDir is null");
    environment = Map.copyOf(new TreeMap<>(environment));
    requireNonNull(pipTimeout, "pipTimeout is null");
    requireNonNull(resolver, "resolver is null");
    targets = List.copyOf(targets);
    requireNonNull(uploadedPriorTo, "uploadedPriorTo is null");
  }
}
