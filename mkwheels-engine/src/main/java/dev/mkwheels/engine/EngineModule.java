package dev.mkwheels.engine;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import dev.mkwheels.packaging.Packager;
import dev.mkwheels.pip.PipRunner;

/**
 * The engine's parts. The host binds what the engine borrows from it: {@link
 * dev.mkwheels.api.HttpFetcher} and {@link SourceContexts}.
 */
public final class EngineModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(VendorPipeline.class);
  }

  /** The packager: stateless, shared by {@code pack} and the modes' pipeline. */
  @Provides
  Packager packager() {
    return new Packager();
  }

  /** pip as it is: a child process of the interpreter the user chose. */
  @Provides
  PipRunners pipRunners() {
    return PipRunner::new;
  }
}
