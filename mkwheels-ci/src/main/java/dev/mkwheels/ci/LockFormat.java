package dev.mkwheels.ci;

import java.nio.file.Path;

/** What {@code mkwheels lock} writes. */
public enum LockFormat {
  /** A pip-compile-style hashed requirements file. */
  REQUIREMENTS,
  /** A PEP 751 pylock.toml: every file of every pin by URL and hash. */
  PYLOCK;

  /** Whether {@code file} is named as PEP 751 names a lock: pylock.toml or pylock.NAME.toml. */
  public static boolean isPylockName(Path file) {
    Path name = file.getFileName();
    if (name == null) {
      return false;
    }
    String text = name.toString();
    return text.equals("pylock.toml") || (text.startsWith("pylock.") && text.endsWith(".toml"));
  }
}
