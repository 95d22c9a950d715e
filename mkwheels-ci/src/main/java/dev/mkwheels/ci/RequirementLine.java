package dev.mkwheels.ci;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a PEP 508 requirement that the {@code # via} graph needs: the project, its extras
 * and its marker. Version specifiers and URLs are skipped, pip has already applied them.
 *
 * @param name the normalized project name
 * @param extras the requested extras, normalized
 * @param marker the marker after {@code ;}, or empty
 */
record RequirementLine(String name, List<String> extras, String marker) {
  private static final Pattern HEAD =
      Pattern.compile(
          "\\s*([A-Za-z0-9][A-Za-z0-9._-]*)\\s*(?:\\[([^\\]]*)\\])?(.*)", Pattern.DOTALL);

  RequirementLine {
    extras = List.copyOf(extras);
  }

  /** The requirement, or empty when the line does not start with a project name. */
  static Optional<RequirementLine> parse(String requirement) {
    Matcher m = HEAD.matcher(requirement);
    if (!m.matches()) {
      return Optional.empty();
    }
    List<String> extras = new ArrayList<>();
    if (m.group(2) != null) {
      for (String extra : m.group(2).split(",")) {
        if (!extra.isBlank()) {
          extras.add(Pin.normalize(extra.strip()));
        }
      }
    }
    String rest = m.group(3);
    // In "name @ url ; marker" the marker's ";" follows a space; in "name>=1;marker" it need not.
    int semicolon = rest.contains("@") ? rest.indexOf(" ;") + 1 : rest.indexOf(';');
    String marker =
        semicolon <= 0 && !rest.startsWith(";") ? "" : rest.substring(semicolon + 1).strip();
    return Optional.of(new RequirementLine(Pin.normalize(m.group(1)), extras, marker));
  }
}
