package dev.mkwheels.pip;

import dev.mkwheels.python.index.Redaction;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What pip's log says about the git requirements it cloned: {@code Cloning URL (to revision REF) to
 * DIR}, or without the revision when the requirement named none. pip masks a password in the URL;
 * the keys here carry no user info at all, as {@link Redaction#withoutUserInfo} writes them.
 */
final class PipClones {
  private static final Pattern CLONING =
      Pattern.compile("\\s*Cloning (\\S+)(?: \\(to revision (.+)\\))? to \\S.*");

  private PipClones() {}

  /** Clone URL to {@code @REF}, or to {@code the default branch}. */
  static Map<String, String> requested(List<String> lines) {
    Map<String, String> requested = new TreeMap<>();
    for (String line : lines) {
      Matcher m = CLONING.matcher(line);
      if (m.matches()) {
        requested.put(
            Redaction.withoutUserInfo(m.group(1)),
            m.group(2) == null ? "the default branch" : "@" + m.group(2));
      }
    }
    return requested;
  }
}
