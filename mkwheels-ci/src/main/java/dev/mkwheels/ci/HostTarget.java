package dev.mkwheels.ci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mkwheels.pip.PipCommand;
import dev.mkwheels.pip.PipException;
import dev.mkwheels.pip.PipResult;
import dev.mkwheels.pip.PipRunner;
import dev.mkwheels.pip.PipVersion;
import dev.mkwheels.python.marker.TargetEnvironment;
import dev.mkwheels.python.tags.Tag;
import dev.mkwheels.resolver.Target;
import dev.mkwheels.resolver.Targets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The interpreter's own target, as its pip sees it: the marker values of {@code pip inspect} and
 * the tags of {@code pip debug --verbose}, in pip's order of preference. Also the target of another
 * Python version on the same platform, which needs no such interpreter.
 */
final class HostTarget {
  /** The name messages give the interpreter's target. */
  static final String NAME = "host";

  private HostTarget() {}

  /**
   * The interpreter's target.
   *
   * @throws CiException when its pip cannot tell (one line naming the command)
   */
  static Target of(PipRunner pip) throws CiException {
    PipVersion version;
    try {
      version = pip.version();
    } catch (PipException e) {
      throw new CiException(e.getMessage(), e);
    }
    if (!version.atLeast(22, 2)) {
      throw new CiException(
          version
              + " cannot tell its interpreter's target (pip inspect); mkwheels lock needs pip 22.2"
              + " or newer ("
              + pip.python()
              + " -m pip install --upgrade pip), or a --target");
    }
    TargetEnvironment environment = environment(pip);
    List<Tag> tags = tags(pip);
    return new Target(NAME, environment, tags);
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

  private static TargetEnvironment environment(PipRunner pip) throws CiException {
    String out = run(pip, "inspect", "--local");
    JsonNode environment;
    try {
      environment = new ObjectMapper().readTree(out.substring(Math.max(0, out.indexOf('{'))));
    } catch (IOException e) {
      throw new CiException("cannot read the output of pip inspect: " + e.getMessage(), e);
    }
    JsonNode values = environment.path("environment");
    if (!values.isObject()) {
      throw new CiException("pip inspect gives no marker environment");
    }
    Map<String, String> map = new java.util.TreeMap<>();
    values.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText("")));
    return new PipReport(List.of(), map).targetEnvironment();
  }

  private static List<Tag> tags(PipRunner pip) throws CiException {
    String out = run(pip, "debug", "--verbose");
    List<Tag> tags = new ArrayList<>();
    boolean inTags = false;
    for (String line : out.lines().toList()) {
      if (line.startsWith("Compatible tags:")) {
        inTags = true;
      } else if (inTags && line.startsWith(" ")) {
        tags.addAll(Tag.parse(line.strip()));
      } else if (inTags) {
        break;
      }
    }
    if (tags.isEmpty()) {
      throw new CiException("pip debug --verbose lists no compatible tags");
    }
    return tags;
  }

  private static String run(PipRunner pip, String... args) throws CiException {
    String label = "pip " + String.join(" ", args);
    try {
      PipResult result =
          pip.check(
              PipCommand.of(args)
                  .withLabel(label)
                  .withEnvironment(Map.of("PIP_REQUIRE_VIRTUALENV", "0")));
      return result.stdout();
    } catch (PipException e) {
      throw new CiException(e.getMessage(), e);
    }
  }
}
