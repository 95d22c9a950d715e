package dev.mkwheels.ci;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a PEP 751 lock ({@code pylock.toml}, {@code pylock.NAME.toml}) as a lock: one entry per
 * {@code [[packages]]}, pinned to its {@code version}, with its {@code marker} and the hashes of
 * every file it lists (wheels, sdist, archive). Parsed with Jackson's TOML module; only
 * lock-version 1.x is read, as the PEP asks of a tool that knows 1.0.
 */
final class PylockReader {
  private static final TomlMapper TOML = new TomlMapper();

  private PylockReader() {}

  /** Whether {@code file} is named as PEP 751 names a lock. */
  static boolean isPylock(Path file) {
    return LockFormat.isPylockName(file);
  }

  static LockFile read(Path lock) throws CiException {
    String text;
    try {
      text = Files.readString(lock, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new CiException("no such lock file: " + lock);
    } catch (IOException e) {
      throw new CiException("cannot read " + lock + ": " + e.getMessage(), e);
    }
    return parse(text, lock);
  }

  /** Reads a lock's text; {@code lock} names it in messages (a file, or a tarball's member). */
  static LockFile parse(String text, Path lock) throws CiException {
    JsonNode root;
    try {
      root = TOML.readTree(text);
    } catch (JacksonException e) {
      throw new CiException(lock + " is not valid TOML: " + e.getOriginalMessage(), e);
    }
    String version = root.path("lock-version").asText("");
    if (!version.equals("1") && !version.startsWith("1.")) {
      throw new CiException(
          lock
              + ": lock-version '"
              + version
              + "' is not one mkwheels reads (PEP 751 lock-version 1.x)");
    }
    JsonNode packages = root.path("packages");
    if (!packages.isArray()) {
      throw new CiException(lock + ": no [[packages]] array");
    }
    List<LockEntry> entries = new ArrayList<>();
    int index = 0;
    for (JsonNode pkg : packages) {
      index++;
      String location = lock + ": [[packages]] #" + index;
      String name = text(pkg, "name", location);
      if (!Pin.isValidName(name)) {
        throw new CiException(location + ": '" + name + "' is not a project name");
      }
      String pinned = text(pkg, "version", location + " (" + name + ")");
      entries.add(
          new LockEntry(
              new Pin(name, pinned),
              "",
              pkg.path("marker").asText("").strip(),
              hashes(pkg),
              location + " (" + name + ")"));
    }
    return new LockFile(lock, entries);
  }

  private static String text(JsonNode node, String key, String location) throws CiException {
    JsonNode value = node.get(key);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new CiException(
          location + ": no " + key + (key.equals("version") ? " (a lock pins every package)" : ""));
    }
    return value.asText().strip();
  }

  /** {@code algorithm:hex}, sorted, of every file of the package. */
  private static List<String> hashes(JsonNode pkg) {
    List<JsonNode> files = new ArrayList<>();
    pkg.path("wheels").forEach(files::add);
    for (String single : List.of("sdist", "archive")) {
      if (pkg.path(single).isObject()) {
        files.add(pkg.get(single));
      }
    }
    TreeSet<String> hashes = new TreeSet<>();
    for (JsonNode file : files) {
      for (Iterator<Map.Entry<String, JsonNode>> it = file.path("hashes").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> hash = it.next();
        hashes.add(
            hash.getKey().toLowerCase(Locale.ROOT)
                + ":"
                + hash.getValue().asText().toLowerCase(Locale.ROOT));
      }
    }
    return List.copyOf(hashes);
  }
}
