package dev.mkwheels.ci;

/** Which resolver {@code mkwheels lock} runs ({@code --resolver}). */
public enum LockResolver {
  /**
   * mkwheels' own resolver: any target ({@code --target}, {@code --python-version}) with no
   * interpreter of it needed when no build is, and an existing lock's pins kept one by one.
   */
  NATIVE,
  /** The interpreter's pip ({@code pip install --dry-run --report}): the host target only. */
  PIP
}
