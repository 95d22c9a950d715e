package dev.mkwheels.resolver;

import dev.mkwheels.python.name.ProjectName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a search stands on one branch: the pins made, the requirements they put in force, and the
 * extras whose requirements were added. Each step works on a copy, so going back is dropping it.
 * Insertion-ordered maps keep every walk over it deterministic.
 */
final class SearchState {
  final Map<ProjectName, Candidate> pins;
  final Map<ProjectName, List<Edge>> edges;
  final Map<ProjectName, Set<String>> expandedExtras;
  final Map<ProjectName, Double> depths;

  SearchState() {
    this(new LinkedHashMap<>(), new LinkedHashMap<>(), new HashMap<>(), new HashMap<>());
  }

  private SearchState(
      Map<ProjectName, Candidate> pins,
      Map<ProjectName, List<Edge>> edges,
      Map<ProjectName, Set<String>> expandedExtras,
      Map<ProjectName, Double> depths) {
    this.pins = pins;
    this.edges = edges;
    this.expandedExtras = expandedExtras;
    this.depths = depths;
  }

  SearchState copy() {
    Map<ProjectName, List<Edge>> e = new LinkedHashMap<>();
    edges.forEach((k, v) -> e.put(k, new ArrayList<>(v)));
    Map<ProjectName, Set<String>> x = new HashMap<>();
    expandedExtras.forEach((k, v) -> x.put(k, new LinkedHashSet<>(v)));
    return new SearchState(new LinkedHashMap<>(pins), e, x, new HashMap<>(depths));
  }

  List<Edge> edges(ProjectName project) {
    return edges.getOrDefault(project, List.of());
  }

  void add(Edge edge) {
    edges.computeIfAbsent(edge.project(), k -> new ArrayList<>()).add(edge);
  }

  /** The extras asked of {@code project} by the requirements in force, normalized, in order. */
  Set<String> requestedExtras(ProjectName project) {
    Set<String> extras = new LinkedHashSet<>();
    for (Edge e : edges(project)) {
      e.requirement().extras().forEach(x -> extras.add(Extras.normalize(x)));
    }
    return extras;
  }

  /** The pinned projects that asked {@code project} for {@code extra}. */
  Set<ProjectName> askedFor(ProjectName project, String extra) {
    Set<ProjectName> who = new LinkedHashSet<>();
    for (Edge e : edges(project)) {
      if (e.requirement().extras().stream().anyMatch(x -> Extras.normalize(x).equals(extra))) {
        e.parent().ifPresent(p -> who.add(p.name()));
        who.addAll(e.because());
      }
    }
    return who;
  }
}
