package dev.mkwheels.packaging;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.python.metadata.CoreMetadata;
import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.requirement.InvalidRequirementException;
import dev.mkwheels.python.requirement.Requirement;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the SBOM says of one distribution, read while {@link WheelCheck} has the file open: the
 * METADATA fields it uses (not the long description) and the SBOMs a wheel embeds under {@code
 * .dist-info/sboms/} (PEP 770). An sdist's is its file name alone.
 *
 * @param file the file
 * @param name METADATA {@code Name}, else the file name's project
 * @param version METADATA {@code Version}, else the file name's version
 * @param licenseExpression {@code License-Expression}
 * @param license {@code License}, when not empty and not {@code UNKNOWN}
 * @param licenseClassifiers the last part of each {@code License ::} classifier, sorted
 * @param requires the normalized project names of every {@code Requires-Dist} line that parses,
 *     sorted, whatever its marker
 * @param embedded path in the wheel to the bytes of each embedded SBOM, sorted
 */
record SbomSource(
    DistributionFile file,
    String name,
    String version,
    Optional<String> licenseExpression,
    Optional<String> license,
    List<String> licenseClassifiers,
    List<String> requires,
    SortedMap<String, byte[]> embedded) {
  /** An embedded SBOM larger than this is not read: PEP 770 files are a few kB. */
  static final int MAX_EMBEDDED = 16 << 20;

  SbomSource {
    requireNonNull(file, "file is null");
    requireNonNull(name, "name is null");
    requireNonNull(version, "version is null");
    requireNonNull(licenseExpression, "licenseExpression is null");
    requireNonNull(license, "license is null");
    licenseClassifiers = List.copyOf(licenseClassifiers);
    requires = List.copyOf(requires);
    embedded = Collections.unmodifiableSortedMap(new TreeMap<>(embedded));
  }

  /** Reads what {@code checked} found, and the embedded SBOMs from {@code in}. */
  static SbomSource read(Wheelhouse.Member member, FileChannel in, WheelCheck.Checked checked)
      throws IOException {
    DistributionFile file = member.file();
    if (checked.metadata().isEmpty()) {
      return new SbomSource(
          file,
          file.project(),
          file.version(),
          Optional.empty(),
          Optional.empty(),
          List.of(),
          List.of(),
          new TreeMap<>());
    }
    CoreMetadata metadata = checked.metadata().get();
    SortedMap<String, byte[]> embedded = new TreeMap<>();
    for (ZipEntries.Entry entry : checked.entries()) {
      if (isEmbeddedSbom(entry.name())) {
        embedded.put(entry.name(), ZipEntries.content(in, member.size(), entry, MAX_EMBEDDED));
      }
    }
    return new SbomSource(
        file,
        metadata.name().orElse(file.project()),
        metadata.version().orElse(file.version()),
        metadata.licenseExpression().map(String::strip).filter(s -> !s.isEmpty()),
        metadata
            .get("License")
            .map(String::strip)
            .filter(s -> !s.isEmpty() && !s.equalsIgnoreCase("UNKNOWN")),
        classifiers(metadata),
        requires(metadata),
        embedded);
  }

  /** PEP 770: any file directly or deeper under {@code <name>.dist-info/sboms/}. */
  static boolean isEmbeddedSbom(String path) {
    int slash = path.indexOf('/');
    return slash > 0
        && path.substring(0, slash).endsWith(".dist-info")
        && path.startsWith("/sboms/", slash)
        && !path.endsWith("/");
  }

  private static List<String> classifiers(CoreMetadata metadata) {
    TreeSet<String> out = new TreeSet<>();
    for (String classifier : metadata.getAll("Classifier")) {
      String[] parts = classifier.split("::");
      if (parts.length >= 2 && parts[0].strip().equals("License")) {
        String last = parts[parts.length - 1].strip();
        if (!last.isEmpty() && !(parts.length == 2 && last.equals("OSI Approved"))) {
          out.add(last);
        }
      }
    }
    return new ArrayList<>(out);
  }

  // Every edge is kept whatever its marker or extra: the SBOM says what may depend on what, and the
  // packager drops edges whose target the tree does not hold.
  private static List<String> requires(CoreMetadata metadata) {
    TreeSet<String> out = new TreeSet<>();
    for (String line : metadata.getAll("Requires-Dist")) {
      try {
        ProjectName name = Requirement.parse(line).projectName();
        out.add(name.normalized());
      } catch (InvalidRequirementException e) {
        // A line pip could not read either names no project; nothing to draw.
      }
    }
    return new ArrayList<>(out);
  }

  /** The file names of every source, by normalized project name. */
  static Map<String, List<String>> filesByProject(List<SbomSource> sources) {
    Map<String, List<String>> out = new TreeMap<>();
    for (SbomSource source : sources) {
      out.computeIfAbsent(source.file().project(), k -> new ArrayList<>())
          .add(source.file().fileName());
    }
    return out;
  }
}
