package dev.mkwheels.resolver;

import dev.mkwheels.python.index.IndexFile;
import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.requirement.Requirement;
import dev.mkwheels.python.version.Version;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-written, in-memory {@link CandidateProvider}: releases declared in a test, one wheel each,
 * with their {@code Requires-Dist}, {@code Requires-Python}, extras and yanked flag. Thread-safe
 * once built.
 */
final class Catalog implements CandidateProvider {
  private final List<Release> releases = new ArrayList<>();
  private final Map<String, Release> direct = new ConcurrentHashMap<>();
  private final Map<String, Long> delays = new ConcurrentHashMap<>();
  final AtomicInteger candidateCalls = new AtomicInteger();

  /** Makes every answer for {@code target} come {@code millis} late, to reorder concurrent work. */
  void delay(Target target, long millis) {
    delays.put(target.name(), millis);
  }

  /** One release; chain its setters while building the catalog. */
  static final class Release {
    final ProjectName name;
    final Version version;
    final List<Requirement> requires = new ArrayList<>();
    final List<String> extras = new ArrayList<>();
    Optional<String> python = Optional.empty();
    boolean yanked;
    Optional<URI> url = Optional.empty();
    boolean noFiles;

    Release(String name, String version) {
      this.name = ProjectName.of(name);
      this.version = Version.parse(version);
    }

    Release requires(String... requirements) {
      for (String r : requirements) {
        requires.add(Requirement.parse(r));
      }
      return this;
    }

    Release extra(String extra, String... requirements) {
      extras.add(extra);
      for (String r : requirements) {
        requires.add(
            Requirement.parse(r + (r.contains(";") ? " and " : "; ") + "extra == '" + extra + "'"));
      }
      return this;
    }

    Release python(String requiresPython) {
      python = Optional.of(requiresPython);
      return this;
    }

    Release yanked() {
      yanked = true;
      return this;
    }

    /** No file at all: a direct reference such as a git URL, built from source. */
    Release noFiles() {
      noFiles = true;
      return this;
    }

    Candidate candidate() {
      if (noFiles) {
        return new Candidate(name, version, List.of(), false, url);
      }
      String file = name.normalized().replace('-', '_') + "-" + version + "-py3-none-any.whl";
      URI where = url.orElse(URI.create("https://index.invalid/files/" + file));
      IndexFile f =
          new IndexFile(
              file,
              where,
              Map.of("sha256", "0".repeat(64)),
              Optional.empty(),
              yanked,
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              OptionalLong.empty());
      return new Candidate(name, version, List.of(f), yanked, url);
    }
  }

  /** Declares {@code name} at {@code version}, with what it requires. */
  Release add(String name, String version, String... requires) {
    Release r = new Release(name, version).requires(requires);
    releases.add(r);
    return r;
  }

  /** Declares what {@code name @ url} gives. */
  Release direct(String url, String name, String version, String... requires) {
    Release r = new Release(name, version).requires(requires);
    r.url = Optional.of(URI.create(url));
    direct.put(url, r);
    return r;
  }

  @Override
  public List<Candidate> candidates(ProjectName project, Target target) throws ResolutionException {
    candidateCalls.incrementAndGet();
    try {
      Thread.sleep(delays.getOrDefault(target.name(), 0L));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ResolutionException("interrupted", e);
    }
    return releases.stream()
        .filter(r -> r.name.equals(project))
        .sorted(Comparator.comparing((Release r) -> r.version).reversed())
        .map(Release::candidate)
        .toList();
  }

  @Override
  public Candidate direct(Requirement requirement, Target target) throws ResolutionException {
    Release r = direct.get(requirement.url().orElseThrow());
    if (r == null) {
      throw new ResolutionException("cannot get " + requirement.url().get());
    }
    return r.candidate();
  }

  @Override
  public Dependencies dependencies(Candidate candidate) {
    Release found =
        candidate.directUrl().isPresent()
            ? direct.get(candidate.directUrl().get().toString())
            : releases.stream()
                .filter(
                    r -> r.name.equals(candidate.name()) && r.version.equals(candidate.version()))
                .findFirst()
                .orElseThrow();
    return new Dependencies(found.requires, found.python, found.extras);
  }
}
