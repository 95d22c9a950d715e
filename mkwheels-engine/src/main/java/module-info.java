/**
 * The one engine every command runs through: the source resolves, the tree is fetched, every file
 * is checked against its index's hash, and the directory is packed. The command line (mkwheels-cli)
 * parses options, hands the engine a plain request and prints what comes back; Guice wires the
 * engine's parts ({@link dev.mkwheels.engine.EngineModule}).
 */
module dev.mkwheels.engine {
  // SourceProvider, Console, HttpFetcher and MkwheelsException appear in the signatures.
  requires transitive dev.mkwheels.api;
  // PipRunner, PipOptions and TargetOptions appear in the signatures.
  requires transitive dev.mkwheels.pip;
  // PackResult appears in ModeOutcome.
  requires transitive dev.mkwheels.packaging;
  requires dev.mkwheels.python;
  // Target appears in ModeRequest; the native path resolves, fetches and downloads with it.
  requires transitive dev.mkwheels.resolver;
  // pip's install report, read as a tree: nothing is bound, so nothing is opened.
  requires com.fasterxml.jackson.databind;
  // EngineModule is a Guice module.
  requires transitive com.google.guice;
  // Guice is an automatic module and needs Guava, which names itself as a module (since 33.4):
  // an automatic module brings only the other automatic modules into the graph, so Guava is
  // brought here, for Guice's sake (nothing of mkwheels uses it).
  requires transitive com.google.common;
  requires jakarta.inject;

  exports dev.mkwheels.engine;

  // Guice reflects on @Inject constructors and @Provides methods.
  opens dev.mkwheels.engine to
      com.google.guice;
}
