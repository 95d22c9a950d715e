package dev.mkwheels.engine;

import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.pip.ChildEnvironment;
import dev.mkwheels.pip.ChildProcess;
import dev.mkwheels.python.marker.TargetEnvironment;
import dev.mkwheels.python.tags.Tag;
import dev.mkwheels.resolver.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@code --python} interpreter's own machine as a resolver {@link Target} named {@code host}:
 * the tags its pip's {@code packaging.tags.sys_tags()} lists, most preferred first, and the marker
 * values {@code packaging.markers.default_environment()} gives. (A small reader of the engine's own
 * until mkwheels-pip has one.)
 */
final class HostTargets {
  static final String NAME = "host";
  private static final long TIMEOUT_SECONDS = 120;
  private static final String SCRIPT =
      "from pip._vendor.packaging import markers, tags\n"
          + "env = markers.default_environment()\n"
          + "for k in sorted(env): print('env\\t' + k + '\\t' + env[k])\n"
          + "for t in tags.sys_tags(): print('tag\\t' + str(t))\n";

  private HostTargets() {}

  /** Runs {@code python} once. */
  static Target read(String python, Map<String, String> environment) throws MkwheelsException {
    String what = "cannot read the tags and markers of the Python interpreter '" + python + "'";
    ProcessBuilder builder = new ProcessBuilder(python, "-c", SCRIPT);
    ChildEnvironment child =
        ChildEnvironment.of(environment).with(Map.of("PYTHONIOENCODING", "utf-8"));
    try (ChildProcess running = ChildProcess.start(builder, child)) {
      Process process = running.process();
      process.getOutputStream().close();
      CompletableFuture<byte[]> stderr =
          CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      byte[] stdout = readAll(process.getInputStream());
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new MkwheelsException(what + ": no answer in " + TIMEOUT_SECONDS + "s");
      }
      if (process.exitValue() != 0) {
        List<String> lines = new String(stderr.join(), StandardCharsets.UTF_8).lines().toList();
        throw new MkwheelsException(
            what
                + ": "
                + (lines.isEmpty() ? "exit " + process.exitValue() : lines.get(lines.size() - 1)));
      }
      return parse(new String(stdout, StandardCharsets.UTF_8));
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      throw new MkwheelsException(what + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MkwheelsException(what + ": interrupted", e);
    }
  }

  /** The target the script's lines describe. */
  static Target parse(String output) {
    Map<String, String> env = new TreeMap<>();
    Set<Tag> tags = new LinkedHashSet<>();
    for (String line : output.lines().toList()) {
      String[] parts = line.split("\t", -1);
      if (parts.length == 3 && parts[0].equals("env")) {
        env.put(parts[1], parts[2]);
      } else if (parts.length == 2 && parts[0].equals("tag")) {
        tags.addAll(Tag.parse(parts[1]));
      }
    }
    if (tags.isEmpty()) {
      throw new IllegalArgumentException("its pip lists no tags");
    }
    TargetEnvironment environment =
        new TargetEnvironment(
            value(env, "implementation_name"),
            value(env, "implementation_version"),
            value(env, "os_name"),
            value(env, "platform_machine"),
            value(env, "platform_release"),
            value(env, "platform_system"),
            value(env, "platform_version"),
            value(env, "python_full_version"),
            value(env, "platform_python_implementation"),
            value(env, "python_version"),
            value(env, "sys_platform"));
    return new Target(NAME, environment, new ArrayList<>(tags));
  }

  private static String value(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null) {
      throw new IllegalArgumentException("its pip gives no " + name + " marker");
    }
    return value;
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
