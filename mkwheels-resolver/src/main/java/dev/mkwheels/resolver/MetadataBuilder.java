package dev.mkwheels.resolver;

import dev.mkwheels.python.index.IndexFile;
import dev.mkwheels.python.requirement.Requirement;
import java.nio.file.Path;

/**
 * What has to run a build backend to learn a project's metadata: an sdist whose {@code
 * Requires-Dist} is dynamic (or older than Metadata-Version 2.2), a local source tree, a git URL,
 * an archive URL. {@link IndexCandidates} asks it only when nothing static answers. Implementations
 * run the interpreter's pip; thread-safe.
 */
public interface MetadataBuilder {

  /**
   * The candidate a direct reference ({@code name @ URL}) stands for: a {@code git+} URL (cloned at
   * its ref, and the commit it resolved to recorded in the candidate's {@code directUrl} as
   * {@code @<commit>}), a local directory, an archive URL.
   *
   * @throws ResolutionException when it cannot be had or built (one line naming the URL,
   *     credentials removed)
   */
  Candidate direct(Requirement requirement) throws ResolutionException;

  /**
   * The metadata of the sdist {@code sdist}, downloaded at {@code downloaded}, from a build.
   *
   * @throws ResolutionException when the build fails (one line naming the file)
   */
  CandidateProvider.Dependencies build(IndexFile sdist, Path downloaded) throws ResolutionException;

  /**
   * What a candidate {@link #direct} returned requires. The default says the builder cannot tell; a
   * builder that makes direct candidates keeps what it learned making them.
   *
   * @throws ResolutionException when it cannot be told
   */
  default CandidateProvider.Dependencies dependencies(Candidate direct) throws ResolutionException {
    throw new ResolutionException(
        "no metadata for " + direct.name() + " " + direct.version() + " from its direct URL");
  }
}
