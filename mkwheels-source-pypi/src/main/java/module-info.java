/** {@code --pypi}: a release on a package index. */
module dev.mkwheels.source.pypi {
  requires dev.mkwheels.api;
  // Versions and file names: Python's standards have one home.
  requires dev.mkwheels.python;

  provides dev.mkwheels.api.SourceProvider with
      dev.mkwheels.source.pypi.PypiSourceProvider;
}
