package dev.mkwheels.packaging;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** One readable phrase for an I/O failure: NIO's messages are often just the path. */
final class IoMessages {
  private IoMessages() {}

  static String describe(IOException e) {
    if (e instanceof NoSuchFileException missing) {
      return "no such file: " + missing.getFile();
    }
    if (e instanceof AccessDeniedException denied) {
      return "permission denied: " + denied.getFile();
    }
    if (e instanceof FileSystemException system && system.getReason() != null) {
      return system.getReason() + (system.getFile() == null ? "" : ": " + system.getFile());
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
