/**
 * The reproducible artifact: hashed requirements.txt and the byte-identical tarball. No third-party
 * code: the tar headers and the gzip stream are written here, so no library or zlib version can
 * change the bytes.
 */
module dev.mkwheels.packaging {
  requires transitive dev.mkwheels.api;
  // DistributionFile reads file names with, and answers in, its types.
  requires transitive dev.mkwheels.python;

  exports dev.mkwheels.packaging;
}
