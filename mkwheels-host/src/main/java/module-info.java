/**
 * The forge-neutral work every source provider needs, done once by the host: HTTP that attaches a
 * provider's credentials to their own origin only, and source archives (tar.gz, tar.bz2, tar.xz,
 * zip) downloaded, checked and unpacked without trusting them. The cli calls it to implement {@link
 * dev.mkwheels.api.SourceContext#http(java.util.List)} and {@link
 * dev.mkwheels.api.SourceContext#unpack}; providers never see it.
 */
module dev.mkwheels.host {
  requires transitive dev.mkwheels.api;
  // Tar, gzip, bzip2 and zip readers.
  requires org.apache.commons.compress;
  // xz, which Commons Compress reads through an optional dependency.
  requires org.tukaani.xz;

  exports dev.mkwheels.host;
  // StrictTar, for the modules that read a vendored tarball or an sdist: not for providers.
  exports dev.mkwheels.host.internal to
      dev.mkwheels.pip,
      dev.mkwheels.rebuild,
      dev.mkwheels.ci,
      dev.mkwheels.cli;
}
