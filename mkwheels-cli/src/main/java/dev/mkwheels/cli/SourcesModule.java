package dev.mkwheels.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.mkwheels.api.SourceProvider;
import java.util.ServiceLoader;

/**
 * The one bridge between ServiceLoader and Guice: ServiceLoader builds the providers (from the
 * module path, or META-INF/services on the class path), Guice only hands out the registry.
 */
final class SourcesModule extends AbstractModule {
  @Provides
  @Singleton
  ProviderRegistry registry() {
    return new ProviderRegistry(ServiceLoader.load(SourceProvider.class));
  }
}
