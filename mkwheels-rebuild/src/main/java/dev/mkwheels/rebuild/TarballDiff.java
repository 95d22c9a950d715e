package dev.mkwheels.rebuild;

import dev.mkwheels.host.internal.StrictTar;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Says where two tarballs that should be byte-identical differ: the first entry and header field,
 * or the gzip header, so that a reproducibility failure points at its cause. Used by the selftest
 * (two builds) and by {@code mkwheels rebuild} (an upload and its rebuild).
 *
 * <p>Both files are read as streams, entry by entry in step, and nothing is written anywhere: one
 * of them may be a stranger's upload, so memory stays bounded whatever it holds. Thread-safe.
 */
public final class TarballDiff {
  private static final int BUFFER = 64 * 1024;

  private TarballDiff() {}

  /** Empty when the files are byte-identical; otherwise the first difference, in words. */
  public static Optional<String> compare(Path left, Path right) throws IOException {
    if (sameBytes(left, right)) {
      return Optional.empty();
    }
    Optional<String> header = gzipHeader(left, right);
    if (header.isPresent()) {
      return header;
    }
    try (StrictTar first = open(left);
        StrictTar second = open(right)) {
      for (int i = 1; ; i++) {
        TarArchiveEntry x = next(first, left);
        TarArchiveEntry y = next(second, right);
        if (x == null || y == null) {
          if (x == null && y == null) {
            // Read to the last byte: a bad CRC, a second member or trailing garbage refuses it.
            finish(first, left);
            finish(second, right);
            return Optional.of(
                "the entries are equal but the compressed bytes differ (gzip stream)");
          }
          TarArchiveEntry extra = x == null ? y : x;
          long longer = i + remaining(x == null ? second : first, x == null ? right : left);
          return Optional.of(
              (x == null
                      ? "one has " + (i - 1) + " entries, the other " + longer
                      : "one has " + longer + " entries, the other " + (i - 1))
                  + "; the first extra is '"
                  + printable(extra.getName())
                  + "'");
        }
        if (!x.getName().equals(y.getName())) {
          return Optional.of(
              "entry #"
                  + i
                  + " is '"
                  + printable(x.getName())
                  + "' in one and '"
                  + printable(y.getName())
                  + "' in the other");
        }
        Map<String, String> a = fields(x, first, left);
        Map<String, String> b = fields(y, second, right);
        for (Map.Entry<String, String> field : a.entrySet()) {
          String other = b.get(field.getKey());
          if (!field.getValue().equals(other)) {
            return Optional.of(
                "entry '"
                    + printable(x.getName())
                    + "': "
                    + field.getKey()
                    + " "
                    + printable(field.getValue())
                    + " vs "
                    + printable(other));
          }
        }
      }
    }
  }

  private static long remaining(StrictTar tar, Path file) throws IOException {
    long count = 0;
    while (next(tar, file) != null) {
      count++;
    }
    return count;
  }

  private static boolean sameBytes(Path left, Path right) throws IOException {
    if (Files.size(left) != Files.size(right)) {
      return false;
    }
    try (InputStream a = Files.newInputStream(left);
        InputStream b = Files.newInputStream(right)) {
      byte[] x = new byte[BUFFER];
      byte[] y = new byte[BUFFER];
      while (true) {
        int n = a.readNBytes(x, 0, x.length);
        int m = b.readNBytes(y, 0, y.length);
        if (n != m || !Arrays.equals(x, 0, n, y, 0, m)) {
          return false;
        }
        if (n < x.length) {
          return true;
        }
      }
    }
  }

  private static Optional<String> gzipHeader(Path left, Path right) throws IOException {
    String[] names = {
      "magic",
      "magic",
      "method",
      "flags",
      "mtime",
      "mtime",
      "mtime",
      "mtime",
      "extra flags",
      "OS byte"
    };
    byte[] a = head(left, names.length);
    byte[] b = head(right, names.length);
    for (int i = 0; i < names.length && i < a.length && i < b.length; i++) {
      if (a[i] != b[i]) {
        return Optional.of(
            "gzip header: "
                + names[i]
                + " byte "
                + i
                + " is "
                + (a[i] & 0xff)
                + " vs "
                + (b[i] & 0xff));
      }
    }
    return Optional.empty();
  }

  private static byte[] head(Path file, int length) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(length);
    }
  }

  private static StrictTar open(Path tarball) throws IOException {
    try {
      return StrictTar.open(tarball, StrictTar.Compression.GZIP);
    } catch (IOException e) {
      throw named(tarball, e);
    }
  }

  private static TarArchiveEntry next(StrictTar tar, Path file) throws IOException {
    try {
      return tar.next();
    } catch (IOException e) {
      throw named(file, e);
    }
  }

  private static void finish(StrictTar tar, Path file) throws IOException {
    Optional<String> wrong;
    try {
      wrong = tar.finish();
    } catch (IOException e) {
      throw named(file, e);
    }
    if (wrong.isPresent()) {
      throw new IOException(file.getFileName() + " " + wrong.get() + "; refused");
    }
  }

  private static Map<String, String> fields(TarArchiveEntry entry, StrictTar tar, Path file)
      throws IOException {
    try {
      return fields(entry, tar.content());
    } catch (IOException e) {
      throw named(file, e);
    }
  }

  /** The failure to read {@code file}, named: which of the two it was matters. */
  private static IOException named(Path file, IOException e) {
    return new IOException(
        file.getFileName()
            + " is not a sound .tar.gz: "
            + printable(String.valueOf(e.getMessage())),
        e);
  }

  private static Map<String, String> fields(TarArchiveEntry entry, InputStream content)
      throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("type", type(entry));
    fields.put("mode", Integer.toOctalString(entry.getMode()));
    fields.put("uid", Long.toString(entry.getLongUserId()));
    fields.put("gid", Long.toString(entry.getLongGroupId()));
    fields.put("uname", "'" + entry.getUserName() + "'");
    fields.put("gname", "'" + entry.getGroupName() + "'");
    fields.put("mtime", Long.toString(entry.getModTime().toInstant().getEpochSecond()));
    fields.put("size", Long.toString(entry.getSize()));
    fields.put("link", "'" + entry.getLinkName() + "'");
    fields.put("pax headers", new TreeMap<>(entry.getExtraPaxHeaders()).toString());
    fields.put("content sha256", entry.isDirectory() ? "-" : sha256(content));
    return fields;
  }

  private static String type(TarArchiveEntry entry) {
    if (entry.isDirectory()) {
      return "directory";
    }
    if (entry.isSymbolicLink()) {
      return "symlink";
    }
    if (entry.isLink()) {
      return "hardlink";
    }
    return entry.isFile() ? "file" : "other(" + (char) entry.getLinkFlag() + ")";
  }

  private static String sha256(InputStream in) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[BUFFER];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Text from an archive as a message may show it: control characters escaped, capped. */
  static String printable(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .limit(200)
        .forEach(
            c -> {
              if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                out.append(String.format("\\x%02x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return text.codePointCount(0, text.length()) > 200 ? out + "..." : out.toString();
  }
}
