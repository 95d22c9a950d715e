/** {@code --gh}: a tagged GitHub release built from source. */
module dev.mkwheels.source.github {
  requires dev.mkwheels.api;

  provides dev.mkwheels.api.SourceProvider with
      dev.mkwheels.source.github.GithubSourceProvider;
}
