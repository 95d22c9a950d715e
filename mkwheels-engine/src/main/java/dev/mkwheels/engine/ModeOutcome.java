package dev.mkwheels.engine;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.ResolvedSource;
import dev.mkwheels.packaging.PackResult;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a mode's run made: the source it resolved, the packed artifact, and the summary's fields
 * (sorted by key; values are strings or lists of strings), for the command line to print.
 */
public record ModeOutcome(ResolvedSource source, PackResult result, Map<String, Object> summary) {
  public ModeOutcome {
    requireNonNull(source, "source is null");
    requireNonNull(result, "result is null");
    summary = new TreeMap<>(summary);
  }

  /** The summary's fields, a copy the caller may add to. */
  @Override
  public Map<String, Object> summary() {
    return new TreeMap<>(summary);
  }
}
