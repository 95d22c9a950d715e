/**
 * The mkwheels source SPI. A source turns "this package at this version" into a {@link
 * dev.mkwheels.api.ResolvedSource}: which package, which version, which epoch, and what pip must
 * install. Implementations are found with {@link java.util.ServiceLoader}; a new forge is one jar
 * that {@code provides dev.mkwheels.api.SourceProvider with ...}.
 */
module dev.mkwheels.api {
  // HttpFetcher's and SourceContext's signatures use java.net.URI and java.nio only; no third
  // party.
  exports dev.mkwheels.api;
  // The host's process-wide cleanup on exit and signals (work directories, temporary files, child
  // process trees). Not part of the SPI: only the host's own modules may use it.
  exports dev.mkwheels.api.internal to
      dev.mkwheels.packaging,
      dev.mkwheels.pip,
      dev.mkwheels.resolver,
      dev.mkwheels.ci,
      dev.mkwheels.engine,
      dev.mkwheels.cli;
}
