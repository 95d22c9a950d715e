/**
 * {@code mkwheels rebuild}: reads a tarball's pylock.toml, fetches exactly the files it locks from
 * the indexes or find-links, checks every hash, packs them as the tarball was packed and names the
 * first difference. Also where two tarballs are compared ({@link dev.mkwheels.rebuild.TarballDiff},
 * used by the selftest too). No pip, no Python.
 */
module dev.mkwheels.rebuild {
  // HttpFetcher, Console and MkwheelsException appear in the public signatures.
  requires transitive dev.mkwheels.api;
  // PackResult appears in Repacker's signature.
  requires transitive dev.mkwheels.packaging;
  // Redaction of the URLs it names.
  requires dev.mkwheels.python;
  // A git dependency's archive is written again as the vendoring wrote it: GitSourceZip (real git
  // through ChildProcess, in a ChildEnvironment; GitZip). No pip process is started.
  requires dev.mkwheels.pip;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.toml;
  // StrictTar (a qualified export): a .tar.gz is read to its last byte, its CRC checked, and a
  // second gzip member or trailing garbage refused.
  requires dev.mkwheels.host;
  requires org.apache.commons.compress;

  exports dev.mkwheels.rebuild;
}
