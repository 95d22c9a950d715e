package dev.mkwheels.cli;

import dev.mkwheels.engine.TarballVerification;
import dev.mkwheels.pip.PipCommand;
import dev.mkwheels.pip.PipOptions;
import dev.mkwheels.pip.TargetOptions;
import java.time.Duration;
import java.util.Optional;

/** The common options that go to pip, as the pip module's records. */
final class PipSettings {
  private PipSettings() {}

  static PipOptions index(CommonOptions common) {
    return common.index.pip();
  }

  /** 30 minutes per pip run unless MKWHEELS_PIP_TIMEOUT (seconds) says otherwise. */
  static Duration timeout(Environment environment) throws UsageException {
    return environment.seconds(
        TarballVerification.PIP_TIMEOUT_VARIABLE, PipCommand.DEFAULT_TIMEOUT);
  }

  static TargetOptions target(CommonOptions common) {
    return new TargetOptions(
        common.platforms,
        Optional.ofNullable(common.pythonVersion),
        Optional.ofNullable(common.implementation),
        Optional.ofNullable(common.abi));
  }
}
