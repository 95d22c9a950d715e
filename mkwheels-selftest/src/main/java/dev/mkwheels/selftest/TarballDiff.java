package dev.mkwheels.selftest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Says where two tarballs that should be byte-identical differ: the first entry and header field,
 * or the gzip header, so that a reproducibility failure points at its cause.
 */
public final class TarballDiff {
  private TarballDiff() {}

  /** Empty when the files are byte-identical; otherwise the first difference, in words. */
  public static Optional<String> compare(Path left, Path right) throws IOException {
    byte[] a = Files.readAllBytes(left);
    byte[] b = Files.readAllBytes(right);
    if (java.util.Arrays.equals(a, b)) {
      return Optional.empty();
    }
    Optional<String> header = gzipHeader(a, b);
    if (header.isPresent()) {
      return header;
    }
    List<Entry> first = entries(left);
    List<Entry> second = entries(right);
    for (int i = 0; i < Math.min(first.size(), second.size()); i++) {
      Entry x = first.get(i);
      Entry y = second.get(i);
      if (!x.name().equals(y.name())) {
        return Optional.of(
            "entry #"
                + (i + 1)
                + " is '"
                + x.name()
                + "' in one and '"
                + y.name()
                + "' in the other");
      }
      for (Map.Entry<String, String> field : x.fields().entrySet()) {
        String other = y.fields().get(field.getKey());
        if (!field.getValue().equals(other)) {
          return Optional.of(
              "entry '"
                  + x.name()
                  + "': "
                  + field.getKey()
                  + " "
                  + field.getValue()
                  + " vs "
                  + other);
        }
      }
    }
    if (first.size() != second.size()) {
      List<Entry> longer = first.size() > second.size() ? first : second;
      return Optional.of(
          "one has "
              + first.size()
              + " entries, the other "
              + second.size()
              + "; the first extra is '"
              + longer.get(Math.min(first.size(), second.size())).name()
              + "'");
    }
    return Optional.of("the entries are equal but the compressed bytes differ (gzip stream)");
  }

  private static Optional<String> gzipHeader(byte[] a, byte[] b) {
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

  record Entry(String name, Map<String, String> fields) {}

  static List<Entry> entries(Path tarball) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (InputStream file = new BufferedInputStream(Files.newInputStream(tarball));
        TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(file))) {
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
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
        fields.put("pax headers", new java.util.TreeMap<>(entry.getExtraPaxHeaders()).toString());
        fields.put("content sha256", entry.isDirectory() ? "-" : sha256(tar));
        entries.add(new Entry(entry.getName(), fields));
      }
    }
    return entries;
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
    return entry.isFile() ? "file" : "other(" + entry.getName() + ")";
  }

  private static String sha256(InputStream in) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
