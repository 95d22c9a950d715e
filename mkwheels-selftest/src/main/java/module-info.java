/** The byte-identical proof: builds twice in fresh JVMs and compares. */
module dev.mkwheels.selftest {
  requires dev.mkwheels.testkit;
  // TarballDiff names the first difference between two builds.
  requires dev.mkwheels.rebuild;
  // Every process it starts is a ChildProcess: killed with its tree when the selftest is
  // interrupted, in a ChildEnvironment (no credential of the caller's reaches it).
  requires dev.mkwheels.pip;
  requires com.fasterxml.jackson.databind;
  requires org.apache.commons.compress;
  requires info.picocli;
  requires java.net.http;

  // picocli reflects on SelfTest's @Option fields.
  opens dev.mkwheels.selftest to
      info.picocli;
}
