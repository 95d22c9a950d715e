package dev.mkwheels.api;

import java.nio.file.Path;
import java.util.Objects;

/** What pip must resolve to fill the wheels directory. */
public sealed interface InstallTarget {

  /**
   * A PEP 508 requirement resolved against the package indexes, for example {@code
   * requests==2.32.3}.
   */
  record Requirement(String spec) implements InstallTarget {
    public Requirement {
      Objects.requireNonNull(spec, "spec is null");
    }
  }

  /**
   * An unpacked source tree with a {@code pyproject.toml} or {@code setup.py}. pip resolves its
   * dependencies; the project itself is not vendored, but its build requirements are, so that it
   * builds offline from its source.
   *
   * @param directory the project root, inside the context's work directory
   */
  record SourceTree(Path directory) implements InstallTarget {
    public SourceTree {
      Objects.requireNonNull(directory, "directory is null");
    }
  }
}
