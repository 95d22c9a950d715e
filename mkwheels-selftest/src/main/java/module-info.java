/** The byte-identical proof: builds twice in fresh JVMs and compares. */
module dev.mkwheels.selftest {
  requires dev.mkwheels.api;
  requires org.apache.commons.compress;
}
