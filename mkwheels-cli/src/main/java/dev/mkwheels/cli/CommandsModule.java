package dev.mkwheels.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import dev.mkwheels.packaging.Packager;

/** The commands beside the modes ({@code mkwheels pack}, ...), one binding each. */
final class CommandsModule extends AbstractModule {
  @Override
  protected void configure() {
    Multibinder<Subcommand> commands = Multibinder.newSetBinder(binder(), Subcommand.class);
    commands.addBinding().to(AuditCommand.class);
    commands.addBinding().to(LockCommand.class);
    commands.addBinding().to(PackCommand.class);
    commands.addBinding().to(RebuildCommand.class);
    commands.addBinding().to(WheelhouseCommand.class);
  }

  /** The packager: stateless, shared by {@code pack} and the modes' pipeline. */
  @Provides
  Packager packager() {
    return new Packager();
  }
}
