package dev.mkwheels.resolver;

import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.version.Version;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The one-line explanations of why a project has no candidate left: the smallest set of
 * requirements that cannot be met together, and the chain from the root to them.
 */
final class Conflicts {
  /** How many versions a message lists before it only says how many there are. */
  private static final int LISTED = 10;

  private final Choices choices;
  private final Target target;

  Conflicts(Choices choices, Target target) {
    this.choices = Objects.requireNonNull(choices, "choices is null");
    this.target = Objects.requireNonNull(target, "target is null");
  }

  /**
   * A conflict: why it happened, and the pinned projects whose choices caused it (what the search
   * must change to get past it).
   */
  record Conflict(String message, Set<ProjectName> culprits) {
    Conflict {
      Objects.requireNonNull(message, "message is null");
      culprits = Set.copyOf(culprits);
    }
  }

  /** Why {@code project} has no candidate under {@code edges}, blaming every edge's cause. */
  Conflict noneFits(SearchState state, ProjectName project, List<Edge> edges)
      throws ResolutionException {
    return new Conflict(explain(state, project, edges), culprits(edges));
  }

  /** Why a new {@code edge} cannot be met by the version already chosen for its project. */
  Conflict pinBroken(SearchState state, Edge edge, Candidate pin) throws ResolutionException {
    List<Edge> edges = state.edges(pin.name());
    Set<ProjectName> culprits = new LinkedHashSet<>(culprits(edges));
    culprits.add(pin.name());
    String message;
    if (choices.viable(pin.name(), edges).isEmpty()) {
      message = explain(state, pin.name(), edges);
    } else {
      List<Edge> others = edges.stream().filter(e -> e != edge).toList();
      message =
          edge.source()
              + " requires "
              + edge.what()
              + ", but "
              + pin.name()
              + " "
              + pin.version()
              + " is chosen"
              + (others.isEmpty() ? "" : " for " + others.get(0).source())
              + chain(state, List.of(edge), "; ");
    }
    return new Conflict(message, culprits);
  }

  static Set<ProjectName> culprits(List<Edge> edges) {
    Set<ProjectName> culprits = new LinkedHashSet<>();
    for (Edge e : edges) {
      e.parent().ifPresent(p -> culprits.add(p.name()));
      culprits.addAll(e.because());
    }
    return culprits;
  }

  private String explain(SearchState state, ProjectName project, List<Edge> edges)
      throws ResolutionException {
    List<Edge> all = new ArrayList<>(edges);
    choices.requirements(project, List.of()).forEach(c -> all.add(Edge.constraint(c)));
    for (Edge e : all) {
      if (choices.viable(project, List.of(e), false).isEmpty()) {
        return "no version of "
            + project
            + " fits "
            + e.what()
            + " (required by "
            + e.source()
            + "); "
            + versions(project)
            + chain(state, List.of(e), "; ");
      }
    }
    // the newest requirement first: it is the one that broke a set that fitted until then
    for (int j = all.size() - 1; j > 0; j--) {
      for (int i = 0; i < j; i++) {
        Edge a = all.get(i);
        Edge b = all.get(j);
        if (choices.viable(project, List.of(a, b), false).isEmpty()) {
          return a.source()
              + " requires "
              + a.what()
              + ", but "
              + b.source()
              + " requires "
              + b.what()
              + chain(state, List.of(a, b), " ");
        }
      }
    }
    Set<String> sources = new LinkedHashSet<>();
    all.forEach(e -> sources.add(e.source()));
    return "no version of "
        + project
        + " fits "
        + project
        + Choices.combine(all.stream().map(Edge::requirement).toList())
        + " (required by "
        + String.join(", ", sources)
        + "); "
        + versions(project)
        + chain(state, all, "; ");
  }

  private String versions(ProjectName project) throws ResolutionException {
    List<Candidate> all = new ArrayList<>(choices.all(project));
    if (all.isEmpty()) {
      return "there is none for "
          + target.name()
          + choices.whyNone(project).map(why -> ": " + why).orElse("");
    }
    all.sort((a, b) -> a.version().compareTo(b.version()));
    if (all.size() > LISTED) {
      Version oldest = all.get(0).version();
      Version newest = all.get(all.size() - 1).version();
      return "there are " + all.size() + " versions, " + oldest + " to " + newest;
    }
    List<String> listed = new ArrayList<>();
    for (Candidate c : all) {
      listed.add(c.version() + (c.yanked() ? " (yanked)" : ""));
    }
    return "there are " + String.join(", ", listed);
  }

  /**
   * How the root came to require what {@code edges} come from: {@code (root requires app, tool)},
   * {@code (root requires web; web 2.0 requires app)}; empty when they come from the root itself.
   * With another separator than a space, a tail such as {@code ; root requires web; web 2.0
   * requires app}, empty when it would only name the root's requirements.
   */
  static String chain(SearchState state, List<Edge> edges, String separator) {
    Set<String> roots = new LinkedHashSet<>();
    List<String> links = new ArrayList<>();
    Deque<ProjectName> queue = new ArrayDeque<>();
    edges.forEach(e -> e.parent().ifPresent(p -> queue.add(p.name())));
    Set<ProjectName> seen = new HashSet<>();
    while (!queue.isEmpty()) {
      ProjectName p = queue.poll();
      if (!seen.add(p)) {
        continue;
      }
      List<Edge> in = state.edges(p);
      Edge up =
          in.stream()
              .filter(e -> e.parent().isEmpty())
              .findFirst()
              .orElse(in.isEmpty() ? null : in.get(0));
      if (up == null) {
        continue;
      }
      if (up.parent().isEmpty()) {
        roots.add(p.toString());
      } else {
        links.add(0, up.source() + " requires " + p);
        queue.add(up.parent().get().name());
      }
    }
    if (roots.isEmpty() && links.isEmpty() || links.isEmpty() && !separator.equals(" ")) {
      return ""; // after "required by app 1.0", "root requires app" says nothing new
    }
    List<String> parts = new ArrayList<>();
    if (!roots.isEmpty()) {
      parts.add("root requires " + String.join(", ", roots));
    }
    parts.addAll(links);
    String text = String.join("; ", parts);
    return separator.equals(" ") ? " (" + text + ")" : separator + text;
  }
}
