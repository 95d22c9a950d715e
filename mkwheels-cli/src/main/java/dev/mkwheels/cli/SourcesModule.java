package dev.mkwheels.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.mkwheels.api.SourceProvider;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The one bridge between ServiceLoader and Guice: ServiceLoader builds the providers (from the
 * module path, or META-INF/services on the class path), Guice only hands out the registry.
 */
final class SourcesModule extends AbstractModule {
  @Provides
  @Singleton
  ProviderRegistry registry() {
    return new ProviderRegistry(ServiceLoader.load(SourceProvider.class), hostOptions());
  }

  /** The long names of the options every mode takes, which no plugin may reuse. */
  static Set<String> hostOptions() {
    Set<String> names = new TreeSet<>(Set.of("help", "version"));
    for (String name : CommandSpec.forAnnotatedObject(new CommonOptions()).optionsMap().keySet()) {
      if (name.startsWith("--")) {
        names.add(name.substring(2));
      }
    }
    return names;
  }
}
