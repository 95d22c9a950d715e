package dev.mkwheels.pip;

import dev.mkwheels.host.internal.StrictTar;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * What an sdist (or a source tree) needs to build: its {@code pyproject.toml} {@code [build-system]
 * requires}, or, without one, what pip assumes for a legacy {@code setup.py} project. pip does not
 * download these with the tree, yet an offline install of the sdist needs them.
 */
public final class BuildRequirements {
  /** What pip installs to build a project that has no {@code [build-system]} table. */
  public static final List<String> LEGACY = List.of("setuptools>=40.8.0", "wheel");

  private static final long MAX_PYPROJECT = 1 << 20;
  private static final Pattern TABLE = Pattern.compile("^\\s*\\[\\s*([^\\]]+?)\\s*]\\s*(#.*)?$");
  private static final Pattern REQUIRES = Pattern.compile("^\\s*requires\\s*=\\s*\\[(.*)$");
  private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'");

  private BuildRequirements() {}

  /** Whether {@code file} is an sdist by its name. */
  public static boolean isSdist(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".tar.gz")
        || name.endsWith(".zip")
        || name.endsWith(".tar.bz2")
        || name.endsWith(".tgz");
  }

  /**
   * The build requirements of an sdist: read from its top-level {@code pyproject.toml}.
   *
   * @throws IOException when the archive cannot be read
   */
  public static List<String> ofSdist(Path sdist) throws IOException {
    Optional<String> pyproject =
        sdist.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")
            ? fromZip(sdist)
            : fromTar(sdist);
    return pyproject.map(BuildRequirements::parse).orElse(LEGACY);
  }

  /** The build requirements of an unpacked source tree. */
  public static List<String> ofDirectory(Path directory) throws IOException {
    Path pyproject = directory.resolve("pyproject.toml");
    if (!Files.isRegularFile(pyproject)) {
      return LEGACY;
    }
    return parse(Files.readString(pyproject, StandardCharsets.UTF_8));
  }

  /**
   * {@code [build-system] requires} of a pyproject.toml; {@link #LEGACY} when the table or the key
   * is missing, as pip does. Handles what real projects write: one or many lines, either quotes,
   * comments, trailing commas.
   */
  static List<String> parse(String toml) {
    boolean inBuildSystem = false;
    List<String> lines = toml.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher table = TABLE.matcher(line);
      if (table.matches()) {
        inBuildSystem = table.group(1).equals("build-system");
        continue;
      }
      Matcher requires = REQUIRES.matcher(line);
      if (inBuildSystem && requires.matches()) {
        StringBuilder array = new StringBuilder(requires.group(1));
        while (!closed(array) && i + 1 < lines.size()) {
          array.append('\n').append(lines.get(++i));
        }
        return strings(array.toString());
      }
    }
    // A [build-system] table without requires is invalid; pip then falls back as for no table.
    return LEGACY;
  }

  private static boolean closed(CharSequence array) {
    return strip(array.toString()).contains("]");
  }

  /** The array text with strings and comments removed, to find its closing bracket. */
  private static String strip(String text) {
    return STRING.matcher(text).replaceAll("").replaceAll("#[^\n]*", "");
  }

  private static List<String> strings(String array) {
    String withoutComments =
        array
            .lines()
            .map(
                l -> {
                  String outside =
                      STRING.matcher(l).replaceAll(m -> "_".repeat(m.group().length()));
                  int hash = outside.indexOf('#');
                  return hash < 0 ? l : l.substring(0, hash);
                })
            .reduce("", (a, b) -> a + "\n" + b);
    List<String> values = new ArrayList<>();
    Matcher m = STRING.matcher(withoutComments.substring(0, closingBracket(withoutComments)));
    while (m.find()) {
      String value =
          m.group(1) != null ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : m.group(2);
      if (!value.isBlank()) {
        values.add(value.strip());
      }
    }
    return List.copyOf(values);
  }

  private static int closingBracket(String text) {
    String masked = STRING.matcher(text).replaceAll(m -> "_".repeat(m.group().length()));
    int index = masked.indexOf(']');
    return index < 0 ? text.length() : index;
  }

  /**
   * An sdist someone else built, read as pip would accept it but no more loosely: the whole file is
   * read, so a corrupt gzip stream (CRC or length) fails, and zero padding after the stream is fine
   * but a second member or garbage is refused. The message names the file.
   */
  private static Optional<String> fromTar(Path sdist) throws IOException {
    StrictTar.Compression compression =
        sdist.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tar.bz2")
            ? StrictTar.Compression.BZIP2
            : StrictTar.Compression.GZIP;
    Optional<String> pyproject = Optional.empty();
    try (StrictTar in = StrictTar.open(sdist, compression, StrictTar.Trailing.ZEROS)) {
      for (TarArchiveEntry entry; (entry = in.next()) != null; ) {
        if (pyproject.isEmpty() && entry.isFile() && isTopLevelPyproject(entry.getName())) {
          pyproject = Optional.of(read(in.content(), entry.getSize()));
        }
      }
      Optional<String> wrong = in.finish();
      if (wrong.isPresent()) {
        throw new IOException(sdist.getFileName() + " " + wrong.get() + "; refused");
      }
    } catch (EOFException e) {
      throw new IOException(sdist.getFileName() + " is truncated", e);
    } catch (ZipException e) {
      throw new IOException(
          sdist.getFileName()
              + " is not a valid "
              + compression.label()
              + " tarball: "
              + e.getMessage(),
          e);
    }
    return pyproject;
  }

  private static Optional<String> fromZip(Path sdist) throws IOException {
    try (ZipInputStream zip =
        new ZipInputStream(new BufferedInputStream(Files.newInputStream(sdist)))) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        if (!entry.isDirectory() && isTopLevelPyproject(entry.getName())) {
          return Optional.of(read(zip, MAX_PYPROJECT));
        }
      }
    }
    return Optional.empty();
  }

  /** {@code name-1.0/pyproject.toml}: the one file at the sdist's root directory. */
  private static boolean isTopLevelPyproject(String entry) {
    String name = entry.startsWith("./") ? entry.substring(2) : entry;
    int slash = name.indexOf('/');
    return slash > 0 && name.substring(slash + 1).equals("pyproject.toml");
  }

  private static String read(InputStream in, long size) throws IOException {
    if (size > MAX_PYPROJECT) {
      throw new IOException("pyproject.toml is larger than " + MAX_PYPROJECT + " bytes");
    }
    return new String(in.readNBytes((int) Math.min(size, MAX_PYPROJECT)), StandardCharsets.UTF_8);
  }
}
