/**
 * The reproducible artifact: hashed requirements.txt, the CycloneDX SBOM and the byte-identical
 * tarball. The tar headers and the gzip stream are written here, so no library or zlib version can
 * change the bytes; the SBOM's JSON is built with cyclonedx-core-java and re-written with sorted
 * keys.
 */
module dev.mkwheels.packaging {
  requires transitive dev.mkwheels.api;
  requires dev.mkwheels.python;
  requires com.fasterxml.jackson.databind;
  // An automatic module (no module-info, no Automatic-Module-Name): named after its jar.
  requires cyclonedx.core.java;

  exports dev.mkwheels.packaging;
}
