package dev.mkwheels.resolver;

import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.requirement.Requirement;
import dev.mkwheels.python.version.Specifier;
import dev.mkwheels.python.version.SpecifierSet;
import dev.mkwheels.python.version.Version;
import dev.mkwheels.resolver.CandidateProvider.Dependencies;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The candidates a set of requirements allows for one target, by pip's rules, and what the provider
 * says of them, asked once per search. Not thread-safe: one per search.
 *
 * <ul>
 *   <li>the specifiers of every requirement and constraint on a project combine;
 *   <li>pre-releases as {@link SpecifierSet#filter} admits them ({@code --pre}, a specifier naming
 *       one, or no final release fitting at all);
 *   <li>a yanked candidate only when every candidate that fits is yanked and the specifiers pin it
 *       with {@code ==} (no wildcard) or {@code ===} (pip 23's {@code factory.py}: the finder's
 *       "take a yanked file when all are yanked" does not reach the resolver);
 *   <li>a direct reference is the only candidate of its project, and must fit the specifiers;
 *   <li>a preferred version, when it fits, goes first.
 * </ul>
 */
final class Choices {
  private final CandidateProvider provider;
  private final ResolveRequest request;
  private final Target target;
  private final Map<ProjectName, List<Requirement>> constraints;
  private final Map<ProjectName, List<Candidate>> candidates = new HashMap<>();
  private final Map<String, Candidate> direct = new HashMap<>();
  private final Map<String, Dependencies> dependencies = new HashMap<>();
  private final Map<String, List<Candidate>> viable = new HashMap<>();
  private final Set<String> prefetched = new HashSet<>();

  Choices(
      CandidateProvider provider,
      ResolveRequest request,
      Target target,
      Map<ProjectName, List<Requirement>> constraints) {
    this.provider = Objects.requireNonNull(provider, "provider is null");
    this.request = Objects.requireNonNull(request, "request is null");
    this.target = Objects.requireNonNull(target, "target is null");
    this.constraints = Objects.requireNonNull(constraints, "constraints is null");
  }

  /** Every version the provider has of {@code project} for the target, newest first. */
  List<Candidate> all(ProjectName project) throws ResolutionException {
    List<Candidate> found = candidates.get(project);
    if (found == null) {
      found = List.copyOf(provider.candidates(project, target));
      candidates.put(project, found);
    }
    return found;
  }

  /** Why {@link #all} is empty for {@code project}, when the provider can say. */
  Optional<String> whyNone(ProjectName project) throws ResolutionException {
    return provider.whyNone(project, target);
  }

  /** The candidate of a direct reference. */
  Candidate direct(Requirement requirement) throws ResolutionException {
    String url = requirement.url().orElseThrow();
    Candidate found = direct.get(url);
    if (found == null) {
      found = provider.direct(requirement, target);
      direct.put(url, found);
    }
    return found;
  }

  Dependencies dependencies(Candidate candidate) throws ResolutionException {
    String key =
        candidate.name().normalized()
            + " "
            + candidate.version()
            + " "
            + candidate.directUrl().map(Object::toString).orElse("");
    Dependencies found = dependencies.get(key);
    if (found == null) {
      found = provider.dependencies(candidate);
      dependencies.put(key, found);
    }
    return found;
  }

  /**
   * Asks the provider to read ahead what {@link #viable} and {@link #dependencies} will want of
   * {@code project}, when it can do so on other threads ({@link IndexCandidates}); once per set of
   * specifiers. Changes no answer: only how soon the provider has it.
   */
  void prefetch(ProjectName project, List<Edge> edges) {
    if (!(provider instanceof IndexCandidates index)) {
      return;
    }
    List<Requirement> requirements = requirements(project, edges);
    if (requirements.stream().anyMatch(r -> r.url().isPresent())) {
      return;
    }
    Set<String> key = new TreeSet<>();
    requirements.forEach(r -> key.add(r.specifier().toString()));
    if (!prefetched.add(project.normalized() + " " + key)) {
      return;
    }
    try {
      Set<String> extras = new TreeSet<>();
      requirements.forEach(r -> extras.addAll(r.extras()));
      index.prefetch(project, target, combine(requirements), request.pre(), extras);
    } catch (IllegalArgumentException e) { // InvalidSpecifierException: viable will say
      prefetched.remove(project.normalized() + " " + key);
    }
  }

  /** The requirements on {@code project}: {@code edges}' and the constraints that apply. */
  List<Requirement> requirements(ProjectName project, List<Edge> edges) {
    List<Requirement> all = new ArrayList<>();
    edges.forEach(e -> all.add(e.requirement()));
    all.addAll(constraints.getOrDefault(project, List.of()));
    return all;
  }

  /**
   * The candidates of {@code project} that {@code edges} (with the constraints) allow, in the order
   * to try them: the preferred version first, then newest first.
   */
  List<Candidate> viable(ProjectName project, List<Edge> edges) throws ResolutionException {
    return viable(project, edges, true);
  }

  /** {@link #viable(ProjectName, List)}, the constraints left out when asked (to explain). */
  List<Candidate> viable(ProjectName project, List<Edge> edges, boolean withConstraints)
      throws ResolutionException {
    List<Requirement> requirements =
        withConstraints
            ? requirements(project, edges)
            : edges.stream().map(Edge::requirement).toList();
    Set<String> key = new TreeSet<>();
    requirements.forEach(r -> key.add(r.specifier() + " @" + r.url().orElse("")));
    String cacheKey = project.normalized() + " " + key;
    List<Candidate> found = viable.get(cacheKey);
    if (found == null) {
      found = compute(project, requirements);
      viable.put(cacheKey, found);
    }
    return found;
  }

  private List<Candidate> compute(ProjectName project, List<Requirement> requirements)
      throws ResolutionException {
    Set<String> urls = new TreeSet<>();
    requirements.forEach(r -> r.url().ifPresent(urls::add));
    if (urls.size() > 1) {
      return List.of();
    }
    SpecifierSet combined = combine(requirements);
    if (urls.size() == 1) {
      Requirement byUrl = requirements.stream().filter(r -> r.url().isPresent()).findFirst().get();
      Candidate c = direct(byUrl);
      return combined.contains(c.version(), true) ? List.of(c) : List.of();
    }
    List<Candidate> all = all(project);
    List<Version> versions = all.stream().map(Candidate::version).toList();
    Set<Version> allowed =
        new HashSet<>(combined.filter(versions, request.pre() ? Boolean.TRUE : null));
    List<Candidate> applicable = all.stream().filter(c -> allowed.contains(c.version())).toList();
    boolean allYanked = applicable.stream().allMatch(Candidate::yanked);
    boolean pinned = isPinned(combined);
    List<Candidate> out = new ArrayList<>();
    for (Candidate c : applicable) {
      if (!c.yanked() || allYanked && pinned) {
        out.add(c);
      }
    }
    Version preferred = request.preferences().get(project);
    if (preferred != null) {
      Optional<Candidate> first =
          out.stream().filter(c -> c.version().equals(preferred)).findFirst();
      first.ifPresent(
          c -> {
            out.remove(c);
            out.add(0, c);
          });
    }
    return List.copyOf(out);
  }

  /** Whether {@code pin} meets {@code requirement}, pre-releases admitted (pip's check). */
  boolean satisfies(Candidate pin, Requirement requirement) {
    if (requirement.url().isPresent()) {
      Candidate byUrl = direct.get(requirement.url().get());
      return pin == byUrl || pin.directUrl().map(Object::toString).equals(requirement.url());
    }
    return requirement.specifier().contains(pin.version(), true);
  }

  static SpecifierSet combine(List<Requirement> requirements) {
    List<String> parts = new ArrayList<>();
    for (Requirement r : requirements) {
      r.specifier().specifiers().forEach(s -> parts.add(s.toString()));
    }
    return SpecifierSet.parse(String.join(",", parts));
  }

  /** pip's {@code is_pinned}: an {@code ===}, or an {@code ==} without wildcard. */
  static boolean isPinned(SpecifierSet specifiers) {
    for (Specifier s : specifiers.specifiers()) {
      if (s.operator().equals("===") || s.operator().equals("==") && !s.version().endsWith(".*")) {
        return true;
      }
    }
    return false;
  }

  /** Whether the target's Python meets {@code requiresPython}; an unreadable one is no limit. */
  boolean pythonFits(Optional<String> requiresPython) {
    if (requiresPython.isEmpty()) {
      return true;
    }
    try {
      Version python = Version.parse(target.environment().pythonFullVersion());
      return SpecifierSet.parse(requiresPython.get()).contains(python, true);
    } catch (IllegalArgumentException e) { // InvalidSpecifierException, InvalidVersionException
      return true;
    }
  }
}
