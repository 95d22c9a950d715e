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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
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
  private final FormatControl formats;
  private final boolean preferBinary;
  private final Optional<Instant> cutoff;

  IndexFileOrder(Target target, boolean onlyBinary, Optional<Instant> cutoff) {
    this(target, onlyBinary, FormatControl.ANY, false, cutoff);
  }

  /**
   * @param onlyBinary the run takes wheels only (another machine, {@code --no-build})
   * @param formats which kinds pip's configuration lets each project take
   * @param preferBinary pip's {@code prefer-binary}: the versions that have a wheel come before
   *     those that have only an sdist, each group newest first
   */
  IndexFileOrder(
      Target target,
      boolean onlyBinary,
      FormatControl formats,
      boolean preferBinary,
      Optional<Instant> cutoff) {
    this.formats = Objects.requireNonNull(formats, "formats is null");
    this.preferBinary = preferBinary;
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
    boolean wheels = formats.wheels(project);
    boolean sdists = takesSdists(project);
    for (IndexFile file : files) {
      Optional<Version> version = file.version(project);
      if (version.isEmpty() || !usable(file)) {
        continue;
      }
      OptionalInt rank = rank(file, wheels, sdists);
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
    if (preferBinary) {
      // pip's sort key puts not yanked before yanked, then a wheel before an sdist, then the
      // version: a stable sort of the newest-first list by the first two.
      candidates.sort(
          Comparator.comparingInt((Candidate c) -> c.yanked() ? 1 : 0)
              .thenComparingInt(c -> c.files().get(0).isWheel() ? 0 : 1));
    }
    return candidates;
  }

  /** Whether {@code project} takes sdists: the run allows them and pip's configuration too. */
  private boolean takesSdists(ProjectName project) {
    return !onlyBinary && formats.sdists(project);
  }

  /** How many of a kind a message names before it only counts the rest. */
  private static final int NAMED = 3;

  /**
   * Why {@link #candidates} gives {@code project} none from {@code files}, in a few words, for a
   * message that already says there is none for the target: {@code no index or find-links location
   * has a file of it}, or what kept each of its files out, counted by kind, in the order the files
   * are judged: uploaded after the cutoff, another Python's ({@code Requires-Python}), an sdist
   * where only wheels are taken, a wheel for other tags. Empty when some file is usable.
   */
  Optional<String> whyNone(ProjectName project, List<IndexFile> files) {
    int late = 0;
    int sdists = 0;
    Set<String> pythons = new LinkedHashSet<>();
    int otherPython = 0;
    Set<String> tags = new LinkedHashSet<>();
    int otherTags = 0;
    // Newest version first, so that the tags named are the latest release's.
    List<IndexFile> ordered = new ArrayList<>();
    for (IndexFile file : files) {
      if (file.version(project).isPresent()) {
        ordered.add(file);
      }
    }
    ordered.sort(
        Comparator.comparing((IndexFile f) -> f.version(project).orElseThrow()).reversed());
    boolean wheelsTaken = formats.wheels(project);
    boolean sdistsTaken = takesSdists(project);
    int refusedWheels = 0;
    for (IndexFile file : ordered) {
      if (late(file)) {
        late++;
      } else if (!fitsPython(file)) {
        otherPython++;
        pythons.add(file.requiresPython().orElseThrow().strip());
      } else if (rank(file, wheelsTaken, sdistsTaken).isPresent()) {
        return Optional.empty();
      } else if (!file.isWheel()) {
        sdists++;
      } else if (!wheelsTaken) {
        refusedWheels++;
      } else {
        otherTags++;
        tags.add(tagPart(file.fileName()));
      }
    }
    int count = ordered.size();
    if (count == 0) {
      return Optional.of("no index or find-links location has a file of it");
    }
    String after = cutoff.map(Instant::toString).orElse("");
    List<Kind> kinds = new ArrayList<>();
    kinds.add(new Kind(late, "was", "were", "uploaded after " + after));
    kinds.add(
        new Kind(
            otherPython,
            "is",
            "are",
            "for another Python (Requires-Python " + named(pythons) + ")"));
    kinds.add(
        new Kind(
            sdists,
            "is an sdist",
            "are sdists",
            onlyBinary ? "(only wheels are taken)" : "(pip's only-binary takes wheels only)"));
    kinds.add(
        new Kind(refusedWheels, "is a wheel", "are wheels", "(pip's no-binary takes sdists only)"));
    kinds.add(
        new Kind(otherTags, "is a wheel", "are wheels", "for other tags (" + named(tags) + ")"));
    kinds.removeIf(k -> k.count() == 0);
    if (kinds.size() == 1) {
      // "its file is a wheel for other tags (...)", "its 3 files are sdists (...)"
      return Optional.of(
          "its " + (count == 1 ? "file " : count + " files ") + kinds.get(0).said(count));
    }
    List<String> parts = new ArrayList<>();
    for (Kind k : kinds) {
      parts.add(k.count() + " " + k.said(k.count()));
    }
    String last = parts.remove(parts.size() - 1);
    return Optional.of("of its " + count + " files, " + String.join(", ", parts) + " and " + last);
  }

  /**
   * {@code count} files kept out for one reason, said as {@code one} or {@code many} (the verb and
   * noun, {@code is a wheel} or {@code are wheels}), then {@code rest}.
   */
  private record Kind(int count, String one, String many, String rest) {
    String said(int files) {
      return (files == 1 ? one : many) + " " + rest;
    }
  }

  /** The first {@link #NAMED} of {@code texts}, then how many more there are. */
  private static String named(Set<String> texts) {
    List<String> all = List.copyOf(texts);
    String shown = String.join(", ", all.subList(0, Math.min(NAMED, all.size())));
    return all.size() > NAMED ? shown + " and " + (all.size() - NAMED) + " more" : shown;
  }

  /** {@code python-abi-platform} of a wheel's file name, as written. */
  private static String tagPart(String fileName) {
    String stem =
        fileName.endsWith(".whl") ? fileName.substring(0, fileName.length() - 4) : fileName;
    int platform = stem.lastIndexOf('-');
    int abi = platform > 0 ? stem.lastIndexOf('-', platform - 1) : -1;
    int python = abi > 0 ? stem.lastIndexOf('-', abi - 1) : -1;
    return python < 0 ? fileName : stem.substring(python + 1);
  }

  /** Whether the file was uploaded after the cutoff, and so does not exist for the resolver. */
  private boolean late(IndexFile file) {
    return file.uploadTime().isPresent()
        && cutoff.isPresent()
        && file.uploadTime().get().isAfter(cutoff.get());
  }

  /** Whether the target's Python meets the file's Requires-Python (an invalid one is ignored). */
  private boolean fitsPython(IndexFile file) {
    if (file.requiresPython().isPresent() && python.isPresent()) {
      try {
        return SpecifierSet.parse(file.requiresPython().get()).contains(python.get());
      } catch (InvalidSpecifierException e) {
        return true;
      }
    }
    return true;
  }

  /** Whether Requires-Python and the cutoff let the file exist for this target. */
  private boolean usable(IndexFile file) {
    return !late(file) && fitsPython(file);
  }

  /**
   * The index of the wheel's best tag in the target's list; the list's size for an sdist; empty for
   * a file of a kind not taken.
   */
  private OptionalInt rank(IndexFile file, boolean wheels, boolean sdists) {
    if (!file.isWheel()) {
      return sdists ? OptionalInt.of(target.tags().size()) : OptionalInt.empty();
    }
    if (!wheels) {
      return OptionalInt.empty();
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
