package dev.mkwheels.rebuild;

import dev.mkwheels.api.Console;
import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.packaging.PackRequest;
import dev.mkwheels.packaging.PackResult;
import dev.mkwheels.packaging.Packager;
import dev.mkwheels.testkit.Dist;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Test fixtures: a pylock.toml written by hand in the format the pylock writer uses, and a {@link
 * Repacker} that stands in for a packer that writes pylock.toml into the tarball (the existing
 * {@link Packager}, then the lock added as an entry and the whole re-encoded deterministically).
 */
final class Locked {
  private Locked() {}

  /** A pylock.toml for {@code dists}, every package on {@code index} (none when empty). */
  static String pylock(
      String name, String version, long epoch, List<String> notes, String index, List<Dist> dists) {
    StringBuilder toml = new StringBuilder();
    toml.append("lock-version = \"1.0\"\ncreated-by = \"mkwheels\"\n\n");
    Map<String, List<Dist>> byProject = new TreeMap<>();
    for (Dist dist : dists) {
      byProject.computeIfAbsent(dist.project(), p -> new java.util.ArrayList<>()).add(dist);
    }
    for (Map.Entry<String, List<Dist>> project : byProject.entrySet()) {
      Dist first = project.getValue().get(0);
      toml.append("[[packages]]\nname = \"")
          .append(Dist.normalize(project.getKey()))
          .append("\"\nversion = \"")
          .append(first.version())
          .append("\"\n");
      if (!index.isEmpty()) {
        toml.append("index = \"").append(index).append("\"\n");
      }
      for (Dist dist : project.getValue()) {
        boolean wheel = dist.filename().endsWith(".whl");
        toml.append(wheel ? "\n[[packages.wheels]]\n" : "\n[packages.sdist]\n")
            .append("name = \"")
            .append(dist.filename())
            .append("\"\npath = \"")
            .append(dist.filename())
            .append("\"\nsize = ")
            .append(dist.bytes().length)
            .append("\nupload-time = 2024-01-02T03:04:05Z\n")
            .append("hashes = { sha256 = \"")
            .append(dist.sha256())
            .append("\" }\n");
      }
      toml.append('\n');
    }
    toml.append("[tool.mkwheels]\nname = \"")
        .append(name)
        .append("\"\nversion = \"")
        .append(version)
        .append("\"\nepoch = ")
        .append(epoch)
        .append("\nformat = 1\nnotes = [");
    for (int i = 0; i < notes.size(); i++) {
      toml.append(i == 0 ? "" : ", ").append('"').append(notes.get(i)).append('"');
    }
    return toml.append("]\n").toString();
  }

  /** Packs with {@link Packager} at the lock's fields, then adds {@code pylock} to the tarball. */
  static Repacker withPylock(String pylock) {
    return (lock, distributions, outputDirectory, console) -> {
      Path plain = outputDirectory.resolve("plain");
      PackResult packed =
          new Packager()
              .pack(
                  new PackRequest(
                      distributions,
                      lock.name(),
                      lock.version(),
                      lock.epoch(),
                      plain,
                      lock.notes()),
                  console);
      try {
        Path target = outputDirectory.resolve(packed.tarball().getFileName());
        addEntry(packed.tarball(), target, "pylock.toml", pylock, lock.epoch());
        Files.delete(packed.tarball());
        byte[] bytes = Files.readAllBytes(target);
        return new PackResult(
            target,
            lock.epoch(),
            digest("MD5", bytes),
            digest("SHA-256", bytes),
            bytes.length,
            packed.distributions());
      } catch (IOException e) {
        throw new MkwheelsException("cannot add pylock.toml: " + e.getMessage(), e);
      }
    };
  }

  /** The original tarball: packed as {@code lock} says, holding {@code pylock}'s text. */
  static Path tarball(Pylock lock, String pylock, Path wheelhouse, Path outputDirectory)
      throws MkwheelsException, IOException {
    Files.createDirectories(outputDirectory);
    return withPylock(pylock)
        .repack(lock, wheelhouse, outputDirectory, new RecordingConsole())
        .tarball();
  }

  static Pylock parse(String pylock) throws MkwheelsException {
    return PylockReader.read(pylock, "pylock.toml");
  }

  private static void addEntry(Path from, Path to, String name, String text, long epoch)
      throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    Map<String, Integer> modes = new TreeMap<>();
    String top = null;
    try (InputStream in = Files.newInputStream(from);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in))) {
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
        if (entry.isDirectory()) {
          top = entry.getName();
        } else {
          files.put(entry.getName(), tar.readAllBytes());
          modes.put(entry.getName(), entry.getMode());
        }
      }
    }
    files.put(top + name, text.getBytes(StandardCharsets.UTF_8));
    modes.put(top + name, 0644);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gzip = new GZIPOutputStream(bytes);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
      tar.putArchiveEntry(entry(top, 0755, 0, epoch, true));
      tar.closeArchiveEntry();
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        tar.putArchiveEntry(
            entry(file.getKey(), modes.get(file.getKey()), file.getValue().length, epoch, false));
        tar.write(file.getValue());
        tar.closeArchiveEntry();
      }
    }
    Files.write(to, bytes.toByteArray());
  }

  private static TarArchiveEntry entry(
      String name, int mode, long size, long epoch, boolean directory) {
    TarArchiveEntry entry =
        new TarArchiveEntry(name, directory ? TarArchiveEntry.LF_DIR : TarArchiveEntry.LF_NORMAL);
    entry.setMode((directory ? 040000 : 0100000) | mode);
    entry.setSize(size);
    entry.setModTime(epoch * 1000);
    entry.setIds(0, 0);
    entry.setNames("", "");
    return entry;
  }

  private static String digest(String algorithm, byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static Console quiet() {
    return new RecordingConsole();
  }
}
