package dev.mkwheels.resolver;

import dev.mkwheels.python.filename.BuildTag;
import dev.mkwheels.python.filename.InvalidFileNameException;
import dev.mkwheels.python.filename.WheelFileName;
import dev.mkwheels.python.index.IndexFile;
import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.tags.Tag;
import dev.mkwheels.python.version.InvalidSpecifierException;
import dev.mkwheels.python.version.InvalidVersionException;
import dev.mkwheels.python.version.SpecifierSet;
import dev.mkwheels.python.version.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Which of a project's files one target can use, and in which order, as pip's {@code LinkEvaluator}
 * and {@code CandidateEvaluator._sort_key} decide: a wheel with one of the target's tags, ranked by
 * its best tag; an sdist last (unless only binaries are allowed); not a file whose {@code
 * Requires-Python} the target's Python does not meet (an invalid one is ignored, as pip does); not
 * a file uploaded after the cutoff. Within a version: not yanked before yanked, then the best tag,
 * then the highest build tag; equal files keep pip's tie order (the later source first).
 */
final class IndexFileOrder {
  private final Target target;
  private final Map<Tag, Integer> ranks = new HashMap<>();
  private final Optional<Version> python;
  private final boolean onlyBinary;
  private final Optional<Instant> cutoff;

  IndexFileOrder(Target target, boolean onlyBinary, Optional<Instant> cutoff) {
    this.target = Objects.requireNonNull(target, "target is null");
    for (int i = 0; i < target.tags().size(); i++) {
      ranks.putIfAbsent(target.tags().get(i), i);
    }
    this.python = parseVersion(target.environment().pythonFullVersion());
    this.onlyBinary = onlyBinary;
    this.cutoff = Objects.requireNonNull(cutoff, "cutoff is null");
  }

  /** The versions of {@code project} in {@code files} (in source order), newest first. */
  List<Candidate> candidates(ProjectName project, List<IndexFile> files) {
    Map<Version, List<Ranked>> byVersion = new TreeMap<>(Comparator.reverseOrder());
    for (IndexFile file : files) {
      Optional<Version> version = file.version(project);
      if (version.isEmpty() || !usable(file)) {
        continue;
      }
      OptionalInt rank = rank(file);
      if (rank.isEmpty()) {
        continue;
      }
      byVersion
          .computeIfAbsent(version.get(), v -> new ArrayList<>())
          .add(new Ranked(file, rank.getAsInt(), buildTag(file)));
    }
    List<Candidate> candidates = new ArrayList<>();
    for (Map.Entry<Version, List<Ranked>> entry : byVersion.entrySet()) {
      List<Ranked> ranked = new ArrayList<>(entry.getValue());
      // pip sorts ascending by preference (stable), then takes the list reversed.
      ranked.sort(PREFERENCE);
      Collections.reverse(ranked);
      List<IndexFile> ordered = ranked.stream().map(Ranked::file).toList();
      boolean yanked = ordered.stream().allMatch(IndexFile::yanked);
      Version version = ordered.get(0).version(project).orElse(entry.getKey());
      candidates.add(new Candidate(project, version, ordered, yanked, Optional.empty()));
    }
    return candidates;
  }

  /** Whether Requires-Python and the cutoff let the file exist for this target. */
  private boolean usable(IndexFile file) {
    if (file.uploadTime().isPresent()
        && cutoff.isPresent()
        && file.uploadTime().get().isAfter(cutoff.get())) {
      return false;
    }
    if (file.requiresPython().isPresent() && python.isPresent()) {
      try {
        return SpecifierSet.parse(file.requiresPython().get()).contains(python.get());
      } catch (InvalidSpecifierException e) {
        return true;
      }
    }
    return true;
  }

  /** The index of the wheel's best tag in the target's list; the list's size for an sdist. */
  private OptionalInt rank(IndexFile file) {
    if (!file.isWheel()) {
      return onlyBinary ? OptionalInt.empty() : OptionalInt.of(target.tags().size());
    }
    try {
      return WheelFileName.parse(file.fileName()).tags().stream()
          .map(ranks::get)
          .filter(Objects::nonNull)
          .mapToInt(Integer::intValue)
          .min();
    } catch (InvalidFileNameException e) {
      return OptionalInt.empty();
    }
  }

  private static Optional<BuildTag> buildTag(IndexFile file) {
    if (!file.isWheel()) {
      return Optional.empty();
    }
    return WheelFileName.parse(file.fileName()).build();
  }

  private static Optional<Version> parseVersion(String text) {
    try {
      return text.isBlank() ? Optional.empty() : Optional.of(Version.parse(text));
    } catch (InvalidVersionException e) {
      return Optional.empty();
    }
  }

  private record Ranked(IndexFile file, int rank, Optional<BuildTag> build) {}

  /** Ascending preference, pip's key without the version: (not yanked, -rank, build tag). */
  private static final Comparator<Ranked> PREFERENCE =
      Comparator.<Ranked>comparingInt(r -> r.file().yanked() ? 0 : 1)
          .thenComparingInt(r -> -r.rank())
          .thenComparing(
              Ranked::build,
              (a, b) ->
                  a.isEmpty()
                      ? (b.isEmpty() ? 0 : -1)
                      : b.isEmpty() ? 1 : a.get().compareTo(b.get()));
}
