package dev.mkwheels.pip;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mkwheels.python.index.IndexFile;
import dev.mkwheels.python.index.Redaction;
import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.requirement.InvalidRequirementException;
import dev.mkwheels.python.requirement.Requirement;
import dev.mkwheels.python.version.InvalidVersionException;
import dev.mkwheels.python.version.Version;
import dev.mkwheels.resolver.Candidate;
import dev.mkwheels.resolver.CandidateProvider;
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
 * Metadata only a build can tell, from the interpreter's pip: {@code pip install --dry-run
 * --no-deps --ignore-installed --report -} of one sdist, source tree or URL, which runs its build
 * backend (in pip's isolated build environment, its build requirements from the user's indexes) and
 * reports the metadata: name, version, {@code Requires-Dist}, {@code Requires-Python}, {@code
 * Provides-Extra}. A git URL is cloned by pip itself in that call; the commit it resolved to is
 * recorded in the candidate's {@code directUrl} ({@code git+URL@COMMIT}). Thread-safe.
 */
public final class PipMetadata implements MetadataBuilder {
  private final PipRunner runner;
  private final PipOptions options;
  private final Map<Candidate, CandidateProvider.Dependencies> direct = new ConcurrentHashMap<>();

  /**
   * @param runner the interpreter's pip
   * @param options the user's indexes, where pip finds the build requirements
   */
  public PipMetadata(PipRunner runner, PipOptions options) {
    this.runner = requireNonNull(runner, "runner is null");
    this.options = requireNonNull(options, "options is null");
  }

  @Override
  public Candidate direct(Requirement requirement) throws ResolutionException {
    String url =
        requirement.url().orElseThrow(() -> new IllegalArgumentException("not a direct reference"));
    String shown = requirement.name() + " @ " + Redaction.mask(url);
    JsonNode item = report(requirement.name() + " @ " + url, shown);
    Reported reported = reported(item, shown);
    if (!reported.name().equals(requirement.projectName())) {
      throw new ResolutionException(
          shown + " is " + reported.name() + ", not " + requirement.projectName());
    }
    JsonNode info = item.path("download_info");
    String at = Redaction.withoutUserInfo(info.path("url").asText(url));
    JsonNode vcs = info.path("vcs_info");
    URI directUrl;
    List<IndexFile> files = new ArrayList<>();
    if (vcs.isObject()) {
      String commit = vcs.path("commit_id").asText("");
      if (commit.isEmpty()) {
        throw new ResolutionException("pip's report gives no commit for " + shown);
      }
      directUrl = uri(vcs.path("vcs").asText("git") + "+" + at + "@" + commit, shown);
    } else {
      directUrl = uri(at, shown);
      if (info.path("archive_info").isObject()) {
        files.add(archive(directUrl, info.path("archive_info")));
      }
    }
    Candidate candidate =
        new Candidate(reported.name(), reported.version(), files, false, Optional.of(directUrl));
    direct.put(candidate, reported.dependencies());
    return candidate;
  }

  @Override
  public CandidateProvider.Dependencies build(IndexFile sdist, Path downloaded)
      throws ResolutionException {
    requireNonNull(sdist, "sdist is null");
    JsonNode item = report(downloaded.toAbsolutePath().toString(), sdist.fileName());
    return reported(item, sdist.fileName()).dependencies();
  }

  @Override
  public CandidateProvider.Dependencies dependencies(Candidate candidate)
      throws ResolutionException {
    CandidateProvider.Dependencies known = direct.get(requireNonNull(candidate, "candidate"));
    if (known == null) {
      throw new ResolutionException(
          "no metadata for " + candidate.name() + " " + candidate.version() + " from its URL");
    }
    return known;
  }

  /** The one {@code install} item of pip's report on {@code target}. */
  private JsonNode report(String target, String shown) throws ResolutionException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "install",
                "--dry-run",
                "--no-deps",
                "--ignore-installed",
                "--quiet",
                "--progress-bar",
                "off",
                "--report",
                "-"));
    args.addAll(options.arguments());
    args.add(target);
    PipResult result;
    try {
      result =
          runner.run(
              PipCommand.of(args).withLabel("pip install --dry-run (metadata of " + shown + ")"));
    } catch (PipException e) {
      throw new ResolutionException(e.getMessage(), e);
    }
    if (!result.succeeded()) {
      throw new ResolutionException(
          "cannot build the metadata of " + shown + ": " + Redaction.mask(result.failure()));
    }
    try {
      String out = result.stdout();
      int start = out.indexOf('{');
      JsonNode install =
          new ObjectMapper().readTree(start < 0 ? out : out.substring(start)).path("install");
      if (install.size() != 1) {
        throw new ResolutionException(
            "pip's report on " + shown + " lists " + install.size() + " items, not 1");
      }
      return install.get(0);
    } catch (IOException e) {
      throw new ResolutionException(
          "cannot read pip's report on " + shown + ": " + e.getMessage(), e);
    }
  }

  private record Reported(
      ProjectName name, Version version, CandidateProvider.Dependencies dependencies) {}

  private static Reported reported(JsonNode item, String shown) throws ResolutionException {
    JsonNode metadata = item.path("metadata");
    String name = metadata.path("name").asText("");
    String version = metadata.path("version").asText("");
    try {
      List<Requirement> requires = new ArrayList<>();
      for (JsonNode line : metadata.path("requires_dist")) {
        requires.add(Requirement.parse(line.asText()));
      }
      List<String> extras = new ArrayList<>();
      metadata.path("provides_extra").forEach(e -> extras.add(e.asText()));
      Optional<String> python =
          metadata.path("requires_python").isTextual()
              ? Optional.of(metadata.path("requires_python").asText())
              : Optional.empty();
      if (!ProjectName.isValid(name)) {
        throw new ResolutionException("pip's report on " + shown + " gives no valid name");
      }
      return new Reported(
          ProjectName.of(name),
          Version.parse(version),
          new CandidateProvider.Dependencies(requires, python, extras));
    } catch (InvalidRequirementException | InvalidVersionException e) {
      throw new ResolutionException(
          "the metadata pip built for " + shown + " is invalid: " + e.getMessage(), e);
    }
  }

  private static IndexFile archive(URI url, JsonNode archiveInfo) {
    Map<String, String> hashes = new java.util.TreeMap<>();
    archiveInfo
        .path("hashes")
        .fields()
        .forEachRemaining(e -> hashes.put(e.getKey(), e.getValue().asText()));
    String hash = archiveInfo.path("hash").asText("");
    int eq = hash.indexOf('=');
    if (eq > 0) {
      hashes.putIfAbsent(hash.substring(0, eq), hash.substring(eq + 1));
    }
    String path = url.getPath() == null ? "" : url.getPath();
    String fileName = path.substring(path.lastIndexOf('/') + 1);
    return IndexFile.of(fileName, url, hashes);
  }

  private static URI uri(String text, String shown) throws ResolutionException {
    try {
      return URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new ResolutionException("pip's report on " + shown + " gives no valid URL", e);
    }
  }
}
