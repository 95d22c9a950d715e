package dev.mkwheels.resolver;

import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.requirement.Requirement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the resolver learns what exists: the versions of a project and their dependencies. The
 * resolver decides which to take (specifiers, pre-releases, yanked, preferences, backtracking); the
 * provider decides what exists for a target (files it can install, uploaded before the cutoff,
 * whose {@code Requires-Python} it meets). Implementations cache: the resolver asks again freely.
 * Thread-safe.
 */
public interface CandidateProvider {

  /**
   * The versions of {@code project} there are for {@code target}, newest first; each with at least
   * one file. Empty when the project has none for the target.
   *
   * @throws ResolutionException when no index can be read (one line naming the index)
   */
  List<Candidate> candidates(ProjectName project, Target target) throws ResolutionException;

  /**
   * When {@link #candidates} is empty: why, in a few words, for a message that already says there
   * is none for the target (the indexes have no file of it; or its files are all for other tags,
   * other Pythons, after the cutoff, sdists where only wheels are taken). Empty when the provider
   * cannot say, as by default.
   *
   * @throws ResolutionException as {@link #candidates} does
   */
  default Optional<String> whyNone(ProjectName project, Target target) throws ResolutionException {
    return Optional.empty();
  }

  /**
   * The candidate for a direct reference ({@code name @ URL}): a git URL cloned at its ref, a local
   * directory, an archive URL.
   *
   * @throws ResolutionException when it cannot be had (one line naming the URL, credentials
   *     removed)
   */
  Candidate direct(Requirement requirement, Target target) throws ResolutionException;

  /**
   * What {@code candidate} requires ({@code Requires-Dist}), unevaluated: the resolver evaluates
   * the markers for each target and extra. Read from PEP 658 metadata when the index has it, else
   * from the wheel, else from an sdist's static {@code PKG-INFO}, else from a build.
   *
   * @throws ResolutionException when the metadata cannot be had (one line naming the file)
   */
  Dependencies dependencies(Candidate candidate) throws ResolutionException;

  /**
   * What a candidate's metadata says it needs.
   *
   * @param requiresDist its {@code Requires-Dist}, in metadata order
   * @param requiresPython its {@code Requires-Python}, empty when it says none
   * @param providesExtra its {@code Provides-Extra}
   */
  record Dependencies(
      List<Requirement> requiresDist, Optional<String> requiresPython, List<String> providesExtra) {
    public Dependencies {
      requiresDist = List.copyOf(requiresDist);
      Objects.requireNonNull(requiresPython, "requiresPython is null");
      providesExtra = List.copyOf(providesExtra);
    }
  }
}
