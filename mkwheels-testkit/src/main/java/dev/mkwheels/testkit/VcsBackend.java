package dev.mkwheels.testkit;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * In-tree PEP 517 backends ({@code backend-path = ["."]}, nothing to install) whose version comes
 * from git, as version plugins do: what a git dependency may be, so tests can see how its archive
 * builds once {@code .git} is gone. Each writes a pure-Python wheel of the package named after the
 * project.
 */
public enum VcsBackend {
  /**
   * Like impacket's setup.py: {@code BASE+g<short sha>} when there is a {@code .git}, else {@code
   * BASE}.
   */
  LOCAL_COMMIT("local-commit"),
  /**
   * Like setuptools-scm: the latest tag ({@code v} stripped) when there is a {@code .git}, else
   * {@code PKG-INFO}'s {@code Version}; fails with neither.
   */
  TAG_OR_PKG_INFO("tag-or-pkg-info"),
  /**
   * Like a plugin that knows only git: {@code BASE} when there is a {@code .git}, else it fails.
   */
  GIT_ONLY("git-only");

  /** The module the backend is, next to pyproject.toml. */
  public static final String MODULE = "vcs_backend";

  private static final String SOURCE =
      """
      import base64, hashlib, os, subprocess, zipfile

      NAME = %s
      BASE = %s
      MODE = %s
      REQUIRES = [%s]

      def _git(*args):
          return subprocess.check_output(("git",) + args, stderr=subprocess.DEVNULL).decode().strip()

      def _version():
          if os.path.isdir(".git"):
              if MODE == "local-commit":
                  return BASE + "+g" + _git("rev-parse", "--short", "HEAD")
              if MODE == "tag-or-pkg-info":
                  return _git("describe", "--tags", "--abbrev=0").lstrip("v")
              return BASE
          if MODE == "local-commit":
              return BASE
          if MODE == "tag-or-pkg-info" and os.path.exists("PKG-INFO"):
              with open("PKG-INFO", encoding="utf-8") as f:
                  for line in f:
                      if line.startswith("Version: "):
                          return line[len("Version: "):].strip()
          raise RuntimeError(NAME + ": no .git to read the version from")

      def get_requires_for_build_wheel(config_settings=None):
          return []

      def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
          version = _version()
          package = NAME.replace("-", "_")
          info = "%%s-%%s.dist-info/" %% (package, version)
          files = {}
          for root, dirs, names in os.walk(package):
              dirs.sort()
              for name in sorted(names):
                  path = os.path.join(root, name).replace(os.sep, "/")
                  with open(path, "rb") as f:
                      files[path] = f.read()
          text = "Metadata-Version: 2.1\\nName: %%s\\nVersion: %%s\\n" %% (NAME, version)
          text += "".join("Requires-Dist: %%s\\n" %% r for r in REQUIRES)
          files[info + "METADATA"] = text.encode("utf-8")
          files[info + "WHEEL"] = b"Wheel-Version: 1.0\\nGenerator: vcs-backend\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n"
          record = ""
          for path in sorted(files):
              digest = base64.urlsafe_b64encode(hashlib.sha256(files[path]).digest()).rstrip(b"=").decode()
              record += "%%s,sha256=%%s,%%d\\n" %% (path, digest, len(files[path]))
          files[info + "RECORD"] = (record + info + "RECORD,,\\n").encode("utf-8")
          filename = "%%s-%%s-py3-none-any.whl" %% (package, version)
          with zipfile.ZipFile(os.path.join(wheel_directory, filename), "w") as archive:
              for path in sorted(files):
                  archive.writestr(zipfile.ZipInfo(path, (1980, 1, 2, 0, 0, 0)), files[path])
          return filename
      """;

  private final String mode;

  VcsBackend(String mode) {
    this.mode = mode;
  }

  /**
   * Writes the project into {@code repo} (not committed): pyproject.toml naming this backend, the
   * backend, and {@code NAME/__init__.py}.
   *
   * @param name a project name of lower-case letters, digits and hyphens
   * @param baseVersion what {@link #LOCAL_COMMIT} and {@link #GIT_ONLY} build from
   * @param dependencies Requires-Dist of the wheel
   */
  public GitRepo writeTo(GitRepo repo, String name, String baseVersion, List<String> dependencies) {
    String requires =
        dependencies.stream().map(VcsBackend::quote).collect(Collectors.joining(", "));
    repo.write(
        "pyproject.toml",
        "[build-system]\nrequires = []\nbuild-backend = \""
            + MODULE
            + "\"\n"
            + "backend-path = [\".\"]\n");
    repo.write(
        MODULE + ".py", SOURCE.formatted(quote(name), quote(baseVersion), quote(mode), requires));
    repo.write(
        name.replace('-', '_').toLowerCase(Locale.ROOT) + "/__init__.py",
        "NAME = " + quote(name) + "\n");
    return repo;
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
