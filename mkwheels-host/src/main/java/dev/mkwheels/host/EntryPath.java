package dev.mkwheels.host;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A tar entry's name as checked path segments: relative, no {@code ..}, no empty or {@code .}
 * segments. Whatever an archive says, an {@code EntryPath} stays under the directory it is resolved
 * against.
 */
record EntryPath(List<String> segments) {

  EntryPath {
    segments = List.copyOf(segments);
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("an entry path has at least one segment");
    }
  }

  /**
   * The path a tar entry's name stands for, or empty when it is unsafe: absolute, with a {@code ..}
   * segment or a NUL, or naming nothing but the root.
   */
  static Optional<EntryPath> parse(String name) {
    if (name.isEmpty() || name.startsWith("/") || name.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    List<String> segments = new ArrayList<>();
    for (String segment : name.split("/")) {
      if (segment.equals("..")) {
        return Optional.empty();
      }
      if (!segment.isEmpty() && !segment.equals(".")) {
        segments.add(segment);
      }
    }
    return segments.isEmpty() ? Optional.empty() : Optional.of(new EntryPath(segments));
  }

  /**
   * Where a symbolic link at this path, with {@code target} as its text, points; empty when that is
   * outside this path's top-level directory or cannot be told without following links.
   *
   * <p>Only leading {@code ..} segments are accepted ({@code ../../docs/a.md}): they walk up
   * through real directories, since no entry may lie beneath a link. A {@code ..} after a name
   * ({@code lib/../..}) is refused, because {@code lib} may itself be a link and the lexical answer
   * would then be wrong.
   */
  Optional<EntryPath> resolveLink(String target) {
    if (target.isEmpty() || target.startsWith("/") || target.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    List<String> resolved = new ArrayList<>(segments.subList(0, segments.size() - 1));
    boolean named = false;
    for (String segment : target.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        // Climbing to the top-level directory's parent leaves the tree.
        if (named || resolved.size() <= 1) {
          return Optional.empty();
        }
        resolved.remove(resolved.size() - 1);
      } else {
        named = true;
        resolved.add(segment);
      }
    }
    if (resolved.isEmpty() || !resolved.get(0).equals(top())) {
      return Optional.empty();
    }
    return Optional.of(new EntryPath(resolved));
  }

  /** This path beneath a directory {@code top}. */
  EntryPath under(String top) {
    List<String> longer = new ArrayList<>();
    longer.add(top);
    longer.addAll(segments);
    return new EntryPath(longer);
  }

  /** The first segment: the archive's top-level directory. */
  String top() {
    return segments.get(0);
  }

  /** Whether this is the top-level directory itself. */
  boolean isTop() {
    return segments.size() == 1;
  }

  /** Every proper prefix, shortest first, as text ({@code a}, {@code a/b} for {@code a/b/c}). */
  List<String> ancestors() {
    List<String> out = new ArrayList<>();
    for (int i = 1; i < segments.size(); i++) {
      out.add(String.join("/", segments.subList(0, i)));
    }
    return out;
  }

  Path under(Path root) {
    Path path = root;
    for (String segment : segments) {
      path = path.resolve(segment);
    }
    return path;
  }

  @Override
  public String toString() {
    return String.join("/", segments);
  }
}
