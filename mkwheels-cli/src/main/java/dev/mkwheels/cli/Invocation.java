package dev.mkwheels.cli;

import dev.mkwheels.api.ProviderOptions;
import dev.mkwheels.api.SourceProvider;

/**
 * One parsed {@code mkwheels --<mode> ...} command line: the selected source, its options, and the
 * common options.
 */
record Invocation(SourceProvider provider, ProviderOptions options, CommonOptions common) {}
