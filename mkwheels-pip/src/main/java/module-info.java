/**
 * pip, run with the target interpreter: {@link dev.mkwheels.pip.PipRunner} runs any pip command
 * with bounded timeouts and one-line failures; {@link dev.mkwheels.pip.PipOptions} and {@link
 * dev.mkwheels.pip.TargetOptions} turn the user's index and target options into pip's arguments.
 */
module dev.mkwheels.pip {
  requires transitive dev.mkwheels.api;
  // Versions, file names, tags, the index client and redaction: Python's standards have one
  // home; IndexClient appears in HashVerifier's constructors.
  requires transitive dev.mkwheels.python;
  // PipMetadata implements the resolver's MetadataBuilder, and HostTarget answers a Target: the
  // resolver's types are in their API.
  requires transitive dev.mkwheels.resolver;
  // No main class uses packaging any more: only OfflineVerifierTest, which packs a tarball to
  // verify, and the tests run patched into this module. Not transitive.
  requires dev.mkwheels.packaging;
  requires com.fasterxml.jackson.databind;
  // The interpreter's answers and the remembered ones are read and written with the streaming
  // parser and generator alone: a cold ObjectMapper cost more than the reading (ProbeAnswer).
  requires com.fasterxml.jackson.core;
  // StrictTar (a qualified export): a .tar.gz is read to its last byte, its CRC checked, and a
  // second gzip member or trailing garbage refused.
  requires dev.mkwheels.host;
  requires org.apache.commons.compress;

  exports dev.mkwheels.pip;
}
