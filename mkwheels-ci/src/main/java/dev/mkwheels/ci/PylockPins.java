package dev.mkwheels.ci;

import dev.mkwheels.api.Console;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code name} and {@code version} of each {@code [[packages]]} table of a PEP 751 {@code
 * pylock.toml}, as mkwheels writes it (one key per line, basic strings). Keys of sub-tables ({@code
 * [[packages.wheels]]}, {@code [packages.sdist]}) are not the package's and are skipped. This reads
 * pins for an audit only; it is not a TOML parser.
 */
final class PylockPins {
  private static final Pattern HEADER = Pattern.compile("\\s*\\[\\[?\\s*([^\\]]+?)\\s*\\]\\]?\\s*");
  private static final Pattern KEY =
      Pattern.compile("\\s*(name|version)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*(#.*)?");

  private PylockPins() {}

  static List<Pin> read(String text, String shown, Console console) throws CiException {
    List<Pin> pins = new ArrayList<>();
    boolean inPackage = false;
    String name = null;
    String version = null;
    int line = 0;
    int start = 0;
    for (String raw : text.lines().toList()) {
      line++;
      Matcher header = HEADER.matcher(raw);
      if (header.matches()) {
        if (inPackage) {
          add(pins, name, version, shown + ":" + start, console);
        }
        inPackage = raw.strip().startsWith("[[") && header.group(1).equals("packages");
        name = null;
        version = null;
        start = line;
        continue;
      }
      Matcher key = inPackage ? KEY.matcher(raw) : null;
      if (key != null && key.matches()) {
        if (key.group(1).equals("name")) {
          name = key.group(2);
        } else {
          version = key.group(2);
        }
      }
    }
    if (inPackage) {
      add(pins, name, version, shown + ":" + start, console);
    }
    return pins;
  }

  private static void add(
      List<Pin> pins, String name, String version, String location, Console console)
      throws CiException {
    if (name == null || !Pin.isValidName(name)) {
      throw new CiException(location + ": a [[packages]] table without a valid name");
    }
    if (version == null || version.isBlank()) {
      console.warn(location + ": " + name + " has no version in pylock.toml; not audited");
      return;
    }
    pins.add(new Pin(name, version));
  }
}
