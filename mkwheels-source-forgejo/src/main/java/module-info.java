/**
 * {@code --forgejo}: a tagged Forgejo or Gitea release (Codeberg by default) built from source.
 * Only the forge's logic lives here; the host fetches and unpacks the archive and attaches the
 * token ({@code SourceContext}).
 */
module dev.mkwheels.source.forgejo {
  requires dev.mkwheels.api;

  provides dev.mkwheels.api.SourceProvider with
      dev.mkwheels.source.forgejo.ForgejoSourceProvider;
}
