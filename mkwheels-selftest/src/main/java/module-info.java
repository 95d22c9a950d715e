/** The byte-identical proof: builds twice in fresh JVMs and compares. */
module dev.mkwheels.selftest {
  requires dev.mkwheels.testkit;
  // TarballDiff names the first difference between two builds.
  requires dev.mkwheels.rebuild;
  requires com.fasterxml.jackson.databind;
  requires org.apache.commons.compress;
  requires info.picocli;
  requires java.net.http;

  // picocli reflects on SelfTest's @Option fields.
  opens dev.mkwheels.selftest to
      info.picocli;
}
