package dev.mkwheels.cli;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import dev.mkwheels.engine.EngineModule;
import dev.mkwheels.engine.SourceContexts;

/** The command line itself: streams, environment, parsing, help, dispatch, and the engine. */
final class CliModule extends AbstractModule {
  private final Streams streams;
  private final Environment environment;

  CliModule(Streams streams, Environment environment) {
    this.streams = requireNonNull(streams, "streams is null");
    this.environment = requireNonNull(environment, "environment is null");
  }

  @Override
  protected void configure() {
    binder().requireExplicitBindings();
    binder().disableCircularProxies();
    bind(Streams.class).toInstance(streams);
    bind(Environment.class).toInstance(environment);
    bind(ModeCommandLine.class);
    bind(HelpWriter.class);
    bind(Launcher.class);
    bind(ModeRunner.class);
    install(new EngineModule());
    bind(SourceContexts.class).to(RunContexts.class);
  }
}
