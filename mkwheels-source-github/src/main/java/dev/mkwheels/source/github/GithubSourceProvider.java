package dev.mkwheels.source.github;

import dev.mkwheels.api.OptionSpec;
import dev.mkwheels.api.ProviderOptions;
import dev.mkwheels.api.ResolvedSource;
import dev.mkwheels.api.SourceContext;
import dev.mkwheels.api.SourceException;
import dev.mkwheels.api.SourceProvider;
import java.util.List;

/** {@code --gh --repo OWNER/REPO --ver VER}: a tagged GitHub release, built from its source. */
public final class GithubSourceProvider implements SourceProvider {

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
        OptionSpec.optional("name", "PKG", "Name in the tarball's file name. Default: the repo name, lower-cased."),
        OptionSpec.optional("tag", "TAG", "Release tag; 'v<TAG>' is tried too. Default: the version."),
        OptionSpec.withDefault(
            "github-api-url", "URL", "GitHub REST API (GitHub Enterprise, tests).", "https://api.github.com"),
        OptionSpec.withDefault(
            "github-url", "URL", "Where release archives are downloaded from.", "https://github.com"));
  }

  @Override
  public ResolvedSource resolve(ProviderOptions options, SourceContext context)
      throws SourceException {
    throw new SourceException("--gh is not implemented yet");
  }
}
