package dev.mkwheels.ci;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Console;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.pip.PipException;
import dev.mkwheels.pip.PipIndexes;
import dev.mkwheels.pip.PipMetadata;
import dev.mkwheels.pip.PipRunner;
import dev.mkwheels.pip.PipSettings;
import dev.mkwheels.pip.RequirementFiles;
import dev.mkwheels.python.index.IndexClient;
import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.requirement.Requirement;
import dev.mkwheels.python.version.Version;
import dev.mkwheels.resolver.CandidateProvider;
import dev.mkwheels.resolver.Downloader;
import dev.mkwheels.resolver.IndexCandidates;
import dev.mkwheels.resolver.ResolutionException;
import dev.mkwheels.resolver.ResolutionReport;
import dev.mkwheels.resolver.ResolveRequest;
import dev.mkwheels.resolver.Resolver;
import dev.mkwheels.resolver.Target;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code mkwheels lock --resolver native}: mkwheels' own resolver pins the requirement files for
 * each target (the interpreter's by default, {@code --python-version}'s, or each {@code --target}),
 * keeping each existing pin that still fits as a preference (one that conflicts is dropped alone,
 * and said), and each lock is written exactly as {@link Locker}'s pip path writes it: the index's
 * sha256 of every file of each pinned version, and the same {@code # via} lines.
 *
 * <p>No interpreter of a target is needed: a target other than the interpreter's own takes wheels
 * only, so nothing is built. The interpreter is asked only for its own target, its pip
 * configuration's indexes, and the builds of sdists and direct references for its own target.
 */
final class NativeLocker {
  private final PipRunner pip;
  private final HttpFetcher http;
  private final Console console;

  NativeLocker(PipRunner pip, HttpFetcher http, Console console) {
    this.pip = requireNonNull(pip, "pip is null");
    this.http = requireNonNull(http, "http is null");
    this.console = requireNonNull(console, "console is null");
  }

  /** One lock per target, in the order of the request's targets. */
  List<LockResult> lock(LockRequest request) throws MkwheelsException {
    Map<String, Set<String>> sources = RequirementSources.scan(request.requirements());
    RequirementFiles files = RequirementFiles.read(request.requirements());
    List<Target> targets = request.targets();
    boolean host = targets.isEmpty();
    Optional<Target> interpreter = Optional.empty();
    if (host) {
      Target own = HostTarget.of(pip);
      interpreter = Optional.of(own);
      Target target =
          request.pythonVersion().isPresent()
              ? HostTarget.forVersion(own, request.pythonVersion().get())
              : own;
      targets = List.of(target);
    }
    // Builds run the interpreter's pip: only for its own target.
    boolean builds = interpreter.isPresent() && targets.get(0) == interpreter.get();
    Map<String, String> configuration = configuration(host);
    PipIndexes indexes = PipIndexes.of(configuration, request.index(), "install");
    // pip's configured constraints files and pre-releases hold as the files' own do; its
    // no-binary and only-binary as for pip.
    PipSettings configured = PipSettings.of(configuration, "install");
    configured.announce(console);
    List<Requirement> constraints = new ArrayList<>(files.constraints());
    constraints.addAll(configured.constraints());
    files = new RequirementFiles(files.roots(), constraints, files.pre() || configured.pre());
    IndexClient client = new IndexClient(http);
    List<LockResult> results = new ArrayList<>();
    try (Scratch scratch = Scratch.create("mkwheels-lock-")) {
      Downloader downloader =
          new Downloader(http, Downloader.DEFAULT_PER_HOST, scratch.path().resolve("cache"));
      IndexCandidates.Builder builder =
          IndexCandidates.builder(client)
              .indexes(indexes.indexUrls())
              .findLinks(indexes.findLinks())
              .onlyBinary(!builds)
              .formats(configured.formats())
              .preferBinary(configured.preferBinary())
              .downloader(downloader);
      if (builds) {
        builder.metadataBuilder(new PipMetadata(pip, request.index()));
      }
      IndexCandidates provider = builder.build();
      Map<Target, Map<String, Pin>> previous = new LinkedHashMap<>();
      for (Target target : targets) {
        previous.put(target, Locker.previousPins(request.output(target.name())));
      }
      Map<Target, ResolutionReport> reports = resolve(request, files, provider, previous);
      HashCollector collector = new HashCollector(client, console);
      for (Target target : targets) {
        results.add(
            write(
                request,
                target,
                sources,
                files,
                provider,
                collector,
                indexes,
                previous.get(target),
                reports.get(target)));
      }
    }
    return results;
  }

  /**
   * pip's configuration, as the interpreter's pip reads it; with {@code --target}, which needs no
   * interpreter, none when it cannot be read (the command line's indexes alone).
   */
  private Map<String, String> configuration(boolean host) throws MkwheelsException {
    try {
      return pip.configuration();
    } catch (PipException e) {
      if (host) {
        throw e;
      }
      console.debug("pip's configuration not read (" + e.getMessage() + "); command line only");
      return Map.of();
    }
  }

  /** The targets whose locks keep the same pins are resolved together. */
  private Map<Target, ResolutionReport> resolve(
      LockRequest request,
      RequirementFiles files,
      CandidateProvider provider,
      Map<Target, Map<String, Pin>> previous)
      throws CiException {
    Map<Map<ProjectName, Version>, List<Target>> groups = new LinkedHashMap<>();
    for (Map.Entry<Target, Map<String, Pin>> e : previous.entrySet()) {
      groups.computeIfAbsent(preferences(request, e.getValue()), k -> new ArrayList<>());
      groups.get(preferences(request, e.getValue())).add(e.getKey());
    }
    Resolver resolver = new Resolver(provider);
    Map<Target, ResolutionReport> reports = new LinkedHashMap<>();
    for (Map.Entry<Map<ProjectName, Version>, List<Target>> group : groups.entrySet()) {
      ResolveRequest resolve =
          new ResolveRequest(
              files.roots(),
              files.constraints(),
              group.getKey(),
              files.pre() || request.index().pre());
      console.progress(
          "resolving for "
              + String.join(", ", group.getValue().stream().map(Target::name).toList())
              + (group.getKey().isEmpty() ? "" : ", keeping " + group.getKey().size() + " pins"));
      List<ResolutionReport> done;
      try {
        done = resolver.reportAll(resolve, group.getValue());
      } catch (ResolutionException e) {
        throw new CiException(e.getMessage(), e);
      }
      for (int i = 0; i < done.size(); i++) {
        reports.put(group.getValue().get(i), done.get(i));
      }
    }
    return reports;
  }

  /** The previous pins to keep: all but those {@code --upgrade}/{@code --upgrade-package} free. */
  private static Map<ProjectName, Version> preferences(
      LockRequest request, Map<String, Pin> previous) {
    Map<ProjectName, Version> preferences =
        new TreeMap<>(java.util.Comparator.comparing(ProjectName::normalized));
    if (request.upgrade()) {
      return preferences;
    }
    for (Pin pin : previous.values()) {
      if (request.upgradePackages().contains(pin.name()) || !Version.isValid(pin.version())) {
        continue;
      }
      preferences.put(ProjectName.of(pin.name()), Version.parse(pin.version()));
    }
    return preferences;
  }

  private LockResult write(
      LockRequest request,
      Target target,
      Map<String, Set<String>> sources,
      RequirementFiles files,
      CandidateProvider provider,
      HashCollector collector,
      PipIndexes indexes,
      Map<String, Pin> previous,
      ResolutionReport report)
      throws MkwheelsException {
    Path output = request.output(target.name());
    say(target, output, previous, report, files, provider);
    List<dev.mkwheels.resolver.Pin> resolved = report.resolution().pins();
    Set<String> names = new TreeSet<>();
    resolved.forEach(p -> names.add(p.name().normalized()));
    for (String name : request.upgradePackages()) {
      if (!names.contains(name)) {
        console.warn("--upgrade-package " + name + " is not among the resolved distributions");
      }
    }
    List<Pin> pins = new ArrayList<>();
    for (dev.mkwheels.resolver.Pin p : resolved) {
      pins.add(pin(p));
    }
    pins.sort(null);
    console.progress(
        "collecting the hashes of "
            + pins.size()
            + " distributions from "
            + indexes.indexUrls().size()
            + " indexes and "
            + indexes.findLinks().size()
            + " find-links locations");
    Map<Pin, Set<String>> hashes = collector.collect(pins, indexes);
    Set<String> requested = new TreeSet<>();
    for (Requirement root : files.roots()) {
      if (root.marker().map(m -> m.evaluate(target.environment(), "")).orElse(true)) {
        requested.add(root.projectName().normalized());
      }
    }
    List<LockWriter.Locked> locked = new ArrayList<>();
    for (dev.mkwheels.resolver.Pin p : resolved) {
      Pin pin = pin(p);
      Set<String> fileHashes = new TreeSet<>(hashes.get(pin));
      p.file().sha256().ifPresent(h -> fileHashes.add("sha256:" + h));
      if (fileHashes.isEmpty()) {
        throw new CiException(
            "no sha256 for " + pin + " (" + p.file().fileName() + "): the index gives none");
      }
      String name = pin.name();
      Set<String> named = sources.getOrDefault(name, Set.of());
      Set<String> via = new TreeSet<>();
      p.requiredBy().forEach(r -> via.add(r.normalized()));
      via.addAll(named);
      if (requested.contains(name) && named.stream().noneMatch(s -> s.startsWith("-r "))) {
        via.add("-r " + request.requirements().get(0));
      }
      locked.add(new LockWriter.Locked(pin, fileHashes, via));
    }
    String python = target.environment().pythonVersion();
    String text =
        request.format() == LockFormat.PYLOCK
            ? PylockWriter.format(request.command(), Locker.pylockFiles(pins, collector.files()))
            : LockWriter.format(
                target.name().equals(HostTarget.NAME) ? python : python + " for " + target.name(),
                request.command(),
                locked);
    byte[] content = text.getBytes(StandardCharsets.UTF_8);
    boolean written = !Locker.sameBytes(output, content);
    if (written) {
      Scratch.writeAtomically(output, content);
    }
    return new LockResult(output, pins, Locker.changes(previous, pins), written);
  }

  private static Pin pin(dev.mkwheels.resolver.Pin p) {
    return new Pin(p.name().normalized(), p.candidate().version().toString());
  }

  /** {@code kept 11 pins of FILE; dropped lib 1.0 (now 2.0): app 3.0 requires lib>=2}. */
  private void say(
      Target target,
      Path output,
      Map<String, Pin> previous,
      ResolutionReport report,
      RequirementFiles files,
      CandidateProvider provider)
      throws CiException {
    for (String note : report.notes()) {
      if (!note.startsWith("the pin ")) {
        console.warn(target.name() + ": " + note);
      }
    }
    if (previous.isEmpty() || report.droppedPreferences().isEmpty()) {
      return;
    }
    int kept = 0;
    for (dev.mkwheels.resolver.Pin p : report.resolution().pins()) {
      Pin before = previous.get(p.name().normalized());
      if (before != null && before.sameVersion(p.candidate().version().toString())) {
        kept++;
      }
    }
    List<String> dropped = new ArrayList<>();
    for (ProjectName name : report.droppedPreferences()) {
      Pin before = previous.get(name.normalized());
      if (before == null) {
        continue;
      }
      String now =
          report.resolution().pin(name).map(p -> p.candidate().version().toString()).orElse("none");
      dropped.add(
          "dropped "
              + before.name()
              + " "
              + before.version()
              + " (now "
              + now
              + "): "
              + conflicts(name, Version.parse(before.version()), report, files, provider, target));
    }
    console.warn(
        (target.name().equals(HostTarget.NAME) ? "" : target.name() + ": ")
            + "kept "
            + Plural.of(kept, "pin")
            + " of "
            + output
            + "; "
            + String.join("; ", dropped));
  }

  /** What a dropped version conflicts with, as far as the resolved tree tells. */
  private static String conflicts(
      ProjectName project,
      Version version,
      ResolutionReport report,
      RequirementFiles files,
      CandidateProvider provider,
      Target target)
      throws CiException {
    Set<String> reasons = new TreeSet<>();
    for (Requirement r : files.roots()) {
      if (excludes(r, project, version, target, Set.of())) {
        reasons.add("the requirements ask " + r);
      }
    }
    for (Requirement r : files.constraints()) {
      if (excludes(r, project, version, target, Set.of())) {
        reasons.add("a constraint says " + r);
      }
    }
    for (dev.mkwheels.resolver.Pin parent : report.resolution().pins()) {
      CandidateProvider.Dependencies dependencies;
      try {
        dependencies = provider.dependencies(parent.candidate());
      } catch (ResolutionException e) {
        throw new CiException(e.getMessage(), e);
      }
      for (Requirement r : dependencies.requiresDist()) {
        if (excludes(r, project, version, target, parent.extras())) {
          reasons.add(
              parent.name().normalized() + " " + parent.candidate().version() + " requires " + r);
        }
      }
    }
    return reasons.isEmpty()
        ? "conflicts with the rest of the tree"
        : "conflicts with " + String.join(", ", reasons);
  }

  private static boolean excludes(
      Requirement r, ProjectName project, Version version, Target target, Set<String> extras) {
    if (!r.projectName().equals(project) || r.url().isPresent()) {
      return false;
    }
    if (r.marker().isPresent()) {
      boolean applies = r.marker().get().evaluate(target.environment(), "");
      for (String extra : extras) {
        applies |= r.marker().get().evaluate(target.environment(), extra);
      }
      if (!applies) {
        return false;
      }
    }
    return !r.specifier().contains(version, true);
  }
}
