package dev.mkwheels.python.requirement;

import dev.mkwheels.python.internal.PyParsing;
import dev.mkwheels.python.marker.Marker;
import dev.mkwheels.python.version.SpecifierSet;
import dev.mkwheels.python.version.Specifiers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The requirement grammar of {@code packaging.requirements}, token by token. */
final class RequirementParser {
  private static final Pattern IDENTIFIER =
      Pattern.compile("[A-Za-z0-9](?:[-_.A-Za-z0-9]*[A-Za-z0-9])?");
  private static final Pattern URL = Pattern.compile("[^ ]+");
  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");

  private final String text;
  private int pos;

  RequirementParser(String text) {
    this.text = PyParsing.expandTabs(text);
  }

  Requirement parse() {
    skipSpace();
    String name = token(IDENTIFIER);
    if (name == null) {
      throw error();
    }
    Set<String> extras = new LinkedHashSet<>();
    skipSpace();
    if (peek('[')) {
      pos++;
      skipSpace();
      String extra = token(IDENTIFIER);
      if (extra != null) {
        extras.add(extra);
        while (true) {
          skipSpace();
          if (!peek(',')) {
            break;
          }
          pos++;
          skipSpace();
          extra = token(IDENTIFIER);
          if (extra == null) {
            throw error();
          }
          extras.add(extra);
        }
      }
      skipSpace();
      if (!peek(']')) {
        throw error();
      }
      pos++;
    }
    skipSpace();
    Optional<String> url = Optional.empty();
    SpecifierSet specifier = SpecifierSet.parse("");
    if (peek('@')) {
      pos++;
      skipSpace();
      String u = token(URL);
      if (u == null) {
        throw error();
      }
      checkUrl(u);
      url = Optional.of(u);
    } else {
      specifier = SpecifierSet.parse(String.join(",", versionSpec()));
    }
    skipSpace();
    Optional<Marker> marker = Optional.empty();
    if (peek(';')) {
      pos++;
      marker = Optional.of(Marker.parse(text.substring(pos)));
      pos = text.length();
    }
    skipSpace();
    if (pos != text.length()) {
      throw error();
    }
    return new Requirement(name, extras, specifier, url, marker);
  }

  /** The specifiers as written, with or without parentheses; none is fine. */
  private List<String> versionSpec() {
    int start = pos;
    if (peek('(')) {
      pos++;
      List<String> many = versionMany();
      skipSpace();
      if (many != null && peek(')')) {
        pos++;
        return many;
      }
      pos = start;
      return List.of();
    }
    List<String> many = versionMany();
    if (many == null) {
      pos = start;
      return List.of();
    }
    return many;
  }

  private List<String> versionMany() {
    String one = versionOne();
    if (one == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    out.add(one);
    while (true) {
      int save = pos;
      skipSpace();
      if (!peek(',')) {
        pos = save;
        return out;
      }
      pos++;
      one = versionOne();
      if (one == null) {
        pos = save;
        return out;
      }
      out.add(one);
    }
  }

  /** The longer of the PEP 440 and the legacy specifier at {@code pos}, as pyparsing's Or. */
  private String versionOne() {
    skipSpace();
    int pep = Specifiers.matchPep440(text, pos);
    int legacy = Specifiers.matchLegacy(text, pos);
    int end = Math.max(pep, legacy);
    if (end < 0) {
      return null;
    }
    String one = text.substring(pos, end);
    pos = end;
    return one;
  }

  private void checkUrl(String url) {
    Matcher m = SCHEME.matcher(url);
    String scheme = m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "";
    String rest = scheme.isEmpty() ? url : url.substring(m.end());
    String netloc = "";
    if (rest.startsWith("//")) {
      int end = rest.length();
      for (char c : new char[] {'/', '?', '#'}) {
        int i = rest.indexOf(c, 2);
        if (i >= 0) {
          end = Math.min(end, i);
        }
      }
      netloc = rest.substring(2, end);
    }
    if (scheme.equals("file")) {
      // packaging compares urlunparse(urlparse(url)) with the URL: only this form survives that
      boolean roundTrips = url.startsWith("file://") && !url.endsWith("?") && !url.endsWith("#");
      if (!roundTrips) {
        throw new InvalidRequirementException(text, "invalid URL given");
      }
    } else if (scheme.isEmpty() || netloc.isEmpty()) {
      throw new InvalidRequirementException(text, "invalid URL: " + url);
    }
  }

  private String token(Pattern p) {
    Matcher m = p.matcher(text).region(pos, text.length());
    if (!m.lookingAt()) {
      return null;
    }
    pos = m.end();
    return m.group();
  }

  private boolean peek(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private void skipSpace() {
    while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private InvalidRequirementException error() {
    String at = text.substring(Math.min(pos, text.length()), Math.min(pos + 8, text.length()));
    return new InvalidRequirementException(text, "parse error at '" + at + "'");
  }
}
