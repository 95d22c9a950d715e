/**
 * Python's packaging standards, one package per standard: project names (PEP 503), versions and
 * specifiers (PEP 440), markers and requirements (PEP 508), compatibility tags (PEP 425, 600, 656),
 * distribution file names (PEP 427, 625) and core metadata. No third-party code and no I/O beyond
 * what a caller hands in; every type is immutable and safe to share between threads.
 */
module dev.mkwheels.python {
  exports dev.mkwheels.python.name;
  exports dev.mkwheels.python.version;
  exports dev.mkwheels.python.marker;
  exports dev.mkwheels.python.requirement;
  exports dev.mkwheels.python.filename;
  exports dev.mkwheels.python.tags;
  exports dev.mkwheels.python.metadata;
  exports dev.mkwheels.python.index;
}
