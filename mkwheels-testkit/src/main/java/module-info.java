/**
 * Hermetic fixtures on loopback, for the tests and for {@code mkwheels-selftest}: nothing here
 * reaches beyond 127.0.0.1.
 */
module dev.mkwheels.testkit {
  requires transitive jdk.httpserver;
  requires com.fasterxml.jackson.databind;
  requires org.apache.commons.compress;

  exports dev.mkwheels.testkit;
}
