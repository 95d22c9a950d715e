/** The mkwheels command line: finds the sources, parses options, runs the engine, prints. */
module dev.mkwheels.cli {
  requires dev.mkwheels.api;
  requires dev.mkwheels.packaging;
  requires dev.mkwheels.pip;
  requires dev.mkwheels.ci;
  requires dev.mkwheels.python;
  // SourceContext.http(credentials) and unpack(archive): the forge-neutral work, done once.
  requires dev.mkwheels.host;
  requires dev.mkwheels.rebuild;
  requires dev.mkwheels.engine;
  requires com.google.guice;
  requires jakarta.inject;
  requires com.fasterxml.jackson.databind;
  requires info.picocli;
  // --slackbuild reads the packed tarball's member names (x86_64-only wheels?).
  requires org.apache.commons.compress;

  // The registry is the one place that calls ServiceLoader.load(SourceProvider.class).
  uses dev.mkwheels.api.SourceProvider;

  // Guice reflects on @Inject constructors and @Provides methods; picocli on @Option fields of the
  // command classes.
  opens dev.mkwheels.cli to
      com.google.guice,
      info.picocli;
}
