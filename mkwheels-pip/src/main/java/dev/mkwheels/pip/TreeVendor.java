package dev.mkwheels.pip;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Console;
import dev.mkwheels.api.InstallTarget;
import dev.mkwheels.python.index.Redaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fills a directory with a whole dependency tree as pip resolves it, so that it installs offline:
 * {@code pip download} of the target; each git dependency pip saved as a zip of its clone is
 * rewritten reproducibly ({@link GitDependencies}); then either the build requirements of every
 * sdist in it (recursively, since pip downloads none of them), with the git archives checked to
 * build from the directory alone, or, with {@code wheelsOnly}, a wheel built from each sdist in its
 * place, its zip container rewritten ({@link WheelContainer}) so that it does not depend on when or
 * with which umask it was built. Every pip run gets the epoch as {@code SOURCE_DATE_EPOCH}.
 */
public final class TreeVendor {
  private static final String LOOKING_IN = "Looking in indexes: ";
  private static final String ONLY_BINARY = "--only-binary=:all:";

  /** pip when git refused a clone: "git clone [-flags] URL DEST did not run successfully." */
  private static final Pattern GIT_CLONE =
      Pattern.compile("^git clone (?:-\\S+ )*(\\S+) \\S+ did not run successfully");

  private final PipRunner runner;
  private final Console console;

  public TreeVendor(PipRunner runner, Console console) {
    this.runner = requireNonNull(runner, "runner is null");
    this.console = requireNonNull(console, "console is null");
  }

  /**
   * @throws PipException when pip fails (the target not on the index is said so, naming the index),
   *     times out twice, or the directory cannot be read
   */
  public VendorResult vendor(VendorRequest request) throws PipException {
    PipVersion pip = runner.version();
    List<String> uploaded = new ArrayList<>();
    String uploadFilter = uploadFilter(request.uploadedPriorTo(), pip, uploaded);
    try {
      Files.createDirectories(request.directory());
      List<String> download =
          new ArrayList<>(
              List.of(
                  "download",
                  "--dest",
                  request.directory().toString(),
                  "--progress-bar",
                  "off",
                  target(request.target())));
      download.addAll(request.index().arguments());
      download.addAll(request.platform().arguments());
      download.addAll(uploaded);
      if (request.noBuild() && !download.contains(ONLY_BINARY)) {
        download.add(ONLY_BINARY);
      }
      PipResult result = runner.run(command("pip download", download, request));
      Optional<String> indexes =
          result.lines().stream()
              .filter(l -> l.startsWith(LOOKING_IN))
              .map(l -> l.substring(LOOKING_IN.length()).strip())
              // pip lists an index twice when the command line and pip.conf both name it.
              .map(l -> String.join(", ", new java.util.LinkedHashSet<>(List.of(l.split(", ")))))
              .findFirst();
      if (!result.succeeded()) {
        throw failure(result, request, indexes);
      }
      console.progress("pip downloaded " + list(request.directory()).size() + " files");
      if (request.noBuild()) {
        refuseSources(request.directory());
      }
      try (GitDependencies git =
          GitDependencies.rewrite(request.directory(), result.lines(), request.epoch())) {
        if (!git.archives().isEmpty()) {
          console.progress(
              "rewrote "
                  + git.archives().size()
                  + " git dependencies without .git: "
                  + String.join(
                      ", ",
                      git.archives().stream().map(a -> a.project() + " " + a.commit()).toList()));
        }
        int backends = 0;
        List<String> built = List.of();
        String gitCheck = "";
        if (request.wheelsOnly()) {
          built = buildWheels(request);
          gitCheck = git.archives().isEmpty() ? "" : "built into wheels (--wheels-only)";
        } else if (request.platform().foreign()) {
          gitCheck =
              git.archives().isEmpty()
                  ? ""
                  : "not checked: they cannot be built for another platform here";
        } else {
          backends = vendorBuildBackends(request, uploaded);
          gitCheck = git.checkOffline(runner, pip);
        }
        return new VendorResult(
            list(request.directory()),
            backends,
            built,
            uploadFilter,
            indexes,
            pip,
            git.archives(),
            gitCheck);
      }
    } catch (IOException e) {
      throw new PipException("cannot read " + request.directory() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Adds to {@code request.directory()} what its sdists (and a source tree target) need to build
   * offline, exactly as {@link #vendor} does after its {@code pip download}: for a tree another
   * resolver put there. Returns how many files it added.
   *
   * @throws PipException when pip cannot download them at the versions the directory pins
   */
  public int vendorBuildRequirements(VendorRequest request) throws PipException {
    List<String> uploaded = new ArrayList<>();
    uploadFilter(request.uploadedPriorTo(), runner.version(), uploaded);
    try {
      return vendorBuildBackends(request, uploaded);
    } catch (IOException e) {
      throw new PipException("cannot read " + request.directory() + ": " + e.getMessage(), e);
    }
  }

  /**
   * What {@link #vendorGitDependencies} wrote and added.
   *
   * @param archives the git dependencies' archives, sorted by file name
   * @param buildBackends how many files were added so the sdists and archives build offline
   * @param check how the archives were checked to build offline, one line for the summary; empty
   *     when there are none
   */
  public record GitVendored(List<GitArchive> archives, int buildBackends, String check) {
    public GitVendored {
      archives = List.copyOf(archives);
      requireNonNull(check, "check is null");
    }
  }

  /**
   * For a tree another resolver put in {@code directory}: writes each git dependency's archive from
   * its commit, cloned with real git, exactly as {@link #vendor} writes it from pip's clone (same
   * file name, same bytes); then, with {@code build}, adds what the sdists and the archives need to
   * build offline ({@link #vendorBuildRequirements}) and checks that every archive builds from the
   * directory alone as the version its name gives, renaming one that builds as another version.
   * Without {@code build} (another platform) the archives are not checked.
   *
   * @param epoch the time of every member of the archives
   * @throws PipException when a clone fails, a tree is refused, a build requirement cannot be had,
   *     or an archive does not build offline: one line naming the dependency
   */
  public GitVendored vendorGitDependencies(
      Path directory,
      List<GitPin> pins,
      long epoch,
      GitSourceZip zips,
      Optional<VendorRequest> build)
      throws PipException {
    requireNonNull(zips, "zips is null");
    if (pins.isEmpty()) {
      return new GitVendored(
          List.of(), build.isPresent() ? vendorBuildRequirements(build.get()) : 0, "");
    }
    List<GitPin> sorted = pins.stream().sorted(Comparator.comparing(GitPin::fileName)).toList();
    console.progress(
        "writing "
            + sorted.size()
            + " git dependencies from their commits: "
            + String.join(", ", sorted.stream().map(p -> p.name() + " " + p.commit()).toList()));
    try (GitDependencies git = GitDependencies.write(directory, sorted, epoch, zips)) {
      if (build.isEmpty()) {
        return new GitVendored(
            git.archives(), 0, "not checked: they cannot be built for another platform here");
      }
      int backends = vendorBuildRequirements(build.get());
      String check = git.checkOffline(runner, runner.version());
      return new GitVendored(git.archives(), backends, check);
    }
  }

  private static String uploadFilter(Optional<Instant> priorTo, PipVersion pip, List<String> args) {
    if (priorTo.isEmpty()) {
      return "not asked";
    }
    Instant second = priorTo.get().truncatedTo(ChronoUnit.SECONDS);
    String time = DateTimeFormatter.ISO_INSTANT.format(second);
    if (pip.supportsUploadedPriorTo()) {
      // pip's bound is exclusive, and a file uploaded within the epoch's second counts as at it.
      args.addAll(
          List.of(
              "--uploaded-prior-to", DateTimeFormatter.ISO_INSTANT.format(second.plusSeconds(1))));
      return "files uploaded after "
          + time
          + " left out (--uploaded-prior-to, "
          + pip.text()
          + "), where the index gives upload times";
    }
    return "not applied: pip "
        + pip.text()
        + " has no --uploaded-prior-to (pip >= "
        + PipVersion.UPLOADED_PRIOR_TO_SINCE
        + " has), so a rebuild may pick files uploaded after "
        + time;
  }

  private static String target(InstallTarget target) {
    if (target instanceof InstallTarget.Requirement requirement) {
      return requirement.spec();
    }
    return ((InstallTarget.SourceTree) target).directory().toAbsolutePath().toString();
  }

  /** With {@code --no-build}, nothing that only installs by building may be in the tree. */
  private static void refuseSources(Path directory) throws IOException, PipException {
    for (Path file : list(directory)) {
      if (BuildRequirements.isSdist(file)) {
        throw new PipException(
            "--no-build refuses "
                + file.getFileName()
                + ": a source distribution, which only installs by running its build code");
      }
    }
  }

  private PipException failure(PipResult result, VendorRequest request, Optional<String> indexes) {
    String summary = result.failure();
    if (request.noBuild()) {
      Matcher clone = GIT_CLONE.matcher(summary);
      if (clone.find()) {
        return new PipException(
            "--no-build refuses the git dependency "
                + Redaction.mask(clone.group(1))
                + ": it only installs by running its build code");
      }
    }
    if (request.target() instanceof InstallTarget.Requirement requirement
        && (summary.equals("No matching distribution found for " + requirement.spec())
            || summary.startsWith("No matching distribution found for " + requirement.spec() + " (")
            || summary.startsWith(
                "Could not find a version that satisfies the requirement "
                    + requirement.spec()
                    + " "))) {
      String where =
          indexes
              .map(i -> "the index " + i)
              .orElse(
                  request.index().indexUrl().isPresent()
                      ? request.index().describe()
                      : "PyPI (pip's default index)");
      String platform = request.platform().foreign() ? " for " + request.platform().describe() : "";
      return new PipException(
          requirement.spec()
              + " is not on "
              + where
              + platform
              + " (pip: "
              + summary
              + ")"
              + noBuildNote(request));
    }
    return new PipException("pip download failed: " + summary + noBuildNote(request));
  }

  /** {@code pip wheel} of every sdist, each replaced by the wheel built from it. */
  private List<String> buildWheels(VendorRequest request) throws PipException, IOException {
    List<Path> sdists =
        list(request.directory()).stream().filter(BuildRequirements::isSdist).toList();
    if (sdists.isEmpty()) {
      return List.of();
    }
    console.progress("building " + sdists.size() + " sdists into wheels (--wheels-only)");
    Set<String> before = names(request.directory());
    List<String> args =
        new ArrayList<>(
            List.of(
                "wheel",
                "--no-deps",
                "--wheel-dir",
                request.directory().toString(),
                "--progress-bar",
                "off"));
    sdists.forEach(s -> args.add(s.toString()));
    args.addAll(request.index().arguments());
    PipResult result = runner.run(command("pip wheel", args, request));
    if (!result.succeeded()) {
      throw new PipException("pip wheel failed: " + result.failure());
    }
    for (Path sdist : sdists) {
      Files.delete(sdist);
    }
    TreeSet<String> built = new TreeSet<>(names(request.directory()));
    built.removeAll(before);
    for (String wheel : built) {
      // The backend may write the build time and the umask into the zip, whatever
      // SOURCE_DATE_EPOCH.
      try {
        WheelContainer.rewrite(request.directory().resolve(wheel), request.epoch());
      } catch (IOException e) {
        throw new PipException(
            "cannot make the wheel pip built reproducible: " + e.getMessage(), e);
      }
    }
    return List.copyOf(built);
  }

  /**
   * Downloads what the tree's sdists (and a source tree itself) need to build, and what those need,
   * until no new sdist appears. Returns how many files it added.
   */
  private int vendorBuildBackends(VendorRequest request, List<String> uploaded)
      throws PipException, IOException {
    int before = list(request.directory()).size();
    Set<String> seenSdists = new TreeSet<>();
    Set<String> seenRequirements = new LinkedHashSet<>();
    List<String> pending = new ArrayList<>();
    if (request.target() instanceof InstallTarget.SourceTree tree) {
      pending.addAll(BuildRequirements.ofDirectory(tree.directory()));
    }
    while (true) {
      for (Path file : list(request.directory())) {
        if (BuildRequirements.isSdist(file) && seenSdists.add(file.getFileName().toString())) {
          pending.addAll(BuildRequirements.ofSdist(file));
        }
      }
      List<String> fresh = pending.stream().filter(seenRequirements::add).toList();
      pending.clear();
      if (fresh.isEmpty()) {
        break;
      }
      console.progress("vendoring build requirements: " + String.join(", ", fresh));
      // requirements.txt pins one version per project: a build requirement must take the version
      // the tree already has, so it is constrained to it.
      Path constraints =
          Files.createTempFile(
              request.directory().toAbsolutePath().getParent(), "constraints-", ".txt");
      try {
        Files.write(constraints, pins(request.directory()));
        List<String> args =
            new ArrayList<>(
                List.of(
                    "download",
                    "--dest",
                    request.directory().toString(),
                    "--progress-bar",
                    "off",
                    "--constraint",
                    constraints.toString()));
        args.addAll(fresh);
        args.addAll(request.index().arguments());
        args.addAll(uploaded);
        PipResult result = runner.run(command("pip download (build requirements)", args, request));
        if (!result.succeeded()) {
          throw new PipException(
              "cannot vendor the build requirements "
                  + String.join(", ", fresh)
                  + " of the tree's sdists at the versions the tree pins (pip: "
                  + result.failure()
                  + "); --wheels-only builds the sdists into wheels instead");
        }
      } finally {
        Files.deleteIfExists(constraints);
      }
    }
    return list(request.directory()).size() - before;
  }

  /** {@code name==version} of every distribution in {@code directory}, sorted. */
  private static List<String> pins(Path directory) throws IOException {
    Set<String> pins = new TreeSet<>();
    for (Path file : list(directory)) {
      String name = file.getFileName().toString();
      DownloadedFile.read(name).ifPresent(d -> pins.add(d.pin()));
    }
    return List.copyOf(pins);
  }

  private static String noBuildNote(VendorRequest request) {
    return request.noBuild() ? "; --no-build takes wheels only, and no file may need a build" : "";
  }

  /** Every run may build (metadata, wheels): each backend gets the epoch as SOURCE_DATE_EPOCH. */
  private static PipCommand command(String label, List<String> args, VendorRequest request) {
    Map<String, String> environment = new TreeMap<>(request.buildEnvironment());
    environment.put("SOURCE_DATE_EPOCH", Long.toString(request.epoch()));
    if (request.noBuild()) {
      // pip builds a git dependency whatever --only-binary says: git refusing every transport
      // stops it at the clone, before any of the repository's code runs.
      environment.put("GIT_ALLOW_PROTOCOL", "none");
    }
    return PipCommand.of(args).withLabel(label).withEnvironment(environment).withAttempts(2);
  }

  /** The distributions in {@code directory}, sorted by name; pip's temporary files excluded. */
  static List<Path> list(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> DownloadedFile.read(f.getFileName().toString()).isPresent())
          .sorted()
          .toList();
    }
  }

  private static Set<String> names(Path directory) throws IOException {
    Set<String> names = new TreeSet<>();
    list(directory).forEach(p -> names.add(p.getFileName().toString()));
    return names;
  }
}
