/** {@code --gh}: a tagged GitHub release built from source. */
module dev.mkwheels.source.github {
  requires dev.mkwheels.api;
  // Redaction: every URL that reaches output passes through mkwheels-python's.
  requires dev.mkwheels.python;
  // TarArchiveInputStream, GzipCompressorInputStream: the safe unpacking of tag archives.
  requires org.apache.commons.compress;

  provides dev.mkwheels.api.SourceProvider with
      dev.mkwheels.source.github.GithubSourceProvider;
}
