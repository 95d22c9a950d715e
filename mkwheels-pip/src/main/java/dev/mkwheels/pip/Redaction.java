package dev.mkwheels.pip;

import java.util.regex.Pattern;

/** Removes credentials from URLs before they reach a message or the summary. */
public final class Redaction {
  private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");

  private Redaction() {}

  /** {@code https://user:token@host/simple} becomes {@code https://****@host/simple}. */
  public static String url(String url) {
    return USER_INFO.matcher(url).replaceAll("****@");
  }
}
