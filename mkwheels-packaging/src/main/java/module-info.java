/** The reproducible artifact: hashed requirements.txt and the byte-identical tarball. */
module dev.mkwheels.packaging {
  requires transitive dev.mkwheels.api;
  requires org.apache.commons.compress;

  exports dev.mkwheels.packaging;
}
