/**
 * The reproducible artifact: hashed requirements.txt, the CycloneDX SBOM and the byte-identical
 * tarball. The tar headers and the gzip stream are written here, so no library or zlib version can
 * change the bytes; the SBOM's JSON is built with cyclonedx-core-java and re-written with sorted
 * keys.
 */
module dev.mkwheels.packaging {
  requires transitive dev.mkwheels.api;
  // DistributionFile reads file names with, and answers in, its types.
  requires transitive dev.mkwheels.python;
  requires com.fasterxml.jackson.databind;
  // An automatic module (no module-info, no Automatic-Module-Name): named after its jar. Being
  // automatic it cannot require anything, so the explicit modules it loads classes from at run
  // time are named here, or the module path would not resolve them (NoClassDefFoundError).
  requires cyclonedx.core.java;
  requires com.networknt.schema;
  requires com.fasterxml.jackson.dataformat.xml;
  requires org.apache.commons.codec;
  requires org.apache.commons.io;
  requires org.apache.commons.lang3;

  exports dev.mkwheels.packaging;
}
