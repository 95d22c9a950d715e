package dev.mkwheels.ci;

import dev.mkwheels.python.requirement.InvalidRequirementException;
import dev.mkwheels.python.requirement.Requirement;
import dev.mkwheels.python.version.Specifier;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a pip-compile-style lock or any hashed requirements file: {@code name==version \}
 * continuation lines, {@code --hash=} options, comments ({@code # via ...}), option lines and
 * {@code -r} includes (followed, relative to the including file). Each requirement is read as PEP
 * 508 says; one that does not parse (a marker included) or is not pinned with {@code ==} is an
 * error: a lock pins everything. A file named {@code pylock.toml} or {@code pylock.NAME.toml} is
 * read as a PEP 751 lock instead ({@link PylockReader}).
 */
public final class LockFileParser {
  private static final Pattern COMMENT = Pattern.compile("(^|\\s+)#.*$");
  private static final Pattern HASH =
      Pattern.compile("--hash[=\\s]\\s*([A-Za-z0-9]+):([0-9A-Fa-f]+)");

  /** Parses {@code lock} and the files it includes with {@code -r}. */
  public LockFile parse(Path lock) throws CiException {
    if (PylockReader.isPylock(lock)) {
      return PylockReader.read(lock);
    }
    List<LockEntry> entries = new ArrayList<>();
    read(lock.toAbsolutePath().normalize(), lock, entries, new HashSet<>());
    return new LockFile(lock, entries);
  }

  private void read(Path absolute, Path shown, List<LockEntry> entries, Set<Path> seen)
      throws CiException {
    if (!seen.add(absolute)) {
      throw new CiException(shown + " includes itself through -r");
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(absolute, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new CiException("no such lock file: " + shown);
    } catch (MalformedInputException e) {
      throw new CiException(shown + " is not UTF-8 text");
    } catch (IOException e) {
      throw new CiException("cannot read " + shown + ": " + e.getMessage(), e);
    }
    lines(lines, absolute, shown, entries, seen);
    seen.remove(absolute);
  }

  /**
   * Parses the lines of a lock that is not a file of its own (the {@code requirements.txt} inside a
   * tarball): an {@code -r} include is refused, since there is nothing to resolve it against.
   *
   * @param shown how messages name it, for example {@code x.tar.gz:x-wheels-1/requirements.txt}
   */
  public LockFile parse(List<String> lines, Path shown) throws CiException {
    List<LockEntry> entries = new ArrayList<>();
    lines(lines, null, shown, entries, new HashSet<>());
    return new LockFile(shown, entries);
  }

  private void lines(
      List<String> lines, Path absolute, Path shown, List<LockEntry> entries, Set<Path> seen)
      throws CiException {
    StringBuilder logical = new StringBuilder();
    int start = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (logical.length() == 0) {
        start = i + 1;
      }
      // A comment ends the line even after a backslash, as pip reads it.
      String text = COMMENT.matcher(line).replaceFirst("");
      if (text.endsWith("\\")) {
        logical.append(text, 0, text.length() - 1).append(' ');
        continue;
      }
      logical.append(text);
      line(logical.toString().strip(), shown + ":" + start, absolute, shown, entries, seen);
      logical.setLength(0);
    }
    if (logical.length() > 0) {
      line(logical.toString().strip(), shown + ":" + start, absolute, shown, entries, seen);
    }
  }

  private void line(
      String text, String location, Path file, Path shown, List<LockEntry> entries, Set<Path> seen)
      throws CiException {
    if (text.isEmpty()) {
      return;
    }
    String[] words = text.split("\\s+", 2);
    String option =
        words[0].contains("=") ? words[0].substring(0, words[0].indexOf('=')) : words[0];
    if (option.equals("-r") || option.equals("--requirement")) {
      String target =
          words[0].contains("=")
              ? words[0].substring(words[0].indexOf('=') + 1)
              : words.length > 1 ? words[1].strip() : "";
      if (target.isEmpty()) {
        throw new CiException(location + ": -r names no file");
      }
      if (file == null) {
        throw new CiException(location + ": -r " + target + " cannot be followed from here");
      }
      Path parent = file.getParent();
      Path included = parent.resolve(target).normalize();
      Path includedShown =
          shown.getParent() == null ? Path.of(target) : shown.getParent().resolve(target);
      read(included, includedShown, entries, seen);
      return;
    }
    if (option.equals("-e") || option.equals("--editable")) {
      throw new CiException(location + ": an editable requirement has no pinned version: " + text);
    }
    if (text.startsWith("-")) {
      return; // --index-url, -c, --find-links, --require-hashes...: options, not pins
    }
    List<String> hashes = new ArrayList<>();
    Matcher hash = HASH.matcher(text);
    while (hash.find()) {
      hashes.add(
          hash.group(1).toLowerCase(Locale.ROOT) + ":" + hash.group(2).toLowerCase(Locale.ROOT));
    }
    String spec = HASH.matcher(text).replaceAll("").strip();
    Requirement requirement;
    try {
      requirement = Requirement.parse(spec);
    } catch (InvalidRequirementException e) {
      throw new CiException(location + ": " + e.getMessage());
    }
    List<Specifier> specifiers = requirement.specifier().specifiers();
    if (requirement.url().isPresent()
        || specifiers.size() != 1
        || !specifiers.get(0).operator().startsWith("==")
        || specifiers.get(0).version().endsWith(".*")) {
      throw new CiException(
          location + ": '" + spec + "' is not pinned with == (a lock pins every distribution)");
    }
    entries.add(
        new LockEntry(
            new Pin(requirement.name(), specifiers.get(0).version()),
            requirement.extras().isEmpty()
                ? ""
                : "[" + String.join(",", requirement.extras()) + "]",
            requirement.marker().map(m -> m.text().strip()).orElse(""),
            hashes,
            location));
  }
}
