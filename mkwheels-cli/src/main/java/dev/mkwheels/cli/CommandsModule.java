package dev.mkwheels.cli;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;

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
}
