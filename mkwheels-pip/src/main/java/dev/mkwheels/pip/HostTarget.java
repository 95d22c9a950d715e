package dev.mkwheels.pip;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.python.marker.TargetEnvironment;
import dev.mkwheels.python.tags.Tag;
import dev.mkwheels.resolver.Target;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The interpreter's own target, as its pip sees it: the tags {@code
 * pip._vendor.packaging.tags.sys_tags()} lists (most preferred first) and the marker environment
 * {@code pip._vendor.packaging.markers.default_environment()} gives, as a resolver {@link Target}
 * named {@code host}. What no {@code --target} means.
 */
public final class HostTarget {
  /** The name of the target this reads. */
  public static final String NAME = "host";

  private static final long TIMEOUT_SECONDS = 60;

  /** Prints {"tags": [...], "environment": {...}} with pip's own vendored packaging. */
  static final String SCRIPT =
      "import json, sys\n"
          + "from pip._vendor.packaging import markers, tags\n"
          + "json.dump({'tags': [str(t) for t in tags.sys_tags()],"
          + " 'environment': markers.default_environment()}, sys.stdout)\n";

  private HostTarget() {}

  /**
   * Runs {@code python} once to read its tags and markers.
   *
   * @throws PipException (one line) when the interpreter cannot be run, has no pip, or answers
   *     something this cannot read
   */
  public static Target read(String python, ChildEnvironment environment) throws PipException {
    requireNonNull(python, "python is null");
    requireNonNull(environment, "environment is null");
    ProcessBuilder builder = new ProcessBuilder(python, "-c", SCRIPT);
    String what = "cannot read the tags and markers of the Python interpreter '" + python + "'";
    try (ChildProcess child =
        ChildProcess.start(builder, environment.with(Map.of("PYTHONIOENCODING", "utf-8")))) {
      Process process = child.process();
      process.getOutputStream().close();
      CompletableFuture<byte[]> stderr =
          CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      byte[] stdout = readAll(process.getInputStream());
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new PipException(what + ": no answer in " + TIMEOUT_SECONDS + "s");
      }
      if (process.exitValue() != 0) {
        throw new PipException(
            what + ": " + lastLine(new String(stderr.join(), StandardCharsets.UTF_8)));
      }
      return parse(new String(stdout, StandardCharsets.UTF_8));
    } catch (IOException | UncheckedIOException e) {
      throw new PipException(what + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new PipException(what + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PipException(what + ": interrupted", e);
    }
  }

  /**
   * The target {@link #SCRIPT}'s output describes.
   *
   * @throws IllegalArgumentException (one line) when it is not that
   */
  static Target parse(String json) {
    return parse(ProbeAnswer.read(json), json);
  }

  /**
   * The target an answer with {@link #SCRIPT}'s {@code tags} and {@code environment} describes.
   *
   * @param json the answer's text, for the message
   * @throws IllegalArgumentException (one line) when it has not those
   */
  static Target parse(ProbeAnswer answer, String json) {
    if (answer.tags() == null || answer.environment() == null) {
      throw new IllegalArgumentException("no tags and environment in: " + firstLine(json));
    }
    List<Tag> tags = new ArrayList<>();
    for (String tag : answer.tags()) {
      tags.addAll(Tag.parse(tag));
    }
    Map<String, String> env = answer.environment();
    TargetEnvironment environment =
        new TargetEnvironment(
            text(env, "implementation_name"),
            text(env, "implementation_version"),
            text(env, "os_name"),
            text(env, "platform_machine"),
            text(env, "platform_release"),
            text(env, "platform_system"),
            text(env, "platform_version"),
            text(env, "python_full_version"),
            text(env, "platform_python_implementation"),
            text(env, "python_version"),
            text(env, "sys_platform"));
    return new Target(NAME, environment, tags);
  }

  private static String text(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null) {
      throw new IllegalArgumentException("the marker environment has no " + name);
    }
    return value;
  }

  static String firstLine(String text) {
    String line = text.strip().lines().findFirst().orElse("");
    return line.length() > 80 ? line.substring(0, 80) + "..." : line;
  }

  private static String lastLine(String text) {
    List<String> lines = text.strip().lines().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "it failed and said nothing" : lines.get(lines.size() - 1).strip();
  }

  /** All of {@code in}, closed; an I/O failure unchecked (for a reader thread). */
  static byte[] readAll(InputStream in) {
    try (in;
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
