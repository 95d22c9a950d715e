/**
 * The CI half of mkwheels: {@code mkwheels lock} (a pinned, hashed pip-compile-style lock per
 * target), {@code mkwheels wheelhouse} (exactly the lock's files, hash-checked) and {@code mkwheels
 * audit} (every pin looked up in OSV or the PyPI JSON API). The command line lives in mkwheels-cli;
 * this module holds the logic.
 */
module dev.mkwheels.ci {
  // HttpFetcher, Console and MkwheelsException appear in this module's public signatures.
  requires transitive dev.mkwheels.api;
  // PipRunner, PipOptions and TargetOptions appear in Locker's and WheelhouseBuilder's signatures.
  requires transitive dev.mkwheels.pip;
  // Tree model only (JsonNode): nothing here is bound reflectively, so nothing is opened.
  requires com.fasterxml.jackson.databind;
  // Versions, markers, requirements, file names and the index client (HashCollector): Python's
  // standards have one home.
  requires dev.mkwheels.python;
  // audit --tarball reads the artifact's manifests from the tar stream, never extracting it.
  // StrictTar (a qualified export): a .tar.gz is read to its last byte, its CRC checked, and a
  // second gzip member or trailing garbage refused.
  requires dev.mkwheels.host;
  requires org.apache.commons.compress;
  // pylock.toml (PEP 751) is read and written as a tree: nothing is bound, so nothing is opened.
  requires com.fasterxml.jackson.dataformat.toml;

  // lock's native path resolves with mkwheels' own resolver; Target is in LockRequest's signature.
  requires transitive dev.mkwheels.resolver;

  exports dev.mkwheels.ci;
}
