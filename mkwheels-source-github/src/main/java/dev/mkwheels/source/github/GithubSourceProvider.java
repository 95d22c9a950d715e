package dev.mkwheels.source.github;

import dev.mkwheels.api.Console;
import dev.mkwheels.api.Credential;
import dev.mkwheels.api.ForgeUrls;
import dev.mkwheels.api.InstallTarget;
import dev.mkwheels.api.OptionSpec;
import dev.mkwheels.api.ProviderOptions;
import dev.mkwheels.api.ResolvedSource;
import dev.mkwheels.api.SourceArchive;
import dev.mkwheels.api.SourceContext;
import dev.mkwheels.api.SourceException;
import dev.mkwheels.api.SourceProvider;
import dev.mkwheels.api.UnpackedSource;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --gh --repo OWNER/REPO --ver VER}: a tagged GitHub release, built from its source. It
 * resolves the tag ({@code TAG}, else {@code vTAG}) and the epoch through the REST API; the host
 * downloads the tag's archive and unpacks it safely ({@link SourceContext#unpack}); pip then
 * resolves the tree's dependencies.
 */
public final class GithubSourceProvider implements SourceProvider {
  /** The provider ServiceLoader builds. */
  public GithubSourceProvider() {}

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
    // The token goes to the API's origin only; the archive host is not the API, so none there.
    List<Credential> credentials =
        List.of(
            new Credential(
                "GITHUB_TOKEN", "Authorization", "Bearer ", URI.create(request.apiUrl())));
    GithubApi api =
        new GithubApi(
            context.http(credentials),
            context.json(),
            request,
            context.credentialInUse(credentials).isPresent());
    console.progress("resolving tag " + request.tag() + " of " + request.fullName() + " on GitHub");
    ReleaseResolver.ResolvedRef ref =
        new ReleaseResolver(api, console).resolve(request, context.fixedEpoch());

    URI archiveUri =
        URI.create(
            request.webUrl()
                + "/"
                + ForgeUrls.encode(request.owner())
                + "/"
                + ForgeUrls.encode(request.repo())
                + "/archive/refs/tags/"
                + ForgeUrls.encodeRef(ref.ref())
                + ".tar.gz");
    String label = "the archive of " + request.fullName() + " " + ref.ref();
    UnpackedSource source =
        context.unpack(SourceArchive.builder(archiveUri, label, request.version()).build());
    List<String> notes = new ArrayList<>(ref.notes());
    notes.addAll(source.notes());
    return ResolvedSource.builder(
            request.name(),
            request.version(),
            ref.epoch(),
            new InstallTarget.SourceTree(source.directory()))
        .buildEnvironment(source.environment())
        .notes(notes)
        .build();
  }
}
