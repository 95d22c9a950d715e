package dev.mkwheels.resolver;

import dev.mkwheels.python.index.IndexFile;
import dev.mkwheels.python.index.Redaction;
import dev.mkwheels.python.marker.InvalidMarkerException;
import dev.mkwheels.python.marker.Marker;
import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.requirement.Requirement;
import dev.mkwheels.python.version.Version;
import dev.mkwheels.resolver.CandidateProvider.Dependencies;
import dev.mkwheels.resolver.Conflicts.Conflict;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One resolution for one target: a depth-first search over pins, newest allowed version first, that
 * jumps back over the pins a conflict does not involve (conflict-directed backjumping). The next
 * project to pin is chosen as pip 23's {@code PipProvider.get_preference} does: direct references
 * first, then {@code ==} pins, then the nearest to the root, then in the order the root asked, then
 * those with a specifier, then by name (pip's "backtrack causes first" is not modelled). A pin that
 * conflicts with a project already pinned is a conflict, not a re-pin: the search goes back to that
 * project instead. When the search fails, the last conflict met is the one reported: the one the
 * oldest choices still hit. Not thread-safe: one per resolution.
 */
final class Search {
  private final ResolveRequest request;
  private final Target target;
  private final int maxRounds;
  private final Map<ProjectName, List<Requirement>> constraints = new HashMap<>();
  private final Map<ProjectName, Integer> requestedOrder = new HashMap<>();
  private final Choices choices;
  private final Conflicts conflicts;
  private int rounds;
  private Conflict lastConflict;
  private SearchState solution;

  Search(CandidateProvider provider, ResolveRequest request, Target target, int maxRounds) {
    this.request = request;
    this.target = target;
    this.maxRounds = maxRounds;
    this.choices = new Choices(provider, request, target, constraints);
    this.conflicts = new Conflicts(choices, target);
  }

  /**
   * Resolves the request.
   *
   * @throws ResolutionException its message one line, without the target's name
   */
  ResolutionReport run() throws ResolutionException {
    SearchState start = new SearchState();
    for (Requirement c : request.constraints()) {
      if (!c.extras().isEmpty() || c.url().isPresent()) {
        throw new ResolutionException(
            "constraint '"
                + Redaction.mask(c.toString())
                + "' is refused: a constraint names"
                + " only a project and versions, without extras or a URL");
      }
      if (applies(c, "", "constraint")) {
        constraints.computeIfAbsent(c.projectName(), k -> new ArrayList<>()).add(c);
      }
    }
    for (Requirement r : request.roots()) {
      if (applies(r, "", "root")) {
        requestedOrder.putIfAbsent(r.projectName(), requestedOrder.size());
        start.add(Edge.root(r));
      }
    }
    for (ProjectName root : requestedOrder.keySet()) {
      choices.prefetch(root, start.edges(root));
    }
    solve(start);
    if (solution == null) {
      throw new ResolutionException(lastConflict.message());
    }
    return report(solution);
  }

  /** Null when a solution is found, else the projects whose pins caused the failure. */
  private Set<ProjectName> solve(SearchState state) throws ResolutionException {
    Choice next = choose(state);
    if (next == null) {
      solution = state;
      return null;
    }
    ProjectName project = next.project();
    List<Edge> edges = state.edges(project);
    Set<ProjectName> blame = new LinkedHashSet<>(Conflicts.culprits(edges));
    List<Candidate> viable = choices.viable(project, edges);
    if (viable.isEmpty()) {
      lastConflict = conflicts.noneFits(state, project, edges);
      return blame;
    }
    for (Candidate candidate : viable) {
      if (++rounds > maxRounds) {
        throw new ResolutionException(
            "gave up after "
                + maxRounds
                + " rounds of backtracking"
                + (lastConflict == null ? "" : "; the last conflict: " + lastConflict.message()));
      }
      if (Thread.currentThread().isInterrupted()) {
        throw new ResolutionException("interrupted");
      }
      Object outcome = pin(state, project, candidate, next.depth());
      Set<ProjectName> failed;
      if (outcome instanceof Conflict conflict) {
        lastConflict = conflict;
        failed = conflict.culprits();
      } else {
        failed = solve((SearchState) outcome);
        if (failed == null) {
          return null;
        }
        if (!failed.contains(project)) {
          return failed; // this pin had no part in it: jump back past it
        }
      }
      failed.stream().filter(p -> !p.equals(project)).forEach(blame::add);
    }
    return blame;
  }

  /** The state with {@code project} pinned to {@code candidate}, or the conflict it makes. */
  private Object pin(SearchState state, ProjectName project, Candidate candidate, double depth)
      throws ResolutionException {
    Dependencies own = choices.dependencies(candidate);
    if (!choices.pythonFits(own.requiresPython())) {
      return new Conflict(
          candidate.name()
              + " "
              + candidate.version()
              + " requires Python "
              + own.requiresPython().get()
              + ", but "
              + target.name()
              + " has Python "
              + target.environment().pythonFullVersion(),
          Set.of());
    }
    SearchState next = state.copy();
    next.pins.put(project, candidate);
    next.depths.put(project, depth);
    Set<ProjectName> touched = new LinkedHashSet<>();
    Deque<ProjectName> expand = new ArrayDeque<>(List.of(project));
    while (!expand.isEmpty()) {
      ProjectName q = expand.poll();
      Candidate pinned = next.pins.get(q);
      Dependencies dependencies = choices.dependencies(pinned);
      Set<String> done = next.expandedExtras.computeIfAbsent(q, k -> new LinkedHashSet<>());
      List<String> extras = new ArrayList<>();
      for (String extra : concat("", next.requestedExtras(q))) {
        if (done.add(extra) && (extra.isEmpty() || provides(dependencies, extra))) {
          extras.add(extra);
        }
      }
      for (String extra : extras) {
        Set<ProjectName> because = new LinkedHashSet<>(List.of(q));
        if (!extra.isEmpty()) {
          because.addAll(next.askedFor(q, extra));
        }
        for (Requirement r : dependencies.requiresDist()) {
          if (!applies(r, extra, pinned.name() + " " + pinned.version())
              || !extra.isEmpty() && r.marker().isEmpty()
              || has(next, r, pinned)) {
            continue;
          }
          Edge edge = new Edge(r, Optional.of(pinned), false, because);
          next.add(edge);
          Candidate there = next.pins.get(edge.project());
          if (there == null) {
            touched.add(edge.project());
          } else if (!choices.satisfies(there, r)) {
            return conflicts.pinBroken(next, edge, there);
          } else if (!next.expandedExtras
              .get(edge.project())
              .containsAll(next.requestedExtras(edge.project()))) {
            expand.add(edge.project());
          }
        }
      }
    }
    for (ProjectName t : touched) {
      if (!next.pins.containsKey(t)) {
        choices.prefetch(t, next.edges(t));
      }
    }
    for (ProjectName t : touched) {
      if (!next.pins.containsKey(t) && choices.viable(t, next.edges(t)).isEmpty()) {
        return conflicts.noneFits(next, t, next.edges(t));
      }
    }
    return next;
  }

  private static List<String> concat(String first, Set<String> rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(rest);
    return all;
  }

  private static boolean has(SearchState state, Requirement r, Candidate parent) {
    return state.edges(r.projectName()).stream()
        .anyMatch(e -> e.parent().orElse(null) == parent && e.requirement().equals(r));
  }

  private static boolean provides(Dependencies dependencies, String extra) {
    return dependencies.providesExtra().stream().anyMatch(x -> Extras.normalize(x).equals(extra));
  }

  private boolean applies(Requirement r, String extra, String source) throws ResolutionException {
    Optional<Marker> marker = r.marker();
    try {
      return marker.isEmpty() || marker.get().evaluate(target.environment(), extra);
    } catch (InvalidMarkerException e) {
      throw new ResolutionException(
          source + " requires " + Redaction.mask(r.toString()) + ": " + e.getMessage(), e);
    }
  }

  /** The next project to pin, by pip's preference; null when every project is pinned. */
  private Choice choose(SearchState state) {
    Choice best = null;
    for (Map.Entry<ProjectName, List<Edge>> entry : state.edges.entrySet()) {
      ProjectName p = entry.getKey();
      if (state.pins.containsKey(p)) {
        continue;
      }
      Choice c = Choice.of(p, entry.getValue(), requestedOrder.get(p), state.depths);
      if (best == null || Choice.ORDER.compare(c, best) < 0) {
        best = c;
      }
    }
    return best;
  }

  private ResolutionReport report(SearchState state) throws ResolutionException {
    List<Pin> pins = new ArrayList<>();
    Set<String> notes = new TreeSet<>();
    for (Map.Entry<ProjectName, Candidate> e : state.pins.entrySet()) {
      Candidate c = e.getValue();
      IndexFile file = file(c);
      Set<String> extras = state.requestedExtras(e.getKey());
      Dependencies dependencies = choices.dependencies(c);
      for (String extra : extras) {
        if (!provides(dependencies, extra)) {
          notes.add(c.name() + " " + c.version() + " does not provide the extra '" + extra + "'");
        }
      }
      List<ProjectName> requiredBy = new ArrayList<>();
      state
          .edges(e.getKey())
          .forEach(edge -> edge.parent().ifPresent(p -> requiredBy.add(p.name())));
      requiredBy.removeIf(e.getKey()::equals);
      pins.add(new Pin(c, file, extras, requiredBy));
    }
    List<ProjectName> dropped = new ArrayList<>();
    for (Map.Entry<ProjectName, Version> p : request.preferences().entrySet()) {
      Candidate chosen = state.pins.get(p.getKey());
      if (chosen != null && !chosen.version().equals(p.getValue())) {
        dropped.add(p.getKey());
        notes.add(
            "the pin "
                + p.getKey()
                + "=="
                + p.getValue()
                + " no longer fits: "
                + p.getKey()
                + " "
                + chosen.version()
                + " is chosen");
      }
    }
    dropped.sort(Comparator.comparing(ProjectName::normalized));
    return new ResolutionReport(new Resolution(target, pins), dropped, List.copyOf(notes), rounds);
  }

  /**
   * The file a pin installs: the candidate's most preferred; for a direct reference that lists none
   * (a git URL, a local tree), its URL.
   */
  private IndexFile file(Candidate c) throws ResolutionException {
    Optional<IndexFile> preferred = c.preferredFile();
    if (preferred.isPresent()) {
      return preferred.get();
    }
    if (c.directUrl().isEmpty()) {
      throw new ResolutionException(
          c.name() + " " + c.version() + " has no file for " + target.name());
    }
    URI url = c.directUrl().get();
    String path = url.getPath() == null ? "" : url.getPath().replaceAll("/+$", "");
    String name = path.substring(path.lastIndexOf('/') + 1);
    return IndexFile.of(name.isEmpty() ? c.name().normalized() : name, url);
  }

  /** A project that needs a pin, with what pip's preference weighs. */
  private record Choice(
      ProjectName project, boolean direct, boolean pinned, double depth, int order, boolean free) {
    static final Comparator<Choice> ORDER =
        Comparator.comparing((Choice c) -> !c.direct())
            .thenComparing(c -> !c.pinned())
            .thenComparingDouble(Choice::depth)
            .thenComparingInt(Choice::order)
            .thenComparing(Choice::free)
            .thenComparing(c -> c.project().normalized());

    static Choice of(
        ProjectName p, List<Edge> edges, Integer requested, Map<ProjectName, Double> depths) {
      boolean direct = edges.stream().anyMatch(e -> e.requirement().url().isPresent());
      boolean pinned =
          edges.stream()
              .flatMap(e -> e.requirement().specifier().specifiers().stream())
              .anyMatch(s -> s.operator().startsWith("=="));
      boolean free = edges.stream().allMatch(e -> e.requirement().specifier().isEmpty());
      double depth = Double.POSITIVE_INFINITY;
      if (requested != null) {
        depth = 1.0;
      } else {
        for (Edge e : edges) {
          double parent =
              e.parent()
                  .map(c -> depths.getOrDefault(c.name(), Double.POSITIVE_INFINITY))
                  .orElse(0.0);
          depth = Math.min(depth, parent + 1.0);
        }
      }
      return new Choice(
          p, direct, pinned, depth, requested == null ? Integer.MAX_VALUE : requested, free);
    }
  }
}
