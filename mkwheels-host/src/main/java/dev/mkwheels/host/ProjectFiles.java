package dev.mkwheels.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a source tree's own files say about the project, read leniently: its distribution name and
 * its {@code [build-system]} table. A line-based reader, not a TOML parser; when it cannot tell,
 * the answer is empty and the caller takes the broad path.
 *
 * @param name the distribution name as written, from {@code pyproject.toml} ({@code [project]} or
 *     {@code [tool.poetry]}), else {@code setup.cfg}, else a literal {@code name=} in {@code
 *     setup.py}
 * @param buildSystem the text of the {@code [build-system]} table, empty when there is none
 */
record ProjectFiles(Optional<String> name, String buildSystem) {
  private static final Pattern TABLE =
      Pattern.compile("\\s*\\[\\s*([A-Za-z0-9_.\"-]+)\\s*]\\s*(#.*)?");
  private static final Pattern TOML_NAME =
      Pattern.compile("\\s*name\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')\\s*(#.*)?");
  private static final Pattern CFG_SECTION = Pattern.compile("\\s*\\[([^]]+)]\\s*");
  private static final Pattern CFG_NAME = Pattern.compile("\\s*name\\s*[=:]\\s*(\\S+)\\s*");
  private static final Pattern SETUP_PY_NAME =
      Pattern.compile("\\bname\\s*=\\s*['\"]([A-Za-z0-9._-]+)['\"]");
  private static final Pattern DIST_NAME =
      Pattern.compile("[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]");

  static ProjectFiles read(Path directory) {
    Optional<String> pyproject = text(directory.resolve("pyproject.toml"));
    Optional<String> name =
        pyproject
            .flatMap(t -> tomlName(t, "project"))
            .or(() -> pyproject.flatMap(t -> tomlName(t, "tool.poetry")))
            .or(() -> text(directory.resolve("setup.cfg")).flatMap(ProjectFiles::cfgName))
            .or(() -> text(directory.resolve("setup.py")).flatMap(ProjectFiles::setupPyName))
            .filter(n -> DIST_NAME.matcher(n).matches());
    return new ProjectFiles(name, pyproject.map(ProjectFiles::buildSystem).orElse(""));
  }

  private static Optional<String> tomlName(String toml, String wanted) {
    String table = "";
    for (String line : toml.split("\\R")) {
      Matcher header = TABLE.matcher(line);
      if (header.matches()) {
        table = header.group(1).replace("\"", "");
        continue;
      }
      Matcher name = TOML_NAME.matcher(line);
      if (table.equals(wanted) && name.matches()) {
        return Optional.of(name.group(1) != null ? name.group(1) : name.group(2));
      }
    }
    return Optional.empty();
  }

  private static String buildSystem(String toml) {
    StringBuilder out = new StringBuilder();
    boolean inside = false;
    for (String line : toml.split("\\R")) {
      Matcher header = TABLE.matcher(line);
      if (header.matches() || line.strip().startsWith("[[")) {
        inside = header.matches() && header.group(1).replace("\"", "").equals("build-system");
        continue;
      }
      if (inside) {
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }

  private static Optional<String> cfgName(String cfg) {
    String section = "";
    for (String line : cfg.split("\\R")) {
      Matcher header = CFG_SECTION.matcher(line);
      if (header.matches()) {
        section = header.group(1).strip();
        continue;
      }
      Matcher name = CFG_NAME.matcher(line);
      if (section.equals("metadata") && name.matches()) {
        return Optional.of(name.group(1));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> setupPyName(String setupPy) {
    Matcher name = SETUP_PY_NAME.matcher(setupPy);
    return name.find() ? Optional.of(name.group(1)) : Optional.empty();
  }

  private static Optional<String> text(Path file) {
    try {
      // Links in the tree were checked to stay inside it when it was unpacked.
      if (!Files.isRegularFile(file) || Files.size(file) > (1 << 20)) {
        return Optional.empty();
      }
      return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
