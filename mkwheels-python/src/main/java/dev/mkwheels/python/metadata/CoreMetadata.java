package dev.mkwheels.python.metadata;

import dev.mkwheels.python.requirement.Requirement;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The core metadata of a distribution ({@code METADATA} of a wheel, {@code PKG-INFO} of an sdist, a
 * PEP 658 {@code .metadata} file), Metadata-Version 1.0 to 2.4: RFC 822 style headers, read as
 * Python's {@code email} parser (compat32, what pip uses) reads them, then an optional body (the
 * description).
 *
 * <p>Header names are case-insensitive; a folded value keeps its line breaks, as in Python. Values
 * are kept as written; {@link #requiresDist()} parses them on demand. Immutable and thread-safe.
 *
 * @param headers every header in file order, as name and raw value
 * @param body the text after the blank line that ends the headers, possibly empty
 */
public record CoreMetadata(List<Map.Entry<String, String>> headers, String body) {
  public CoreMetadata {
    headers = List.copyOf(Objects.requireNonNull(headers, "headers is null"));
    Objects.requireNonNull(body, "body is null");
  }

  /** Reads metadata text (already decoded; core metadata is UTF-8). */
  public static CoreMetadata parse(String text) {
    return HeaderParser.parse(Objects.requireNonNull(text, "text is null"));
  }

  /**
   * Reads the {@code *.dist-info/METADATA} of a wheel.
   *
   * @throws IOException if the file cannot be read or holds no such entry (the message names it)
   */
  public static CoreMetadata fromWheel(Path wheel) throws IOException {
    try (ZipFile zip = new ZipFile(wheel.toFile())) {
      List<String> found = new ArrayList<>();
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        String name = e.nextElement().getName();
        int slash = name.indexOf('/');
        if (slash > 0
            && name.substring(0, slash).endsWith(".dist-info")
            && name.substring(slash).equals("/METADATA")) {
          found.add(name);
        }
      }
      if (found.size() != 1) {
        throw new IOException(
            wheel + ": " + found.size() + " .dist-info/METADATA entries, expected exactly one");
      }
      try (InputStream in = zip.getInputStream(zip.getEntry(found.get(0)))) {
        return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
  }

  /** The first value of the header {@code name} (any case), if present. */
  public Optional<String> get(String name) {
    List<String> all = getAll(name);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /** Every value of the header {@code name} (any case), in file order. */
  public List<String> getAll(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().toLowerCase(Locale.ROOT).equals(key)) {
        out.add(h.getValue());
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** {@code Metadata-Version}. */
  public Optional<String> metadataVersion() {
    return get("Metadata-Version");
  }

  /** {@code Name}. */
  public Optional<String> name() {
    return get("Name");
  }

  /** {@code Version}. */
  public Optional<String> version() {
    return get("Version");
  }

  /** {@code Requires-Python}, as written. */
  public Optional<String> requiresPython() {
    return get("Requires-Python");
  }

  /** {@code Requires-Dist} lines, parsed. */
  public List<Requirement> requiresDist() {
    List<Requirement> out = new ArrayList<>();
    for (String r : getAll("Requires-Dist")) {
      out.add(Requirement.parse(r));
    }
    return out;
  }

  /** {@code Provides-Extra}. */
  public List<String> providesExtra() {
    return getAll("Provides-Extra");
  }

  /** {@code Dynamic} (Metadata-Version 2.2+): fields an sdist leaves to the build. */
  public List<String> dynamic() {
    return getAll("Dynamic");
  }

  /** {@code License-Expression} (2.4): an SPDX expression. */
  public Optional<String> licenseExpression() {
    return get("License-Expression");
  }

  /** {@code License-File} (2.4): paths of license files in the distribution. */
  public List<String> licenseFiles() {
    return getAll("License-File");
  }

  /** The description: the body, else the {@code Description} header of older versions. */
  public Optional<String> description() {
    return body.isEmpty() ? get("Description") : Optional.of(body);
  }
}
