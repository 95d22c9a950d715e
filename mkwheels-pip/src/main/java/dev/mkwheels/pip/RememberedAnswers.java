package dev.mkwheels.pip;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The last answer {@link InterpreterProbe} got from each interpreter, kept in a small file so that
 * the next run can start from it at once instead of waiting for the interpreter (0.3 s to start
 * Python and import pip, more behind a pyenv shim). It is only ever a guess: the interpreter still
 * runs every time, and a run that started from a remembered answer has it confirmed before it
 * packs, and starts over from the real one when it does not hold (a pip upgraded, a pip.conf
 * edited). The interpreter confirms it by giving the same witness as the answer holds ({@link
 * InterpreterProbe#WITNESS}: which interpreter, pip and configuration files, read without pip),
 * else by giving the same answer. So what a run produces comes from an answer the interpreter gave
 * (the SHA-256 below keeps an edited one out) whose witness holds; this file only decides how soon
 * it starts.
 *
 * <p>One file per interpreter as given and working directory ({@code interpreter-<hash>.json}, so
 * runs from several directories do not take each other's answer away; the {@value #KEPT} most
 * recently written are kept), holding a hash of what the answer depends on (the probe's script, the
 * interpreter as given, the working directory, for pyenv's {@code .python-version}, and the child's
 * environment but {@code TMPDIR} and a shell's own {@code OLDPWD}, {@code SHLVL} and {@code _}),
 * the answer's text and its SHA-256: an answer edited since it was written, or cut short, is not
 * read (a witness that still holds would confirm it otherwise, and the tarball would depend on the
 * edit). An answer whose configuration holds a URL with a user or password is not kept. The
 * directory is {@value #VARIABLE} when set (set and empty: nothing is kept or read), else {@code
 * $XDG_CACHE_HOME/mkwheels}, else {@code ~/.cache/mkwheels}; made owner-only. A file that cannot be
 * read or written is ignored: the run waits for the interpreter as it would without it.
 */
final class RememberedAnswers {
  /** How many answers are kept: writing one more removes the least recently written. */
  static final int KEPT = 32;

  /** Variables a shell sets for itself, left out of the key (see {@link #key}). */
  static final Set<String> SHELL_BOOKKEEPING = Set.of("OLDPWD", "SHLVL", "_");

  /** The variable naming the directory; set and empty, nothing is remembered. */
  static final String VARIABLE = "MKWHEELS_CACHE_DIR";

  /** A URL with a user (and maybe a password) in it: {@code scheme://user[:pass]@host}. */
  private static final Pattern USERINFO = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^/\\s\"@]+@");

  private final Path directory;

  private RememberedAnswers(Path directory) {
    this.directory = directory;
  }

  /** Where the user's environment says answers are kept; empty when it says nowhere. */
  static Optional<RememberedAnswers> of(Map<String, String> environment) {
    requireNonNull(environment, "environment is null");
    String chosen = environment.get(VARIABLE);
    Path directory;
    if (chosen != null) {
      directory = Path.of(chosen); // set and empty: not absolute, so nowhere
    } else if (nonBlank(environment.get("XDG_CACHE_HOME"))) {
      directory = Path.of(environment.get("XDG_CACHE_HOME"), "mkwheels");
    } else if (nonBlank(environment.get("HOME"))) {
      directory = Path.of(environment.get("HOME"), ".cache", "mkwheels");
    } else {
      return Optional.empty();
    }
    return directory.isAbsolute()
        ? Optional.of(new RememberedAnswers(directory))
        : Optional.empty();
  }

  /** The directory the answers are in. */
  Path directory() {
    return directory;
  }

  /** The answer remembered for {@code python} asked with {@code environment}, if any. */
  Optional<String> read(String python, ChildEnvironment environment) {
    return read(python, environment, workingDirectory());
  }

  Optional<String> read(String python, ChildEnvironment environment, String workingDirectory) {
    Path file = file(python, workingDirectory);
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > 1 << 20) {
        return Optional.empty();
      }
      Map<String, String> doc = fields(Files.readString(file, StandardCharsets.UTF_8));
      String key = doc.get("key");
      String answer = doc.get("answer");
      String check = doc.get("sha256");
      if (key == null
          || answer == null
          || check == null
          || !key.equals(key(python, environment, workingDirectory))
          || !check.equals(sha256(answer))) {
        return Optional.empty();
      }
      return Optional.of(answer);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Remembers {@code answer}; quietly does nothing when it cannot, or must not (credentials). */
  void write(String python, ChildEnvironment environment, String answer) {
    write(python, environment, workingDirectory(), answer);
  }

  void write(String python, ChildEnvironment environment, String workingDirectory, String answer) {
    if (USERINFO.matcher(answer).find()) {
      return;
    }
    Path file = file(python, workingDirectory);
    Path temporary = null;
    try {
      Files.createDirectories(
          directory,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      temporary =
          Files.createTempFile(
              directory,
              ".interpreter-",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      StringWriter doc = new StringWriter();
      try (JsonGenerator json = ProbeAnswer.JSON.createGenerator(doc)) {
        json.writeStartObject();
        json.writeStringField("key", key(python, environment, workingDirectory));
        json.writeStringField("answer", answer);
        json.writeStringField("sha256", sha256(answer));
        json.writeEndObject();
      }
      Files.writeString(temporary, doc.toString(), StandardCharsets.UTF_8);
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
      temporary = null;
      prune();
    } catch (IOException | RuntimeException e) {
      // Only a head start for the next run: without it, that run waits for the interpreter.
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException e) {
          // as above
        }
      }
    }
  }

  /**
   * The fields of the JSON object {@code json} that are texts ({@link ProbeAnswer#texts}).
   *
   * @throws IOException when {@code json} is not a JSON object
   */
  private static Map<String, String> fields(String json) throws IOException {
    try (JsonParser parser = ProbeAnswer.JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      return ProbeAnswer.texts(parser);
    }
  }

  /** Removes all but the {@link #KEPT} most recently written answers. */
  private void prune() throws IOException {
    List<Path> answers;
    try (Stream<Path> files = Files.list(directory)) {
      answers =
          files
              .filter(f -> f.getFileName().toString().matches("interpreter-[0-9a-f]{16}\\.json"))
              .sorted(Comparator.comparing(RememberedAnswers::modified).reversed())
              .toList();
    }
    for (Path stale : answers.subList(Math.min(KEPT, answers.size()), answers.size())) {
      Files.deleteIfExists(stale);
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return FileTime.fromMillis(0); // gone already, or unreadable: the first to go
    }
  }

  private static String workingDirectory() {
    return System.getProperty("user.dir", "");
  }

  private Path file(String python, String workingDirectory) {
    String name = sha256(python + '\0' + workingDirectory).substring(0, 16);
    return directory.resolve("interpreter-" + name + ".json");
  }

  /** What an answer depends on, hashed: no value of the environment is written down. */
  static String key(String python, ChildEnvironment environment, String workingDirectory) {
    SortedMap<String, String> variables = new TreeMap<>(environment.variables());
    variables.remove("TMPDIR"); // each run's own work directory
    // What an interactive shell changes between two runs of the same command, and neither Python
    // nor pip nor pyenv reads: the last directory, the shell's depth, the last command's path.
    variables.keySet().removeAll(SHELL_BOOKKEEPING);
    StringBuilder text = new StringBuilder();
    text.append(InterpreterProbe.SCRIPT).append('\0').append(InterpreterProbe.CHECK).append('\0');
    text.append(python).append('\0');
    text.append(workingDirectory).append('\0');
    variables.forEach((k, v) -> text.append(k).append('=').append(v).append('\0'));
    return sha256(text.toString());
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static boolean nonBlank(String value) {
    return value != null && !value.isBlank();
  }
}
