package dev.mkwheels.ci;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Console;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.pip.PipCommand;
import dev.mkwheels.pip.PipIndexes;
import dev.mkwheels.pip.PipResult;
import dev.mkwheels.pip.PipRunner;
import dev.mkwheels.pip.PipVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code mkwheels lock}. With {@link LockResolver#NATIVE}, mkwheels' own resolver ({@link
 * NativeLocker}). With {@link LockResolver#PIP}: pip resolves the requirements for the interpreter
 * ({@code pip install --dry-run --ignore-installed --report}), the indexes give every file's hash,
 * and the lock is written pip-compile style. Pins of the existing lock are passed to pip as
 * constraints, so they stay while still valid; when they conflict with the requirements, pip
 * resolves afresh.
 */
public final class Locker {
  private final PipRunner pip;
  private final HttpFetcher http;
  private final Console console;

  public Locker(PipRunner pip, HttpFetcher http, Console console) {
    this.pip = requireNonNull(pip, "pip is null");
    this.http = requireNonNull(http, "http is null");
    this.console = requireNonNull(console, "console is null");
  }

  /**
   * Writes the lock {@code request} asks for: {@link LockRequest#resolver()} says by which
   * resolver.
   *
   * @throws IllegalArgumentException when it asks for several targets: use {@link #lockAll}
   */
  public LockResult lock(LockRequest request) throws MkwheelsException {
    if (request.resolver() == LockResolver.PIP) {
      return lockWithPip(request);
    }
    if (request.targets().size() > 1) {
      throw new IllegalArgumentException("several targets: use lockAll");
    }
    return new NativeLocker(pip, http, console).lock(request).get(0);
  }

  /** One lock per target ({@link LockRequest#output(String)}), in the order of its targets. */
  public List<LockResult> lockAll(LockRequest request) throws MkwheelsException {
    if (request.resolver() == LockResolver.PIP) {
      return List.of(lockWithPip(request));
    }
    return new NativeLocker(pip, http, console).lock(request);
  }

  private LockResult lockWithPip(LockRequest request) throws MkwheelsException {
    Map<String, Set<String>> sources = RequirementSources.scan(request.requirements());
    PipVersion version = pip.version();
    if (!version.atLeast(22, 2)) {
      throw new CiException(
          version
              + " cannot report what it resolves; mkwheels lock needs pip 22.2"
              + " or newer ("
              + pip.python()
              + " -m pip install --upgrade pip)");
    }
    Map<String, Pin> previous = previousPins(request.output());
    Map<String, Pin> kept = new TreeMap<>(previous);
    if (request.upgrade()) {
      kept.clear();
    }
    kept.keySet().removeAll(request.upgradePackages());
    PipReport report;
    try (Scratch scratch = Scratch.create("mkwheels-lock-")) {
      report = resolve(request, kept, scratch.path());
    }
    Set<String> resolvedNames = new TreeSet<>();
    report.install().forEach(i -> resolvedNames.add(i.pin().name()));
    for (String name : request.upgradePackages()) {
      if (!resolvedNames.contains(name)) {
        console.warn("--upgrade-package " + name + " is not among the resolved distributions");
      }
    }
    List<Pin> pins = report.install().stream().map(PipReport.Item::pin).sorted().toList();
    PipIndexes indexes = PipIndexes.of(pip, request.index(), "install");
    console.progress(
        "collecting the hashes of "
            + pins.size()
            + " distributions from "
            + indexes.indexUrls().size()
            + " indexes and "
            + indexes.findLinks().size()
            + " find-links locations");
    HashCollector collector = new HashCollector(http, console);
    Map<Pin, Set<String>> hashes = collector.collect(pins, indexes);
    List<LockWriter.Locked> locked = locked(request, report, hashes, sources);
    String text =
        request.format() == LockFormat.PYLOCK
            ? PylockWriter.format(request.command(), pylockFiles(pins, collector.files()))
            : LockWriter.format(version.python(), request.command(), locked);
    byte[] content = text.getBytes(StandardCharsets.UTF_8);
    boolean written = !sameBytes(request.output(), content);
    if (written) {
      Scratch.writeAtomically(request.output(), content);
    }
    return new LockResult(request.output(), pins, changes(previous, pins), written);
  }

  /** Every pin, with the files found for it (none when the indexes list none with a hash). */
  static Map<Pin, List<HashCollector.Found>> pylockFiles(
      List<Pin> pins, Map<Pin, List<HashCollector.Found>> found) {
    Map<Pin, List<HashCollector.Found>> files = new TreeMap<>();
    pins.forEach(p -> files.put(p, found.getOrDefault(p, List.of())));
    return files;
  }

  /** Each distribution with its hashes (the index's and the file pip chose) and its "via". */
  private static List<LockWriter.Locked> locked(
      LockRequest request,
      PipReport report,
      Map<Pin, Set<String>> hashes,
      Map<String, Set<String>> sources)
      throws CiException {
    Map<String, Set<String>> dependents = DependencyGraph.dependents(report);
    List<LockWriter.Locked> locked = new ArrayList<>();
    for (PipReport.Item item : report.install()) {
      Set<String> fileHashes = new TreeSet<>(hashes.get(item.pin()));
      item.sha256().ifPresent(h -> fileHashes.add("sha256:" + h));
      if (fileHashes.isEmpty()) {
        throw new CiException(
            "no sha256 for "
                + item.pin()
                + " ("
                + item.url()
                + "): neither pip nor the index gave one");
      }
      Set<String> named = sources.getOrDefault(item.pin().name(), Set.of());
      Set<String> via = new TreeSet<>(dependents.get(item.pin().name()));
      via.addAll(named);
      // Requested through a line the scan could not read (a URL, an odd spelling): the first file.
      if (item.requested() && named.stream().noneMatch(s -> s.startsWith("-r "))) {
        via.add("-r " + request.requirements().get(0));
      }
      locked.add(new LockWriter.Locked(item.pin(), fileHashes, via));
    }
    return locked;
  }

  private PipReport resolve(LockRequest request, Map<String, Pin> kept, Path scratch)
      throws MkwheelsException {
    Path reportFile = scratch.resolve("report.json");
    List<String> args =
        new ArrayList<>(
            List.of(
                "install",
                "--dry-run",
                "--ignore-installed",
                "--quiet",
                "--report",
                reportFile.toString()));
    request.requirements().forEach(r -> args.addAll(List.of("-r", r.toString())));
    args.addAll(request.index().arguments());
    PipResult result;
    if (!kept.isEmpty()) {
      Path constraints = scratch.resolve("kept-pins.txt");
      StringBuilder text = new StringBuilder();
      kept.values().forEach(p -> text.append(p).append('\n'));
      write(constraints, text.toString());
      List<String> constrained = new ArrayList<>(args);
      constrained.addAll(List.of("-c", constraints.toString()));
      console.progress(
          "resolving, keeping "
              + kept.size()
              + " pins of "
              + request.output()
              + " where still valid");
      result = pip.run(dryRun(constrained));
      if (!result.succeeded()) {
        console.warn(
            "the pins of "
                + request.output()
                + " no longer fit the requirements ("
                + result.failure()
                + "); resolving afresh");
        result = null;
      }
    } else {
      result = null;
    }
    if (result == null) {
      pip.check(dryRun(args));
    }
    try {
      return PipReport.parse(Files.readAllBytes(reportFile));
    } catch (IOException e) {
      throw new CiException("pip wrote no installation report: " + e.getMessage(), e);
    }
  }

  /**
   * A dry run installs nothing, so a require-virtualenv setting (meant to protect the system's
   * site-packages) must not stop it; everything else of pip's configuration applies.
   */
  private static PipCommand dryRun(List<String> args) {
    return PipCommand.of(args)
        .withLabel("pip install --dry-run")
        .withEnvironment(Map.of("PIP_REQUIRE_VIRTUALENV", "0"));
  }

  static Map<String, Pin> previousPins(Path output) throws CiException {
    Map<String, Pin> pins = new TreeMap<>();
    if (!Files.exists(output)) {
      return pins;
    }
    try {
      new LockFileParser().parse(output).pins().forEach(p -> pins.put(p.name(), p));
    } catch (CiException e) {
      throw new CiException(
          e.getMessage() + " (in the existing --out file: fix it or delete it)", e);
    }
    return pins;
  }

  static List<String> changes(Map<String, Pin> previous, List<Pin> pins) {
    List<String> changes = new ArrayList<>();
    Map<String, Pin> now = new TreeMap<>();
    pins.forEach(p -> now.put(p.name(), p));
    Set<String> names = new TreeSet<>(previous.keySet());
    names.addAll(now.keySet());
    for (String name : names) {
      Pin before = previous.get(name);
      Pin after = now.get(name);
      if (before == null) {
        changes.add("+ " + after);
      } else if (after == null) {
        changes.add("- " + before);
      } else if (!before.version().equals(after.version())) {
        changes.add(name + " " + before.version() + " -> " + after.version());
      }
    }
    return changes;
  }

  static boolean sameBytes(Path file, byte[] content) {
    try {
      return Files.isRegularFile(file)
          && java.util.Arrays.equals(Files.readAllBytes(file), content);
    } catch (IOException e) {
      return false;
    }
  }

  private static void write(Path file, String text) throws CiException {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CiException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
