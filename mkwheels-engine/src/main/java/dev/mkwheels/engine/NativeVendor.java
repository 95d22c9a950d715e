package dev.mkwheels.engine;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Console;
import dev.mkwheels.api.InstallTarget;
import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.api.ResolvedSource;
import dev.mkwheels.packaging.DistributionFile;
import dev.mkwheels.pip.GitArchive;
import dev.mkwheels.pip.GitPin;
import dev.mkwheels.pip.GitSourceZip;
import dev.mkwheels.pip.PipRunner;
import dev.mkwheels.pip.TreeVendor;
import dev.mkwheels.pip.VendorRequest;
import dev.mkwheels.python.index.IndexFile;
import dev.mkwheels.python.index.Redaction;
import dev.mkwheels.python.requirement.Requirement;
import dev.mkwheels.resolver.Candidate;
import dev.mkwheels.resolver.CandidateProvider;
import dev.mkwheels.resolver.Downloader;
import dev.mkwheels.resolver.MetadataBuilder;
import dev.mkwheels.resolver.Pin;
import dev.mkwheels.resolver.Resolution;
import dev.mkwheels.resolver.ResolutionException;
import dev.mkwheels.resolver.ResolutionReport;
import dev.mkwheels.resolver.ResolveRequest;
import dev.mkwheels.resolver.Resolver;
import dev.mkwheels.resolver.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code --resolver native}: mkwheels' own resolver picks each target's tree, the files are
 * downloaded a few at a time with their index hashes checked (a file several targets share, once),
 * each git dependency's archive is written from its commit, and for this machine the sdists' build
 * requirements are added as the pip path adds them.
 */
final class NativeVendor {
  /**
   * What the native path put in the wheels directory.
   *
   * @param files the distributions, sorted
   * @param markers by file name, the marker of the targets a file is for, when not for all of them
   * @param buildBackends how many files were added so the sdists build offline
   * @param notes what the resolver warned of (an extra a project does not provide), sorted
   * @param gitArchives the git dependencies' archives, written from their commits, sorted
   * @param gitCheck how the archives were checked to build offline; empty when there are none
   */
  record Result(
      List<Path> files,
      Map<String, String> markers,
      int buildBackends,
      List<String> notes,
      List<GitArchive> gitArchives,
      String gitCheck) {}

  private final Console console;
  private final PipReportMetadata metadata;
  private final GitSourceZip zips;
  private final long epoch;

  /**
   * @param metadata what resolved the direct references: which of them are git dependencies
   * @param zips writes a git dependency's archive from a clone of its commit
   * @param epoch the time of every member of those archives
   */
  NativeVendor(Console console, PipReportMetadata metadata, GitSourceZip zips, long epoch) {
    this.console = requireNonNull(console, "console is null");
    this.metadata = requireNonNull(metadata, "metadata is null");
    this.zips = requireNonNull(zips, "zips is null");
    this.epoch = epoch;
  }

  /**
   * The roots: the source's requirement, or for a source tree the Requires-Dist its own metadata
   * names (the tree itself is not vendored: it installs from its source).
   */
  static List<Requirement> roots(ResolvedSource source, MetadataBuilder metadata)
      throws MkwheelsException {
    try {
      if (source.target() instanceof InstallTarget.Requirement requirement) {
        return List.of(Requirement.parse(requirement.spec()));
      }
      InstallTarget.SourceTree tree = (InstallTarget.SourceTree) source.target();
      Candidate self =
          metadata.direct(Requirement.parse(source.name() + " @ " + tree.directory().toUri()));
      return metadata.dependencies(self).requiresDist();
    } catch (ResolutionException | IllegalArgumentException e) {
      throw new MkwheelsException(e.getMessage(), e);
    }
  }

  /**
   * Resolves {@code roots} for every target, downloads the union of the trees into {@code wheels},
   * and with {@code buildRequirements} adds what the sdists need to build here.
   *
   * @param wheelsOnly what a failed resolution adds when the provider offers wheels only (why an
   *     sdist did not count), or empty
   */
  Result vendor(
      List<Requirement> roots,
      List<Requirement> constraints,
      boolean pre,
      CandidateProvider provider,
      List<Target> targets,
      Downloader downloader,
      Path wheels,
      PipRunner pip,
      Optional<VendorRequest> buildRequirements,
      String wheelsOnly)
      throws MkwheelsException {
    ResolveRequest request = new ResolveRequest(roots, constraints, Map.of(), pre);
    console.progress("resolving for " + names(targets) + " (mkwheels' resolver)");
    List<Resolution> trees = new ArrayList<>();
    Set<String> notes = new TreeSet<>();
    try {
      for (ResolutionReport report : new Resolver(provider).reportAll(request, targets)) {
        trees.add(report.resolution());
        notes.addAll(report.notes());
      }
    } catch (ResolutionException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof PipReportMetadata.Refusal refusal) {
          throw new MkwheelsException(refusal.getMessage(), e);
        }
      }
      throw new MkwheelsException(e.getMessage() + wheelsOnly, e);
    }
    Map<String, String> markers = markers(trees, targets);
    // Each file with the targets whose tree has it, in the order the trees list them.
    Map<IndexFile, Set<String>> users = new LinkedHashMap<>();
    Map<String, GitPin> gitPins = new TreeMap<>();
    for (Resolution tree : trees) {
      for (Pin pin : tree.pins()) {
        if (pin.candidate().directUrl().isPresent()) {
          GitPin git = gitPin(pin);
          gitPins.put(git.fileName(), git);
          continue;
        }
        users.computeIfAbsent(pin.file(), f -> new TreeSet<>()).add(tree.target().name());
      }
    }
    try {
      Files.createDirectories(wheels);
      downloader.download(users.keySet(), wheels);
    } catch (ResolutionException e) {
      throw new MkwheelsException(e.getMessage(), e);
    } catch (IOException e) {
      throw new MkwheelsException("cannot write " + wheels + ": " + e.getMessage(), e);
    }
    console.progress("downloaded " + users.size() + " files");
    // The git dependencies' archives, then what the sdists and archives need to build: in the
    // pip path's order, so that the two paths vendor the same files.
    TreeVendor.GitVendored git =
        new TreeVendor(pip, console)
            .vendorGitDependencies(
                wheels, List.copyOf(gitPins.values()), epoch, zips, buildRequirements);
    return new Result(
        distributions(wheels),
        git.archives().isEmpty() ? markers : markers(trees, targets, git.archives()),
        git.buildBackends(),
        List.copyOf(notes),
        git.archives(),
        git.check());
  }

  /**
   * A direct reference's pin: a git dependency is written from its commit as the pip path writes
   * it; anything else (a local directory a dependency names) has no file the tarball could hold.
   */
  private GitPin gitPin(Pin pin) throws MkwheelsException {
    return metadata
        .git(pin.candidate())
        .orElseThrow(
            () ->
                new MkwheelsException(
                    pin.name()
                        + " "
                        + pin.candidate().version()
                        + " is a direct reference ("
                        + Redaction.mask(pin.candidate().directUrl().get().toString())
                        + ") that is no git URL: the tarball can hold no file for it"));
  }

  /**
   * By file name, the marker of the targets a file's project version is for, when that is not all
   * of them: requirements.txt and pylock.toml pin each version under its targets' markers, so
   * targets that need different versions of a project each install theirs. Targets whose markers
   * are the same (they differ in tags only) cannot be told apart at install time, so they must
   * agree on every version.
   */
  static Map<String, String> markers(List<Resolution> trees, List<Target> targets)
      throws MkwheelsException {
    return markers(trees, targets, List.of());
  }

  /**
   * {@link #markers(List, List)}, where a git dependency's pin is marked under the file name of its
   * archive among {@code archives} (the same project, written from the same commit), as the archive
   * was finally named; a direct reference with no archive has no file to mark.
   */
  static Map<String, String> markers(
      List<Resolution> trees, List<Target> targets, List<GitArchive> archives)
      throws MkwheelsException {
    Map<String, String> archiveNames = new TreeMap<>();
    archives.forEach(
        a -> archiveNames.put(a.project() + " " + a.source(), a.file().getFileName().toString()));
    Map<String, String> byName = new TreeMap<>();
    targets.forEach(t -> byName.put(t.name(), TargetMarkers.of(t)));
    // Project, then version: the targets whose tree pins it, and the files they take.
    Map<String, Map<String, Set<String>>> users = new TreeMap<>();
    Map<String, Map<String, Set<String>>> files = new TreeMap<>();
    for (Resolution tree : trees) {
      for (Pin pin : tree.pins()) {
        String project = pin.name().normalized();
        String version = pin.candidate().version().toString();
        users
            .computeIfAbsent(project, p -> new TreeMap<>())
            .computeIfAbsent(version, v -> new TreeSet<>())
            .add(tree.target().name());
        Set<String> named =
            files
                .computeIfAbsent(project, p -> new TreeMap<>())
                .computeIfAbsent(version, v -> new TreeSet<>());
        if (pin.candidate().directUrl().isEmpty()) {
          named.add(pin.file().fileName());
        } else {
          String archive =
              archiveNames.get(project + " " + pin.candidate().directUrl().get().toString());
          if (archive != null) {
            named.add(archive);
          }
        }
      }
    }
    Map<String, String> markers = new TreeMap<>();
    for (Map.Entry<String, Map<String, Set<String>>> project : users.entrySet()) {
      if (project.getValue().size() > 1) {
        sameMarkersAgree(project.getKey(), project.getValue(), byName);
      }
      project
          .getValue()
          .forEach(
              (version, names) -> {
                if (names.size() < targets.size()) {
                  String marker = TargetMarkers.any(names.stream().map(byName::get).toList());
                  files.get(project.getKey()).get(version).forEach(f -> markers.put(f, marker));
                }
              });
    }
    return markers;
  }

  /** Refuses two versions of {@code project} for targets with one marker: pip would meet both. */
  private static void sameMarkersAgree(
      String project, Map<String, Set<String>> versions, Map<String, String> byName)
      throws MkwheelsException {
    Map<String, String> versionByMarker = new TreeMap<>();
    Map<String, String> targetByMarker = new TreeMap<>();
    for (Map.Entry<String, Set<String>> version : versions.entrySet()) {
      for (String target : version.getValue()) {
        String marker = byName.get(target);
        String other = versionByMarker.putIfAbsent(marker, version.getKey());
        if (other != null && !other.equals(version.getKey())) {
          throw new MkwheelsException(
              "the targets "
                  + targetByMarker.get(marker)
                  + " and "
                  + target
                  + " need different versions of "
                  + project
                  + " ("
                  + other
                  + " and "
                  + version.getKey()
                  + "), but have the same environment markers ("
                  + marker
                  + "), so requirements.txt cannot pin each its own: vendor them in separate runs");
        }
        targetByMarker.putIfAbsent(marker, target);
      }
    }
  }

  /** The wheels and sdists in {@code directory}, sorted. */
  static List<Path> distributions(Path directory) throws MkwheelsException {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> DistributionFile.parse(f.getFileName().toString()).isPresent())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new MkwheelsException("cannot read " + directory + ": " + e.getMessage(), e);
    }
  }

  private static String names(List<Target> targets) {
    return String.join(", ", targets.stream().map(Target::name).toList());
  }
}
