/**
 * The reproducible artifact: hashed requirements.txt, the CycloneDX SBOM and the byte-identical
 * tarball. The tar headers and the gzip stream are written here, so no library or zlib version can
 * change the bytes; the SBOM's JSON is written with Jackson's streaming generator, keys sorted.
 */
module dev.mkwheels.packaging {
  requires transitive dev.mkwheels.api;
  // DistributionFile reads file names with, and answers in, its types.
  requires transitive dev.mkwheels.python;
  requires com.fasterxml.jackson.databind;

  exports dev.mkwheels.packaging;
}
