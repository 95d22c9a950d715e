/**
 * pip, run with the target interpreter: {@link dev.mkwheels.pip.PipRunner} runs any pip command
 * with bounded timeouts and one-line failures; {@link dev.mkwheels.pip.PipOptions} and {@link
 * dev.mkwheels.pip.TargetOptions} turn the user's index and target options into pip's arguments.
 */
module dev.mkwheels.pip {
  requires transitive dev.mkwheels.api;
  // Only IndexHashes still reads a file name with packaging's DistributionFile; this goes with it.
  requires transitive dev.mkwheels.packaging;
  // File names, tags and redaction: Python's standards have one home.
  requires dev.mkwheels.python;
  requires com.fasterxml.jackson.databind;
  requires org.apache.commons.compress;

  exports dev.mkwheels.pip;
}
