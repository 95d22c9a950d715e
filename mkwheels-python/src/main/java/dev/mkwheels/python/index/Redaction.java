package dev.mkwheels.python.index;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that keeps credentials out of what mkwheels shows or records: every URL, message
 * and command line that may hold an index's or a forge's user info passes through here before it
 * reaches a terminal, a log, a summary or an error.
 *
 * <ul>
 *   <li>{@link #mask} for free text (a message, a pip argument): {@code scheme://user:pw@host} and
 *       a scheme-less {@code user:pw@host} become {@code ****@host}, wherever they stand;
 *   <li>{@link #argv} for a command line, each argument masked;
 *   <li>{@link #describe(URI)} for a URL named in a message: scheme, host, port and path only, with
 *       no user info, query or fragment (where tokens travel);
 *   <li>{@link #withoutUserInfo} for a URL that is recorded, where a mask would only be noise.
 * </ul>
 */
public final class Redaction {
  private static final String MASK = "****@";

  /** The user info of a URL anywhere in a text. */
  private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");

  /** {@code user:password@host} with no scheme, as a value may be mistyped: at a word's start. */
  private static final Pattern BARE_USER_INFO =
      Pattern.compile("(?<=^|[\\s'\"(<=,])[^\\s/@'\":()<>=,]+:[^\\s/@'\"]+@(?=[^\\s/@'\"]+)");

  private static final Pattern SCHEME_AND_USER_INFO =
      Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^/@\\s]+)@");

  private Redaction() {}

  /**
   * Masks every user info in {@code text}, which may be a URL or a whole message: {@code
   * https://user:token@host/simple} becomes {@code https://****@host/simple}, and so does a
   * scheme-less {@code user:token@host} at the start of a word.
   */
  public static String mask(String text) {
    Objects.requireNonNull(text, "text is null");
    if (text.indexOf('@') < 0) {
      return text; // both patterns need one: most texts are spared the regex engine
    }
    String masked = USER_INFO.matcher(text).replaceAll(MASK);
    return BARE_USER_INFO.matcher(masked).replaceAll(MASK);
  }

  /** A command line as it may be shown: each argument {@link #mask masked}. */
  public static List<String> argv(List<String> argv) {
    return argv.stream().map(Redaction::mask).toList();
  }

  /**
   * A URL as a message names it: {@code scheme://host[:port]/path}, without user info, query or
   * fragment ({@code https://u:t@host:8443/simple/?token=x} is {@code https://host:8443/simple/}).
   * A URI with no scheme or no authority ({@code file:///srv/x} has an empty one) keeps its path,
   * masked as {@link #mask} masks text.
   */
  public static String describe(URI uri) {
    Objects.requireNonNull(uri, "uri is null");
    if (uri.getScheme() == null || uri.isOpaque()) {
      return mask(withoutQueryOrFragment(uri.toString()));
    }
    String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
    authority = authority.substring(authority.lastIndexOf('@') + 1);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return uri.getScheme() + "://" + authority + path;
  }

  /**
   * A fetcher's failure message for {@code uri} without the URL it starts with when that is {@code
   * uri} described ({@code "connection refused"} of {@code "http://host/x/: connection refused"}),
   * so that a caller naming the URL itself does not name it twice; {@link #mask masked} either way.
   * A message naming another URL (a redirect's) keeps it.
   */
  public static String reason(URI uri, String message) {
    String text = String.valueOf(message);
    String prefix = describe(uri) + ": ";
    return mask(text.startsWith(prefix) ? text.substring(prefix.length()) : text);
  }

  /**
   * {@link #describe(URI)} of a URL given as text; text that is no URI is {@link #mask masked} and
   * cut before any query or fragment.
   */
  public static String describe(String url) {
    Objects.requireNonNull(url, "url is null");
    try {
      return describe(new URI(url));
    } catch (java.net.URISyntaxException e) {
      return mask(withoutQueryOrFragment(url));
    }
  }

  /**
   * A URL as it may be recorded, where a mask would only be noise: {@code
   * https://user:token@host/x} and {@code https://token@host/x} become {@code https://host/x};
   * other schemes keep a user with no password, which is part of the address ({@code
   * ssh://git@host/x} stays, {@code ssh://git:pw@host/x} becomes {@code ssh://git@host/x}).
   */
  public static String withoutUserInfo(String url) {
    Objects.requireNonNull(url, "url is null");
    Matcher m = SCHEME_AND_USER_INFO.matcher(url);
    if (!m.find()) {
      return url;
    }
    String scheme = m.group(1).toLowerCase(Locale.ROOT);
    String user = m.group(2);
    int colon = user.indexOf(':');
    String kept =
        scheme.startsWith("http") ? "" : colon < 0 ? user + "@" : user.substring(0, colon) + "@";
    return m.group(1) + kept + url.substring(m.end());
  }

  private static String withoutQueryOrFragment(String text) {
    int cut = text.length();
    for (char c : new char[] {'?', '#'}) {
      int at = text.indexOf(c);
      if (at >= 0) {
        cut = Math.min(cut, at);
      }
    }
    return text.substring(0, cut);
  }
}
