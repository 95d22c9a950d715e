/**
 * Python's packaging standards, one package per standard: project names (PEP 503), versions and
 * specifiers (PEP 440), markers and requirements (PEP 508), compatibility tags (PEP 425, 600, 656),
 * distribution file names (PEP 427, 625), core metadata, the TOML values of a lock file (PEP 751),
 * and one client for package indexes (PEP 503, 691, 700, 658, 592). The standards do no I/O beyond
 * what a caller hands in and are immutable; the index client reads through the host's HTTP and from
 * disk.
 */
module dev.mkwheels.python {
  // HttpFetcher appears in the index client's signatures.
  requires transitive dev.mkwheels.api;
  // Tree model only (JsonNode) for PEP 691 pages: nothing is bound reflectively, so nothing opens.
  requires com.fasterxml.jackson.databind;

  exports dev.mkwheels.python.name;
  exports dev.mkwheels.python.version;
  exports dev.mkwheels.python.marker;
  exports dev.mkwheels.python.requirement;
  exports dev.mkwheels.python.filename;
  exports dev.mkwheels.python.tags;
  exports dev.mkwheels.python.metadata;
  exports dev.mkwheels.python.index;
  exports dev.mkwheels.python.lock;
}
