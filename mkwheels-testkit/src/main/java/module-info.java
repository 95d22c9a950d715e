/**
 * Hermetic fixtures on loopback, for the tests and for {@code mkwheels-selftest}: nothing here
 * reaches beyond 127.0.0.1.
 */
module dev.mkwheels.testkit {
  requires transitive jdk.httpserver;
  // TestingSourceContext is a SourceContext; its unpack and http(credentials) are the host's.
  requires transitive dev.mkwheels.api;
  requires dev.mkwheels.host;
  // LoopbackFetcher.
  requires java.net.http;
  requires com.fasterxml.jackson.databind;
  requires org.apache.commons.compress;

  exports dev.mkwheels.testkit;
}
