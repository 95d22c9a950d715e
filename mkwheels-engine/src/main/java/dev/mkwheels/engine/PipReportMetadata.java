package dev.mkwheels.engine;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mkwheels.pip.PipCommand;
import dev.mkwheels.pip.PipException;
import dev.mkwheels.pip.PipResult;
import dev.mkwheels.pip.PipRunner;
import dev.mkwheels.python.index.IndexFile;
import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.requirement.Requirement;
import dev.mkwheels.python.version.Version;
import dev.mkwheels.resolver.Candidate;
import dev.mkwheels.resolver.CandidateProvider.Dependencies;
import dev.mkwheels.resolver.MetadataBuilder;
import dev.mkwheels.resolver.ResolutionException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Metadata no file states, from the interpreter's pip: {@code pip install --dry-run --no-deps
 * --ignore-installed --report -} on a local source tree or a downloaded sdist runs its build
 * backend once and reports its name, version, Requires-Dist and Requires-Python. Only local
 * directories are direct references here. Thread-safe.
 */
final class PipReportMetadata implements MetadataBuilder {
  private final PipRunner pip;
  private final List<String> indexArguments;
  private final Map<String, String> buildEnvironment;
  private final Map<Candidate, Dependencies> direct = new ConcurrentHashMap<>();

  /**
   * @param indexArguments pip's index options, where the build backends come from
   * @param buildEnvironment what every build gets (SOURCE_DATE_EPOCH, the source's own)
   */
  PipReportMetadata(
      PipRunner pip, List<String> indexArguments, Map<String, String> buildEnvironment) {
    this.pip = requireNonNull(pip, "pip is null");
    this.indexArguments = List.copyOf(indexArguments);
    this.buildEnvironment = Map.copyOf(buildEnvironment);
  }

  @Override
  public Candidate direct(Requirement requirement) throws ResolutionException {
    String url = requirement.url().orElse("");
    if (!url.startsWith("file:")) {
      throw new ResolutionException(
          requirement.name()
              + " @ "
              + url
              + ": --resolver native takes no direct reference but a local directory; use"
              + " --resolver pip");
    }
    Path directory = Path.of(URI.create(url));
    JsonNode metadata = report(directory.toString(), requirement.name());
    Candidate candidate =
        new Candidate(
            ProjectName.of(metadata.path("name").asText(requirement.name())),
            Version.parse(metadata.path("version").asText()),
            List.of(),
            false,
            Optional.of(URI.create(url)));
    direct.put(candidate, dependencies(metadata));
    return candidate;
  }

  @Override
  public Dependencies dependencies(Candidate candidate) throws ResolutionException {
    Dependencies known = direct.get(candidate);
    if (known == null) {
      return MetadataBuilder.super.dependencies(candidate);
    }
    return known;
  }

  @Override
  public Dependencies build(IndexFile sdist, Path downloaded) throws ResolutionException {
    return dependencies(report(downloaded.toString(), sdist.fileName()));
  }

  private JsonNode report(String what, String name) throws ResolutionException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "install",
                "--dry-run",
                "--no-deps",
                "--ignore-installed",
                "--quiet",
                "--report",
                "-",
                what));
    args.addAll(indexArguments);
    PipResult result;
    try {
      result =
          pip.run(
              PipCommand.of(args)
                  .withLabel("pip install --dry-run --report (metadata of " + name + ")")
                  .withEnvironment(buildEnvironment));
    } catch (PipException e) {
      throw new ResolutionException("cannot build the metadata of " + name + ": " + e.getMessage());
    }
    if (!result.succeeded()) {
      throw new ResolutionException(
          "cannot build the metadata of " + name + " (pip: " + result.failure() + ")");
    }
    try {
      JsonNode install = new ObjectMapper().readTree(result.stdout()).path("install");
      if (!install.isArray() || install.size() != 1) {
        throw new ResolutionException(
            "cannot build the metadata of " + name + ": pip's report lists no project");
      }
      return install.get(0).path("metadata");
    } catch (IOException e) {
      throw new ResolutionException(
          "cannot build the metadata of " + name + ": pip's report is not JSON");
    }
  }

  private static Dependencies dependencies(JsonNode metadata) throws ResolutionException {
    List<Requirement> requires = new ArrayList<>();
    try {
      for (JsonNode line : metadata.path("requires_dist")) {
        requires.add(Requirement.parse(line.asText()));
      }
    } catch (IllegalArgumentException e) {
      throw new ResolutionException("a Requires-Dist does not parse: " + e.getMessage());
    }
    List<String> extras = new ArrayList<>();
    metadata.path("provides_extra").forEach(e -> extras.add(e.asText()));
    JsonNode python = metadata.path("requires_python");
    return new Dependencies(
        requires, python.isTextual() ? Optional.of(python.asText()) : Optional.empty(), extras);
  }
}
