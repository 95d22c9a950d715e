package dev.mkwheels.resolver;

import dev.mkwheels.python.index.IndexClient;
import dev.mkwheels.python.index.IndexException;
import dev.mkwheels.python.index.IndexFile;
import dev.mkwheels.python.metadata.CoreMetadata;
import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.requirement.InvalidRequirementException;
import dev.mkwheels.python.version.InvalidVersionException;
import dev.mkwheels.python.version.Version;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A candidate's dependencies from the cheapest source that knows them: the index's PEP 658 {@code
 * .metadata} of its preferred file, else the wheel's {@code METADATA} (a local wheel read in place;
 * a remote one downloaded into the shared cache, where the downloader finds it again), else an
 * sdist's static {@code PKG-INFO} (PEP 643), else a build by the {@link MetadataBuilder}. Each
 * file's metadata is read once.
 */
final class MetadataReader {
  private final IndexClient client;
  private final Optional<Downloader> downloader;
  private final Optional<MetadataBuilder> builder;
  private final IndexMemo<URI, CandidateProvider.Dependencies> read = new IndexMemo<>();

  MetadataReader(
      IndexClient client, Optional<Downloader> downloader, Optional<MetadataBuilder> builder) {
    this.client = Objects.requireNonNull(client, "client is null");
    this.downloader = Objects.requireNonNull(downloader, "downloader is null");
    this.builder = Objects.requireNonNull(builder, "builder is null");
  }

  CandidateProvider.Dependencies dependencies(Candidate candidate) throws ResolutionException {
    if (candidate.directUrl().isPresent()) {
      if (builder.isEmpty()) {
        throw new ResolutionException(
            candidate.name() + " " + candidate.version() + ": a direct URL needs a build");
      }
      return builder.get().dependencies(candidate);
    }
    IndexFile file =
        candidate
            .preferredFile()
            .orElseThrow(
                () ->
                    new ResolutionException(
                        candidate.name() + " " + candidate.version() + " has no file"));
    return read.get(file.url(), url -> readFile(candidate, file));
  }

  private CandidateProvider.Dependencies readFile(Candidate candidate, IndexFile file)
      throws ResolutionException {
    if (file.metadata().isPresent()) {
      CoreMetadata metadata;
      try {
        metadata = client.metadata(file);
      } catch (IndexException e) {
        throw new ResolutionException(e.getMessage(), e);
      }
      if (file.isWheel() || SdistMetadata.isStatic(metadata)) {
        return dependencies(candidate, file, metadata);
      }
    }
    Path local = local(file);
    if (file.isWheel()) {
      try {
        return dependencies(candidate, file, CoreMetadata.fromWheel(local));
      } catch (IOException e) {
        throw new ResolutionException(
            "cannot read the metadata of " + file.fileName() + ": " + e.getMessage(), e);
      }
    }
    Optional<CoreMetadata> pkgInfo;
    try {
      pkgInfo = SdistMetadata.read(local, file.fileName());
    } catch (IOException e) {
      throw new ResolutionException(
          "cannot read the PKG-INFO of " + file.fileName() + ": " + e.getMessage(), e);
    }
    if (pkgInfo.isPresent() && SdistMetadata.isStatic(pkgInfo.get())) {
      return dependencies(candidate, file, pkgInfo.get());
    }
    if (builder.isPresent()) {
      return builder.get().build(file, local);
    }
    throw new ResolutionException(
        file.fileName()
            + " has no static metadata (no Metadata-Version 2.2+ PKG-INFO, or Requires-Dist is"
            + " dynamic): a build is needed to resolve "
            + candidate.name()
            + " "
            + candidate.version());
  }

  /**
   * Where {@code file} can be read for its metadata: a {@code file:} URL in place, neither copied
   * nor hashed (only its central directory and one member are read; the whole file is hashed once,
   * when it is downloaded or packed), else the downloader's cached copy.
   */
  private Path local(IndexFile file) throws ResolutionException {
    if ("file".equalsIgnoreCase(file.url().getScheme())) {
      return Path.of(file.url());
    }
    if (downloader.isPresent()) {
      return downloader.get().cached(file);
    }
    throw new ResolutionException(
        "cannot read the metadata of " + file.fileName() + ": nothing to download it with");
  }

  /** The metadata's dependencies, once it is known to be the candidate's own. */
  private static CandidateProvider.Dependencies dependencies(
      Candidate candidate, IndexFile file, CoreMetadata metadata) throws ResolutionException {
    Optional<String> name = metadata.name();
    Optional<Version> version;
    try {
      version = metadata.version().map(v -> Version.parse(v.strip()));
    } catch (InvalidVersionException e) {
      version = Optional.empty();
    }
    if (name.isEmpty()
        || !ProjectName.isValid(name.get().strip())
        || !ProjectName.of(name.get().strip()).equals(candidate.name())
        || version.isEmpty()
        || !version.get().equals(candidate.version())) {
      throw new ResolutionException(
          "the metadata of "
              + file.fileName()
              + " says "
              + name.orElse("no name")
              + " "
              + metadata.version().orElse("no version")
              + ", not "
              + candidate.name()
              + " "
              + candidate.version());
    }
    try {
      return new CandidateProvider.Dependencies(
          metadata.requiresDist(), metadata.requiresPython(), metadata.providesExtra());
    } catch (InvalidRequirementException e) {
      throw new ResolutionException(
          "the metadata of " + file.fileName() + " has an invalid Requires-Dist: " + e.getMessage(),
          e);
    }
  }
}
