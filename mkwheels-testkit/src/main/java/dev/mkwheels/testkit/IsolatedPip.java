package dev.mkwheels.testkit;

import java.util.Map;
import java.util.TreeMap;

/**
 * The environment a test runs pip in: the process's own, with every {@code PIP_*} variable removed
 * and pip's configuration files switched off, so that only the test's own {@code --index-url}
 * counts. (This machine, like many CI images, sets {@code PIP_FIND_LINKS} and a global pip.conf.)
 */
public final class IsolatedPip {
  private IsolatedPip() {}

  /** A sorted copy of the process environment, isolated from pip's configuration. */
  public static Map<String, String> environment() {
    TreeMap<String, String> env = new TreeMap<>(System.getenv());
    env.keySet().removeIf(name -> name.startsWith("PIP_"));
    env.put("PIP_CONFIG_FILE", "/dev/null");
    env.put("PIP_DISABLE_PIP_VERSION_CHECK", "1");
    env.put("PIP_NO_INPUT", "1");
    // Tests serve fresh files on fresh ports: a cache would only hide what the test serves.
    env.put("PIP_NO_CACHE_DIR", "1");
    env.remove("SOURCE_DATE_EPOCH");
    return env;
  }
}
