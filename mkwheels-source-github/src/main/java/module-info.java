/**
 * {@code --gh}: a tagged GitHub release built from source. Only GitHub's logic lives here: the host
 * attaches the token ({@code SourceContext.http(credentials)}) and downloads, checks and unpacks
 * the archive ({@code SourceContext.unpack}).
 */
module dev.mkwheels.source.github {
  requires dev.mkwheels.api;

  provides dev.mkwheels.api.SourceProvider with
      dev.mkwheels.source.github.GithubSourceProvider;
}
