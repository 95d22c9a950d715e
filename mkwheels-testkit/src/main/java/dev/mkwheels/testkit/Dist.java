package dev.mkwheels.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A distribution file made by a test: a wheel or an sdist, in memory.
 *
 * @param project the project name as written in the metadata
 * @param version the version
 * @param filename the file name on the index
 * @param bytes the file's content
 */
public record Dist(String project, String version, String filename, byte[] bytes) {
  public Dist {
    Objects.requireNonNull(project, "project is null");
    Objects.requireNonNull(version, "version is null");
    Objects.requireNonNull(filename, "filename is null");
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Lower-case hex SHA-256 of the content. */
  public String sha256() {
    return sha256(bytes);
  }

  /** Writes the file into {@code directory} under its file name. */
  public Path writeTo(Path directory) throws IOException {
    return Files.write(directory.resolve(filename), bytes);
  }

  /** PEP 503 normalized project name: runs of {@code -_.} become {@code -}, lower case. */
  public static String normalize(String name) {
    return name.replaceAll("[-_.]+", "-").toLowerCase(Locale.ROOT);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
