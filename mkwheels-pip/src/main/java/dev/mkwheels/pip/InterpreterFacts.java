package dev.mkwheels.pip;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.resolver.Target;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one run of the interpreter told ({@link InterpreterProbe}): what {@code pip --version},
 * {@code pip config list} and {@link HostTarget} each ran it for.
 *
 * @param pip pip's version and the Python it runs on
 * @param configuration pip's configuration as {@code pip config list} lists it, {@code section.key}
 *     to value, sorted ({@link PipIndexes#of(Map, PipOptions, String)} reads it)
 * @param host the interpreter's own target, named {@value HostTarget#NAME}
 */
public record InterpreterFacts(PipVersion pip, Map<String, String> configuration, Target host) {
  public InterpreterFacts {
    requireNonNull(pip, "pip is null");
    configuration =
        java.util.Collections.unmodifiableSortedMap(
            new TreeMap<>(requireNonNull(configuration, "configuration is null")));
    requireNonNull(host, "host is null");
  }
}
