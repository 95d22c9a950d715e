package dev.mkwheels.engine;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mkwheels.pip.GitPin;
import dev.mkwheels.pip.PipCommand;
import dev.mkwheels.pip.PipException;
import dev.mkwheels.pip.PipResult;
import dev.mkwheels.pip.PipRunner;
import dev.mkwheels.python.index.IndexFile;
import dev.mkwheels.python.index.Redaction;
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
 * backend once and reports its name, version, Requires-Dist and Requires-Python. Direct references
 * are local directories and git URLs: pip clones a git URL at its ref, and the commit it checked
 * out is pinned ({@link #git}). Thread-safe.
 */
final class PipReportMetadata implements MetadataBuilder {
  private final PipRunner pip;
  private final List<String> indexArguments;
  private final Map<String, String> buildEnvironment;

  /**
   * A refusal that is the user's option, not the tree's fault: said in its own words, without the
   * target and the resolution around it.
   */
  static final class Refusal extends ResolutionException {
    Refusal(String message) {
      super(message);
    }
  }

  private final boolean noBuild;
  private final Map<Candidate, Dependencies> direct = new ConcurrentHashMap<>();
  private final Map<Candidate, GitPin> gits = new ConcurrentHashMap<>();
  private final Map<String, Candidate> byRequirement = new ConcurrentHashMap<>();

  /**
   * @param indexArguments pip's index options, where the build backends come from
   * @param buildEnvironment what every build gets (SOURCE_DATE_EPOCH, the source's own)
   */
  PipReportMetadata(
      PipRunner pip, List<String> indexArguments, Map<String, String> buildEnvironment) {
    this(pip, indexArguments, buildEnvironment, false);
  }

  /**
   * @param noBuild {@code --no-build}: a git dependency is refused before it is cloned
   */
  PipReportMetadata(
      PipRunner pip,
      List<String> indexArguments,
      Map<String, String> buildEnvironment,
      boolean noBuild) {
    this.noBuild = noBuild;
    this.pip = requireNonNull(pip, "pip is null");
    this.indexArguments = List.copyOf(indexArguments);
    this.buildEnvironment = Map.copyOf(buildEnvironment);
  }

  @Override
  public Candidate direct(Requirement requirement) throws ResolutionException {
    String url = requirement.url().orElse("");
    if (url.startsWith("git+")) {
      // Each target resolves it: pip clones it once.
      Candidate known = byRequirement.get(requirement.name() + " @ " + url);
      return known != null ? known : git(requirement, url);
    }
    if (!url.startsWith("file:")) {
      throw new ResolutionException(
          requirement.name()
              + " @ "
              + Redaction.mask(url)
              + ": --resolver native takes no direct reference but a git URL or a local directory;"
              + " use --resolver pip");
    }
    Path directory = Path.of(URI.create(url));
    JsonNode metadata = report(directory.toString(), requirement.name()).path("metadata");
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

  /**
   * The git dependency {@link #direct} resolved to {@code candidate}: what the archive is written
   * from; empty for any other candidate.
   */
  Optional<GitPin> git(Candidate candidate) {
    return Optional.ofNullable(gits.get(candidate));
  }

  /**
   * pip clones {@code url} at its ref and builds the metadata from the clone: the commit it checked
   * out is pinned ({@code git+URL@COMMIT}), under the requirement's name as written, which pip
   * names the archive after.
   */
  private Candidate git(Requirement requirement, String url) throws ResolutionException {
    String shown = requirement.name() + " @ " + Redaction.mask(url);
    if (noBuild) {
      String cloned = url.substring("git+".length()).replaceFirst("#.*$", "");
      cloned = cloned.replaceFirst("(://[^/]*/.*?)@[^/@]*$", "$1");
      throw new Refusal(
          "--no-build refuses the git dependency "
              + Redaction.mask(cloned)
              + ": it only installs by running its build code");
    }
    JsonNode item = report(requirement.name() + " @ " + url, shown);
    JsonNode metadata = item.path("metadata");
    String name = metadata.path("name").asText("");
    if (!ProjectName.isValid(name)
        || !ProjectName.normalize(name).equals(requirement.projectName().normalized())) {
      throw new ResolutionException(shown + " is '" + name + "', not " + requirement.name());
    }
    JsonNode info = item.path("download_info");
    JsonNode vcs = info.path("vcs_info");
    String commit = vcs.path("commit_id").asText("");
    String at = Redaction.withoutUserInfo(info.path("url").asText(""));
    if (!"git".equals(vcs.path("vcs").asText("")) || commit.isEmpty() || at.isEmpty()) {
      throw new ResolutionException("pip's report on " + shown + " gives no git commit");
    }
    String version = metadata.path("version").asText("");
    Candidate candidate;
    try {
      candidate =
          new Candidate(
              ProjectName.of(requirement.name()),
              Version.parse(version),
              List.of(),
              false,
              Optional.of(URI.create("git+" + at + "@" + commit)));
    } catch (IllegalArgumentException e) {
      throw new ResolutionException(
          "the metadata pip built for " + shown + " is invalid: " + e.getMessage());
    }
    JsonNode requested = vcs.path("requested_revision");
    direct.put(candidate, dependencies(metadata));
    gits.put(
        candidate,
        new GitPin(
            requirement.name(),
            version,
            at,
            commit,
            Optional.of(requested.isTextual() ? "@" + requested.asText() : "the default branch")));
    byRequirement.put(requirement.name() + " @ " + url, candidate);
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
    return dependencies(report(downloaded.toString(), sdist.fileName()).path("metadata"));
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
      return install.get(0);
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
