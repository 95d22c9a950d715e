package dev.mkwheels.ci;

import dev.mkwheels.pip.PipException;
import dev.mkwheels.pip.PipRunner;
import dev.mkwheels.python.tags.Tag;
import dev.mkwheels.resolver.Target;
import dev.mkwheels.resolver.Targets;
import java.util.Optional;

/**
 * The interpreter's own target (mkwheels-pip's {@link dev.mkwheels.pip.HostTarget}: its {@code
 * sys_tags()} and marker values), and the target of another Python version on the same platform,
 * which needs no such interpreter.
 */
final class HostTarget {
  /** The name messages give the interpreter's target. */
  static final String NAME = dev.mkwheels.pip.HostTarget.NAME;

  private HostTarget() {}

  /**
   * The interpreter's target.
   *
   * @throws CiException when its pip cannot tell (one line naming the command)
   */
  static Target of(PipRunner pip) throws CiException {
    try {
      // pip's own words first when the interpreter cannot run at all (PipRunner keeps the answer);
      // the tags come from the run that read pip's configuration, when there was one.
      pip.version();
      return pip.hostTarget();
    } catch (PipException e) {
      throw new CiException(e.getMessage(), e);
    }
  }

  /**
   * The target of Python {@code version} ({@code X.Y}) on {@code host}'s platform (its most
   * preferred platform tag), the same implementation: {@code cp312-manylinux_2_36_x86_64}; {@code
   * host} itself when it is that version.
   */
  static Target forVersion(Target host, String version) throws CiException {
    if (host.environment().pythonVersion().equals(version)) {
      return host;
    }
    String impl = host.environment().implementationName().equals("pypy") ? "pp" : "cp";
    String platform =
        host.tags().stream()
            .map(Tag::platform)
            .filter(p -> !p.equals("any"))
            .findFirst()
            .orElseThrow(() -> new CiException("the interpreter's pip lists no platform tag"));
    try {
      return Targets.of(impl, version, platform, Optional.empty());
    } catch (IllegalArgumentException e) {
      throw new CiException(
          "--python-version "
              + version
              + ": the interpreter's platform "
              + platform
              + " is not one a target can name; use --target",
          e);
    }
  }
}
