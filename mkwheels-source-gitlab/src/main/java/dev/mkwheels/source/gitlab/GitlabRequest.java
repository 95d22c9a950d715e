package dev.mkwheels.source.gitlab;

import dev.mkwheels.api.ForgeUrls;
import dev.mkwheels.api.InvalidOptionException;
import dev.mkwheels.api.ProviderOptions;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code --gitlab} options, validated before anything touches the network.
 *
 * @param project the project's full path, {@code GROUP[/SUBGROUP...]/NAME}
 * @param name the name in the artifact's file name
 * @param version the version, without a leading {@code v}
 * @param tag the tag asked for first ({@code v<tag>} is tried next)
 * @param url the GitLab instance, no trailing slash
 */
record GitlabRequest(String project, String name, String version, String tag, URI url) {

  /** GitLab's path rules, in short: letters, digits, '_', '.', '-', not starting with '-'. */
  private static final Pattern PROJECT =
      Pattern.compile("[A-Za-z0-9_.][A-Za-z0-9_.-]{0,254}(/[A-Za-z0-9_.][A-Za-z0-9_.-]{0,254})+");

  private static final Pattern NAME =
      Pattern.compile("[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]");
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+!-]*");
  private static final Pattern TAG = Pattern.compile("[^\\x00-\\x20\\x7f~^:?*\\[\\\\]+");

  static GitlabRequest parse(ProviderOptions options) throws InvalidOptionException {
    String project = options.require("project").strip();
    if (!PROJECT.matcher(project).matches()
        || project.matches("(.*/)?\\.{1,2}(/.*)?|.*\\.(git|atom)")) {
      throw new InvalidOptionException(
          "--project '"
              + project
              + "' is not GROUP[/SUBGROUP...]/NAME (for example gitlab-org/cli)");
    }
    String given = options.require("ver").strip();
    String version = given.startsWith("v") || given.startsWith("V") ? given.substring(1) : given;
    if (!VERSION.matcher(version).matches() || version.matches("[vV].*")) {
      throw new InvalidOptionException(
          "--ver '" + given + "' is not a version: one leading 'v', then letters, digits, ._+!-");
    }
    String tag = options.get("tag").map(String::strip).orElse(version);
    tag = tag.startsWith("v") ? tag.substring(1) : tag;
    if (!TAG.matcher(tag).matches() || tag.matches("[/-].*|.*([/.]|\\.lock)|.*(\\.\\.|@\\{).*")) {
      throw new InvalidOptionException("--tag '" + tag + "' is not a valid git tag name");
    }
    String last = project.substring(project.lastIndexOf('/') + 1);
    String name = options.get("name").map(String::strip).orElse(last.toLowerCase(Locale.ROOT));
    if (!NAME.matcher(name).matches()) {
      throw new InvalidOptionException(
          options.get("name").isPresent()
              ? "--name '" + name + "' is not a valid project name (PEP 508)"
              : "the project name '" + last + "' is not a valid project name; pass --name");
    }
    return new GitlabRequest(
        project,
        name,
        version,
        tag,
        ForgeUrls.baseUrl(options.require("gitlab-url"), "--gitlab-url"));
  }

  /** {@code {url}/api/v4/projects/{url-encoded path}}. */
  String projectApi() {
    return url + "/api/v4/projects/" + ForgeUrls.encode(project);
  }
}
