package dev.mkwheels.source.github;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Console;
import dev.mkwheels.api.HttpResponse;
import dev.mkwheels.api.InstallTarget;
import dev.mkwheels.api.OptionSpec;
import dev.mkwheels.api.ProviderOptions;
import dev.mkwheels.api.ResolvedSource;
import dev.mkwheels.api.SourceContext;
import dev.mkwheels.api.SourceException;
import dev.mkwheels.api.SourceProvider;
import dev.mkwheels.python.index.Redaction;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --gh --repo OWNER/REPO --ver VER}: a tagged GitHub release, built from its source. It
 * resolves the tag ({@code TAG}, else {@code vTAG}) and the epoch through the REST API, downloads
 * the tag's archive and unpacks it safely; pip then resolves the tree's dependencies.
 */
public final class GithubSourceProvider implements SourceProvider {
  /** A Python project's source archive is megabytes; this only stops a runaway download. */
  static final long MAX_ARCHIVE_BYTES = 512L << 20;

  private final SafeUnpacker.Limits limits;

  /** The provider ServiceLoader builds, with the default unpacking limits. */
  public GithubSourceProvider() {
    this(SafeUnpacker.Limits.DEFAULT);
  }

  GithubSourceProvider(SafeUnpacker.Limits limits) {
    this.limits = requireNonNull(limits, "limits is null");
  }

  @Override
  public String id() {
    return "gh";
  }

  @Override
  public String description() {
    return "A tagged GitHub release built from source, git dependencies included.";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(
        OptionSpec.required("repo", "OWNER/REPO", "The GitHub repository."),
        OptionSpec.required("ver", "VER", "Version to vendor; one leading 'v' is stripped."),
        OptionSpec.optional(
            "name", "PKG", "Name in the tarball's file name. Default: the repo name, lower-cased."),
        OptionSpec.optional(
            "tag", "TAG", "Release tag; 'v<TAG>' is tried too. Default: the version."),
        OptionSpec.withDefault(
            "github-api-url",
            "URL",
            "GitHub REST API (GitHub Enterprise, tests).",
            "https://api.github.com"),
        OptionSpec.withDefault(
            "github-url",
            "URL",
            "Where release archives are downloaded from.",
            "https://github.com"));
  }

  @Override
  public ResolvedSource resolve(ProviderOptions options, SourceContext context)
      throws SourceException {
    GithubRequest request = GithubRequest.parse(options);
    Console console = context.console();
    Optional<String> token =
        Optional.ofNullable(context.environment().get("GITHUB_TOKEN"))
            .map(String::strip)
            .filter(t -> !t.isEmpty());
    GithubApi api = new GithubApi(context.http(), context.json(), request, token);
    console.progress("resolving tag " + request.tag() + " of " + request.fullName() + " on GitHub");
    ReleaseResolver.ResolvedRef ref =
        new ReleaseResolver(api, console).resolve(request, context.fixedEpoch());

    URI archiveUri =
        URI.create(
            request.webUrl()
                + "/"
                + UrlPaths.encode(request.owner())
                + "/"
                + UrlPaths.encode(request.repo())
                + "/archive/refs/tags/"
                + UrlPaths.encodeRef(ref.ref())
                + ".tar.gz");
    Path archive = context.workDirectory().resolve("github-archive.tar.gz");
    String label = "the archive of " + request.fullName() + " " + ref.ref();
    download(context, console, archiveUri, archive, label);
    console.progress("unpacking " + label);
    Path tree;
    try {
      tree =
          new SafeUnpacker(limits)
              .unpack(archive, context.workDirectory().resolve("source"), label);
    } finally {
      deleteQuietly(archive);
    }
    if (!Files.isRegularFile(tree.resolve("pyproject.toml"))
        && !Files.isRegularFile(tree.resolve("setup.py"))) {
      Trees.deleteQuietly(tree);
      throw new SourceException(
          request.fullName()
              + " "
              + ref.ref()
              + " has neither pyproject.toml nor setup.py at its root, so pip cannot build it");
    }

    Map<String, String> overrides = VersionOverrides.of(request.version(), ProjectFiles.read(tree));
    List<String> notes = new ArrayList<>(ref.notes());
    notes.add("source " + Redaction.describe(archiveUri));
    notes.add(
        "version "
            + request.version()
            + " told to version plugins through "
            + String.join(", ", overrides.keySet())
            + " (a tag archive has no .git)");
    return ResolvedSource.builder(
            request.name(), request.version(), ref.epoch(), new InstallTarget.SourceTree(tree))
        .buildEnvironment(overrides)
        .notes(notes)
        .build();
  }

  private static void download(
      SourceContext context, Console console, URI uri, Path target, String label)
      throws SourceException {
    console.progress("downloading " + Redaction.describe(uri));
    HttpResponse response;
    try {
      // No token here: the archive host is not the API, and a redirect may lead elsewhere.
      response = context.http().download(uri, Map.of(), target, MAX_ARCHIVE_BYTES);
    } catch (IOException e) {
      throw new SourceException("cannot download " + label + ": " + e.getMessage(), e);
    }
    if (response.status() != 200) {
      throw new SourceException(
          "GitHub answered HTTP "
              + response.status()
              + " for "
              + label
              + " ("
              + Redaction.describe(uri)
              + ")");
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // The host deletes the whole work directory at the end of the run.
    }
  }
}
