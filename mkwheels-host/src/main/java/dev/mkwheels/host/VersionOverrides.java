package dev.mkwheels.host;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment that tells a version plugin the version of a tree with no {@code .git}: a tag
 * archive has none, so setuptools-scm, hatch-vcs, poetry-dynamic-versioning and pdm-backend's scm
 * source would otherwise fail or report {@code 0.0.0}.
 *
 * <p>The variables reach every build pip runs while resolving, the git dependencies' and any
 * sdist's too. So when the project's name is known, only the variables scoped to that name are set;
 * a global one would give a dependency built with the same plugin this project's version. The
 * global variables are the fallback for a name that cannot be read, and for plugins that know no
 * scoped variable (hatch-vcs, pdm-backend).
 */
final class VersionOverrides {
  private VersionOverrides() {}

  static Map<String, String> of(String version, ProjectFiles project) {
    Map<String, String> env = new TreeMap<>();
    String build = project.buildSystem().toLowerCase(Locale.ROOT);
    if (project.name().isPresent()) {
      String name = project.name().get();
      env.put("SETUPTOOLS_SCM_PRETEND_VERSION_FOR_" + scmSuffix(name), version);
      // poetry-dynamic-versioning (0.23+) matches the name as the project writes it.
      env.put("POETRY_DYNAMIC_VERSIONING_OVERRIDE", name + "=" + version);
      // hatch-vcs calls setuptools-scm without the distribution name, so it reads only the
      // global variable.
      if (build.contains("hatch-vcs") || build.contains("hatch_vcs")) {
        env.put("SETUPTOOLS_SCM_PRETEND_VERSION", version);
      }
    } else {
      env.put("SETUPTOOLS_SCM_PRETEND_VERSION", version);
      env.put("POETRY_DYNAMIC_VERSIONING_BYPASS", version);
    }
    if (build.contains("pdm-backend") || build.contains("pdm.backend")) {
      env.put("PDM_BUILD_SCM_VERSION", version);
    }
    return env;
  }

  /**
   * setuptools-scm's spelling: the PEP 503 name, '-' as '_', upper case ({@code my.pkg} gives
   * MY_PKG).
   */
  static String scmSuffix(String name) {
    return name.replaceAll("[-_.]+", "-").replace('-', '_').toUpperCase(Locale.ROOT);
  }
}
