/** pip, run with the target interpreter: resolution, downloads, builds, and the checks around them. */
module dev.mkwheels.pip {
  requires transitive dev.mkwheels.api;
  requires transitive dev.mkwheels.packaging;
  requires com.fasterxml.jackson.databind;

  exports dev.mkwheels.pip;
}
