package dev.mkwheels.pip;

import dev.mkwheels.python.index.Redaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The indexes and find-links locations pip will look in: the command line's, on top of pip's own
 * configuration (environment, then the command's section, then {@code [global]}) as {@code pip
 * config list} shows it, so the hashes mkwheels checks (in {@code lock}, and for the modes' files)
 * come from the same places as pip's files. Immutable.
 *
 * @param indexUrls the index first, then the extra indexes; empty with {@code no-index}
 * @param findLinks the find-links locations, directories or URLs
 */
public record PipIndexes(List<String> indexUrls, List<String> findLinks) {
  /** PyPI's simple index: pip's default when nothing else is configured. */
  public static final String PYPI = "https://pypi.org/simple";

  private static final Pattern LINE = Pattern.compile("([^=]+)=(['\"])(.*)\\2");
  static final Set<String> TRUE = Set.of("1", "true", "yes", "on");

  public PipIndexes {
    indexUrls = List.copyOf(indexUrls);
    findLinks = List.copyOf(findLinks);
  }

  /**
   * @param section pip's command whose configuration section applies, for example {@code install}
   * @throws PipException when {@code pip config list} cannot run or fails
   * @see PipRunner#configuration()
   */
  public static PipIndexes of(PipRunner pip, PipOptions options, String section)
      throws PipException {
    return of(pip.configuration(), options, section);
  }

  /** The indexes from a configuration already read ({@link #parse}) and the command line's. */
  public static PipIndexes of(Map<String, String> config, PipOptions options, String section) {
    List<String> indexes = new ArrayList<>();
    if (!TRUE.contains(setting(config, section, "no-index").toLowerCase(java.util.Locale.ROOT))) {
      String index = options.indexUrl().orElse(setting(config, section, "index-url"));
      indexes.add(index.isEmpty() ? PYPI : index);
      indexes.addAll(words(setting(config, section, "extra-index-url")));
      indexes.addAll(options.extraIndexUrls());
    }
    List<String> links = new ArrayList<>(words(setting(config, section, "find-links")));
    links.addAll(options.findLinks());
    return new PipIndexes(indexes.stream().distinct().toList(), links.stream().distinct().toList());
  }

  /** {@code pip config list}'s {@code section.key='value'} lines. */
  public static Map<String, String> parse(String listing) {
    Map<String, String> config = new HashMap<>();
    for (String line : listing.lines().toList()) {
      Matcher m = LINE.matcher(line.strip());
      if (m.matches()) {
        config.put(m.group(1).strip(), m.group(3));
      }
    }
    return config;
  }

  /**
   * One line for the summary, credentials removed: the indexes, then the find-links locations;
   * {@code no index} when there is neither.
   */
  public String describe() {
    List<String> parts = new ArrayList<>();
    indexUrls.forEach(url -> parts.add(Redaction.mask(url)));
    findLinks.forEach(url -> parts.add("--find-links " + Redaction.mask(url)));
    return parts.isEmpty() ? "no index" : String.join(", ", parts);
  }

  /**
   * A setting as pip reads it for {@code section}'s command: the environment's, then the command's
   * section, then {@code [global]}; empty when none sets it.
   */
  static String setting(Map<String, String> config, String section, String key) {
    for (String scope : List.of(":env:", section, "global")) {
      String value = config.get(scope + "." + key);
      if (value != null) {
        return value.strip();
      }
    }
    return "";
  }

  /** A setting's words: pip splits a setting that may be given more than once on whitespace. */
  static List<String> words(String value) {
    return value.isBlank() ? List.of() : Arrays.asList(value.strip().split("\\s+"));
  }
}
