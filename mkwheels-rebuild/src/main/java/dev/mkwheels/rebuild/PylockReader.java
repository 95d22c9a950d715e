package dev.mkwheels.rebuild;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.mkwheels.api.MkwheelsException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the keys {@code mkwheels rebuild} needs from a pylock.toml (PEP 751): {@code [[packages]]}
 * {@code name}, {@code version}, {@code index}; each {@code [[packages.wheels]]} and {@code
 * [packages.sdist]} (and {@code [packages.archive]}, with the git commit of {@code
 * [packages.tool.mkwheels.vcs]}) {@code name}, {@code path}, {@code url}, {@code size}, {@code
 * upload-time}, {@code hashes.sha256}; each package's {@code marker}; the top-level {@code
 * environments}; and {@code [tool.mkwheels]} {@code name}, {@code version}, {@code epoch}, {@code
 * format}, {@code notes}. Key order, other keys and optional fields do not matter; what is missing
 * or malformed is named. Thread-safe.
 */
public final class PylockReader {
  /** A file name as mkwheels packs it: no separator, no "..", nothing a shell or tar reads. */
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+!-]*");

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
  private static final TomlMapper TOML = new TomlMapper();

  private PylockReader() {}

  /** Parses {@code text}; {@code label} names it in messages. */
  public static Pylock read(String text, String label) throws MkwheelsException {
    JsonNode root;
    try {
      root = TOML.readTree(text);
    } catch (JacksonException e) {
      throw new MkwheelsException(
          label + " is not valid TOML: " + firstLine(e.getOriginalMessage()));
    }
    JsonNode tool = root.path("tool").path("mkwheels");
    if (!tool.isObject()) {
      throw new MkwheelsException(
          label + " has no [tool.mkwheels] table: it was not written by mkwheels");
    }
    String name = text(tool, "name", label + " [tool.mkwheels]");
    String version = text(tool, "version", label + " [tool.mkwheels]");
    long epoch = number(tool, "epoch", label + " [tool.mkwheels]");
    int format = tool.has("format") ? (int) number(tool, "format", label + " [tool.mkwheels]") : 0;
    List<String> notes = new ArrayList<>();
    JsonNode noteArray = tool.path("notes");
    if (!noteArray.isMissingNode()) {
      if (!noteArray.isArray()) {
        throw new MkwheelsException(label + " [tool.mkwheels] notes is not an array of strings");
      }
      for (JsonNode note : noteArray) {
        if (!note.isTextual()) {
          throw new MkwheelsException(label + " [tool.mkwheels] notes holds a non-string");
        }
        notes.add(note.asText());
      }
    }
    List<String> environments = new ArrayList<>();
    JsonNode environmentArray = root.path("environments");
    if (!environmentArray.isMissingNode()) {
      if (!environmentArray.isArray()) {
        throw new MkwheelsException(label + " environments is not an array of strings");
      }
      for (JsonNode environment : environmentArray) {
        if (!environment.isTextual()) {
          throw new MkwheelsException(label + " environments holds a non-string");
        }
        environments.add(environment.asText());
      }
    }
    List<Pylock.File> files = new ArrayList<>();
    JsonNode packages = root.path("packages");
    if (!packages.isArray() || packages.isEmpty()) {
      throw new MkwheelsException(label + " locks no [[packages]]");
    }
    for (JsonNode pkg : packages) {
      String where = label + " [[packages]]";
      String project = text(pkg, "name", where);
      String projectVersion = text(pkg, "version", where + " " + project);
      String index = pkg.path("index").isTextual() ? pkg.path("index").asText() : "";
      where = label + " package " + project + " " + projectVersion;
      Optional<String> marker =
          pkg.path("marker").isTextual()
              ? Optional.of(pkg.path("marker").asText())
              : Optional.empty();
      int first = files.size();
      for (JsonNode wheel : pkg.path("wheels")) {
        files.add(file(wheel, project, projectVersion, index, where + " wheel"));
      }
      if (pkg.path("sdist").isObject()) {
        files.add(file(pkg.path("sdist"), project, projectVersion, index, where + " sdist"));
      }
      if (pkg.path("archive").isObject()) {
        Pylock.File archive =
            file(pkg.path("archive"), project, projectVersion, index, where + " archive");
        Optional<Pylock.Git> git = git(pkg.path("tool").path("mkwheels").path("vcs"), where);
        files.add(
            new Pylock.File(
                archive.project(),
                archive.version(),
                archive.fileName(),
                archive.sha256(),
                archive.size(),
                archive.index(),
                archive.url(),
                archive.uploadTime(),
                git));
      }
      for (int i = first; i < files.size(); i++) {
        files.set(i, files.get(i).withMarker(marker));
      }
    }
    files.sort(Comparator.comparing(Pylock.File::fileName));
    Set<String> seen = new HashSet<>();
    for (Pylock.File file : files) {
      if (!seen.add(file.fileName())) {
        throw new MkwheelsException(label + " locks " + file.fileName() + " twice");
      }
    }
    return new Pylock(name, version, epoch, format, notes, files, environments);
  }

  /** {@code [packages.tool.mkwheels.vcs]}: the commit a git dependency's archive came from. */
  private static Optional<Pylock.Git> git(JsonNode vcs, String where) throws MkwheelsException {
    if (vcs.isMissingNode()) {
      return Optional.empty();
    }
    where = where + " [packages.tool.mkwheels.vcs]";
    if (!vcs.isObject()) {
      throw new MkwheelsException(where + " is not a table");
    }
    String type = text(vcs, "type", where);
    if (!type.equals("git")) {
      throw new MkwheelsException(
          where + " type is '" + TarballDiff.printable(type) + "': only git is written again");
    }
    String url = text(vcs, "url", where);
    String commit = text(vcs, "commit-id", where);
    if (!COMMIT.matcher(commit).matches()) {
      throw new MkwheelsException(where + " commit-id is not a full commit id");
    }
    return Optional.of(new Pylock.Git(url, commit));
  }

  private static Pylock.File file(
      JsonNode node, String project, String version, String index, String where)
      throws MkwheelsException {
    String path = node.path("path").isTextual() ? node.path("path").asText() : "";
    String url = node.path("url").isTextual() ? node.path("url").asText() : "";
    String fileName;
    if (node.path("name").isTextual()) {
      fileName = node.path("name").asText();
    } else if (!path.isEmpty() || !url.isEmpty()) {
      String from = path.isEmpty() ? url.replaceAll("[?#].*", "") : path;
      fileName = from.substring(from.lastIndexOf('/') + 1);
    } else {
      throw new MkwheelsException(where + " has no name, path or url");
    }
    if (!FILE_NAME.matcher(fileName).matches() || fileName.length() > 255) {
      throw new MkwheelsException(
          where + " names the file '" + TarballDiff.printable(fileName) + "', not a plain name");
    }
    JsonNode sha = node.path("hashes").path("sha256");
    if (!sha.isTextual()) {
      throw new MkwheelsException(where + " " + fileName + " has no hashes.sha256");
    }
    String sha256 = sha.asText().toLowerCase(Locale.ROOT);
    if (!SHA256.matcher(sha256).matches()) {
      throw new MkwheelsException(where + " " + fileName + " has a malformed hashes.sha256");
    }
    long size = node.has("size") ? number(node, "size", where + " " + fileName) : -1;
    JsonNode uploaded = node.path("upload-time");
    String uploadTime = uploaded.isValueNode() ? uploaded.asText() : "";
    return new Pylock.File(project, version, fileName, sha256, size, index, url, uploadTime);
  }

  private static String text(JsonNode node, String key, String where) throws MkwheelsException {
    JsonNode value = node.path(key);
    if (!value.isTextual() || value.asText().isEmpty()) {
      throw new MkwheelsException(where + " has no " + key);
    }
    return value.asText();
  }

  private static long number(JsonNode node, String key, String where) throws MkwheelsException {
    JsonNode value = node.path(key);
    if (!value.canConvertToExactIntegral() || !value.canConvertToLong() || value.asLong() < 0) {
      throw new MkwheelsException(where + " " + key + " is not a whole number >= 0");
    }
    return value.asLong();
  }

  private static String firstLine(String message) {
    return message == null ? "unreadable" : message.lines().findFirst().orElse(message);
  }
}
