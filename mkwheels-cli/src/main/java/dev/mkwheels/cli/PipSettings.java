package dev.mkwheels.cli;

import dev.mkwheels.pip.PipOptions;
import dev.mkwheels.pip.TargetOptions;
import java.util.Optional;

/** The common options that go to pip, as the pip module's records. */
final class PipSettings {
  private PipSettings() {}

  static PipOptions index(CommonOptions common) {
    return common.index.pip();
  }

  static TargetOptions target(CommonOptions common) {
    return new TargetOptions(
        common.platforms,
        Optional.ofNullable(common.pythonVersion),
        Optional.ofNullable(common.implementation),
        Optional.ofNullable(common.abi));
  }
}
