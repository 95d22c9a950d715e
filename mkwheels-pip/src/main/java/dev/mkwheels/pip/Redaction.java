package dev.mkwheels.pip;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Removes credentials from URLs before they reach a message or the summary. */
public final class Redaction {
  private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");

  /** {@code user:password@host} with no scheme, as a value may be mistyped: at a word's start. */
  private static final Pattern BARE_USER_INFO =
      Pattern.compile("(?<=^|[\\s'\"(<=,])[^\\s/@'\":()<>=,]+:[^\\s/@'\"]+@(?=[^\\s/@'\"]+)");

  private static final Pattern SCHEME_AND_USER_INFO =
      Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^/@\\s]+)@");

  private Redaction() {}

  /**
   * {@code https://user:token@host/simple} becomes {@code https://****@host/simple}, anywhere in
   * {@code url} (it may be a whole message); so does a scheme-less {@code user:token@host}.
   */
  public static String url(String url) {
    return BARE_USER_INFO.matcher(USER_INFO.matcher(url).replaceAll("****@")).replaceAll("****@");
  }

  /**
   * For a URL that is recorded, where a mask would only be noise: {@code https://user:token@host/x}
   * and {@code https://token@host/x} become {@code https://host/x}; other schemes keep a user with
   * no password, which is part of the address ({@code ssh://git@host/x} stays, {@code
   * ssh://git:pw@host/x} becomes {@code ssh://git@host/x}).
   */
  public static String withoutUserInfo(String url) {
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
}
