/**
 * {@code --gitlab}: a tagged GitLab release built from source. Only GitLab's logic lives here; the
 * host fetches and unpacks the archive and attaches the token ({@code SourceContext}).
 */
module dev.mkwheels.source.gitlab {
  requires dev.mkwheels.api;

  provides dev.mkwheels.api.SourceProvider with
      dev.mkwheels.source.gitlab.GitlabSourceProvider;
}
