/**
 * mkwheels' own resolver: backtracking resolution of PEP 508 requirements for one or more target
 * environments (markers and wheel tags per target) against package indexes and find-links
 * locations, with files uploaded after a cutoff left out, and the chosen files downloaded in
 * parallel with their hashes checked.
 */
module dev.mkwheels.resolver {
  requires transitive dev.mkwheels.python;
  // An sdist's PKG-INFO is read from its tar in place (SdistMetadata).
  requires org.apache.commons.compress;

  exports dev.mkwheels.resolver;
}
