package dev.mkwheels.ci;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mkwheels.api.Console;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * OSV's offline export for PyPI ({@code all.zip}: one advisory per JSON file in the OSV schema),
 * read once as a stream: no network, no extraction. A pin is affected when its version is in an
 * advisory's {@code versions} list or inside one of its {@code ECOSYSTEM} ranges ({@code
 * introduced}, {@code fixed}, {@code last_affected}), compared as PEP 440 versions. Entries of
 * other ecosystems and withdrawn advisories are skipped. The export's date is its newest {@code
 * modified}.
 *
 * <p>The archive is untrusted input: entry count, the bytes of each entry (counted as they inflate,
 * not taken from the header) and the total are capped, and a name that is absolute or climbs with
 * {@code ..} refuses the whole file. An entry that is not an OSV record (not JSON, no {@code id})
 * fails the audit with its name: a database read in part cannot say "no vulnerabilities".
 */
public final class OsvArchiveDatabase implements VulnerabilityDatabase {
  /** Bounds on what the archive may hold. */
  record Limits(int entries, long entryBytes, long totalBytes) {
    /** Far above OSV's PyPI export (about 20,000 entries of a few kilobytes, 100 MB in all). */
    static final Limits DEFAULT = new Limits(1_000_000, 16L << 20, 4L << 30);
  }

  private final Path archive;
  private final Console console;
  private final Limits limits;

  /**
   * @param archive the export, for example {@code all.zip} from {@code
   *     https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip}
   */
  public OsvArchiveDatabase(Path archive, Console console) {
    this(archive, console, Limits.DEFAULT);
  }

  OsvArchiveDatabase(Path archive, Console console, Limits limits) {
    this.archive = requireNonNull(archive, "archive is null");
    this.console = requireNonNull(console, "console is null");
    this.limits = requireNonNull(limits, "limits is null");
  }

  @Override
  public String describe() {
    return "the OSV export " + archive;
  }

  @Override
  public Result lookup(List<Pin> pins) throws CiException {
    Map<String, List<Pin>> byName = new HashMap<>();
    for (Pin pin : pins) {
      byName.computeIfAbsent(pin.name(), n -> new ArrayList<>()).add(pin);
    }
    Map<Pin, List<Advisory>> advisories = new TreeMap<>();
    Map<Pin, String> unknown = new TreeMap<>();
    Instant newest = null;
    int entries = 0;
    long total = 0;
    try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
        ZipInputStream zip = new ZipInputStream(file)) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        String name = entry.getName();
        if (++entries > limits.entries()) {
          throw new CiException(
              describe() + " has more than " + limits.entries() + " entries; refused");
        }
        if (unsafe(name)) {
          throw new CiException(describe() + " has an unsafe entry name: '" + safe(name) + "'");
        }
        if (entry.isDirectory() || !name.endsWith(".json")) {
          continue;
        }
        byte[] bytes = read(zip, name);
        total += bytes.length;
        if (total > limits.totalBytes()) {
          throw new CiException(
              describe() + " inflates to more than " + limits.totalBytes() + " bytes; refused");
        }
        JsonNode vuln = record(bytes, name);
        Optional<Instant> modified = modified(vuln);
        if (modified.isPresent() && (newest == null || modified.get().isAfter(newest))) {
          newest = modified.get();
        }
        match(vuln, byName, advisories, unknown);
      }
    } catch (NoSuchFileException e) {
      throw new CiException("no such OSV export: " + archive);
    } catch (ZipException e) {
      throw new CiException(describe() + " is not a readable zip: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new CiException("cannot read " + describe() + ": " + e.getMessage(), e);
    }
    if (entries == 0) {
      throw new CiException(describe() + " is empty or not a zip");
    }
    Map<Pin, List<Advisory>> sorted = new TreeMap<>();
    advisories.forEach(
        (pin, list) -> {
          List<Advisory> copy = new ArrayList<>(list);
          copy.sort((a, b) -> a.id().compareTo(b.id()));
          sorted.put(pin, copy);
        });
    return new Result(sorted, unknown, Optional.ofNullable(newest));
  }

  private byte[] read(InputStream zip, String name) throws IOException, CiException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    long read = 0;
    for (int n; (n = zip.read(buffer)) > 0; ) {
      read += n;
      if (read > limits.entryBytes()) {
        throw new CiException(
            describe()
                + ": entry '"
                + safe(name)
                + "' inflates to more than "
                + limits.entryBytes()
                + " bytes; refused");
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private JsonNode record(byte[] bytes, String name) throws CiException {
    JsonNode vuln;
    try {
      vuln = Json.parse(bytes, "entry '" + safe(name) + "'");
    } catch (CiException e) {
      throw new CiException(describe() + ": " + e.getMessage());
    }
    if (!vuln.isObject() || vuln.path("id").asText("").isBlank()) {
      throw new CiException(
          describe() + ": entry '" + safe(name) + "' is not an OSV record (no 'id')");
    }
    return vuln;
  }

  private void match(
      JsonNode vuln,
      Map<String, List<Pin>> byName,
      Map<Pin, List<Advisory>> advisories,
      Map<Pin, String> unknown) {
    String id = vuln.get("id").asText();
    for (JsonNode affected : vuln.path("affected")) {
      JsonNode pkg = affected.path("package");
      if (!pkg.path("ecosystem").asText("").equals("PyPI")) {
        continue;
      }
      String project = pkg.path("name").asText("");
      List<Pin> candidates = Pin.isValidName(project) ? byName.get(Pin.normalize(project)) : null;
      if (candidates == null) {
        continue;
      }
      if (vuln.hasNonNull("withdrawn")) {
        console.debug(id + " was withdrawn; not reported");
        return;
      }
      for (Pin pin : candidates) {
        AffectedRanges.Verdict verdict = AffectedRanges.of(affected).test(pin.version());
        if (verdict instanceof AffectedRanges.Verdict.Unknown why) {
          unknown.put(pin, id + " " + why.reason());
        } else if (verdict instanceof AffectedRanges.Verdict.Affected) {
          List<Advisory> list = advisories.computeIfAbsent(pin, p -> new ArrayList<>());
          if (list.stream().noneMatch(a -> a.id().equals(id))) {
            list.add(
                new Advisory(
                    id,
                    OsvDatabase.strings(vuln.path("aliases")),
                    FixedVersions.above(pin, AffectedRanges.fixes(vuln, pin.name()))));
          }
        }
      }
    }
  }

  private static Optional<Instant> modified(JsonNode vuln) {
    String text = vuln.path("modified").asText("");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Absolute, a drive, a {@code ..} segment, a backslash or a control character. */
  static boolean unsafe(String name) {
    if (name.isEmpty()
        || name.startsWith("/")
        || name.contains("\\")
        || name.matches("^[A-Za-z]:.*")) {
      return true;
    }
    for (String segment : name.split("/")) {
      if (segment.equals("..")) {
        return true;
      }
    }
    return name.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
  }

  private static String safe(String name) {
    String shown = name.replaceAll("\\p{Cntrl}", "?");
    return shown.length() > 200 ? shown.substring(0, 200) + "..." : shown;
  }
}
