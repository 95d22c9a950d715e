package dev.mkwheels.source.pypi;

import dev.mkwheels.api.Epoch;
import dev.mkwheels.api.InstallTarget;
import dev.mkwheels.api.InvalidOptionException;
import dev.mkwheels.api.OptionSpec;
import dev.mkwheels.api.ProviderOptions;
import dev.mkwheels.api.ResolvedSource;
import dev.mkwheels.api.SourceContext;
import dev.mkwheels.api.SourceException;
import dev.mkwheels.api.SourceProvider;
import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.version.Version;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --pypi --name PKG --ver VER [--extras E,...]}: a release on a package index. The resolver
 * resolves {@code PKG==VER} (or {@code PKG[E,...]==VER}); the epoch comes from the index's upload
 * times unless the user fixed it.
 */
public final class PypiSourceProvider implements SourceProvider {
  @Override
  public String id() {
    return "pypi";
  }

  @Override
  public String description() {
    return "A release on a package index (PyPI or any PEP 503/691 index).";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(
        OptionSpec.required("name", "PKG", "Project name on the index."),
        OptionSpec.required("ver", "VER", "Version to vendor; one leading 'v' is stripped."),
        OptionSpec.optional(
            "extras",
            "EXTRA[,EXTRA...]",
            "Extras of the release, as in PKG[EXTRA]: their dependencies join the tree."),
        OptionSpec.withDefault(
            "pypi-url",
            "URL",
            "PyPI-style JSON API, asked for the release's upload time (the epoch).",
            "https://pypi.org/pypi"));
  }

  @Override
  public ResolvedSource resolve(ProviderOptions options, SourceContext context)
      throws SourceException {
    String name = options.require("name");
    if (!ProjectName.isValid(name)) {
      throw new InvalidOptionException(
          "--name '" + name + "' is not a valid project name (PEP 508)");
    }
    String version = normalizeVersion(options.require("ver"));
    List<String> extras = extras(options.get("extras").orElse(null));
    if (context.fixedEpoch().isEmpty()) {
      context.console().progress("finding the epoch of " + name + " " + version);
    }
    Epoch epoch = new ReleaseEpoch(context).derive(name, version, options.require("pypi-url"));
    String requested = extras.isEmpty() ? name : name + "[" + String.join(",", extras) + "]";
    ResolvedSource.Builder source =
        ResolvedSource.builder(
            name, version, epoch, new InstallTarget.Requirement(requested + "==" + version));
    if (!extras.isEmpty()) {
      source.note("extras: " + String.join(", ", extras) + " (resolved as " + requested + ")");
    }
    return source.build();
  }

  /**
   * {@code --extras}: comma-separated names, each as a project name is written (PEP 508), kept as
   * given (pip compares them as it does), without repeats, sorted; empty when not given.
   */
  static List<String> extras(String given) throws InvalidOptionException {
    if (given == null) {
      return List.of();
    }
    Set<String> extras = new TreeSet<>();
    for (String extra : given.split(",", -1)) {
      String name = extra.strip();
      if (!ProjectName.isValid(name)) {
        throw new InvalidOptionException(
            "--extras '"
                + given
                + "': "
                + (name.isEmpty() ? "an empty name" : "'" + name + "' is not a valid extra name")
                + " (PEP 508; separate several with commas)");
      }
      extras.add(name);
    }
    return List.copyOf(extras);
  }

  /**
   * One leading {@code v} stripped, then PEP 440 normalized: {@code v1.0-RC1} gives {@code 1.0rc1}.
   */
  static String normalizeVersion(String given) throws InvalidOptionException {
    String v = given.strip();
    if (v.startsWith("v") || v.startsWith("V")) {
      v = v.substring(1);
    }
    if (v.isEmpty()) {
      throw new InvalidOptionException("--ver '" + given + "' is empty");
    }
    if (v.startsWith("v") || v.startsWith("V")) {
      // PEP 440 would take one more 'v'; the README promises that one is stripped, not two.
      throw new InvalidOptionException(
          "--ver '"
              + given.strip()
              + "' starts with more than one 'v': give the version, with at most one leading 'v'");
    }
    if (!Version.isValid(v)) {
      throw new InvalidOptionException("--ver '" + given + "' is not a valid version (PEP 440)");
    }
    return Version.parse(v).toString();
  }
}
