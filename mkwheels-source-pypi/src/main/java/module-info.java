/** {@code --pypi}: a release on a package index. */
module dev.mkwheels.source.pypi {
  requires dev.mkwheels.api;

  provides dev.mkwheels.api.SourceProvider with
      dev.mkwheels.source.pypi.PypiSourceProvider;
}
