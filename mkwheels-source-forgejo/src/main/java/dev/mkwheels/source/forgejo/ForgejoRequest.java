package dev.mkwheels.source.forgejo;

import dev.mkwheels.api.ForgeUrls;
import dev.mkwheels.api.InvalidOptionException;
import dev.mkwheels.api.ProviderOptions;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code --forgejo} options, validated before anything touches the network.
 *
 * @param owner the repository's owner (user or organization)
 * @param repo the repository's name
 * @param name the name in the artifact's file name
 * @param version the version, without a leading {@code v}
 * @param tag the tag asked for first ({@code v<tag>} is tried next)
 * @param url the Forgejo or Gitea instance, no trailing slash
 */
record ForgejoRequest(String owner, String repo, String name, String version, String tag, URI url) {

  /** Forgejo's user and repository names: letters, digits, '-', '_', '.'. */
  private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.][A-Za-z0-9_.-]{0,99}");

  private static final Pattern NAME =
      Pattern.compile("[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]");
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+!-]*");
  private static final Pattern TAG = Pattern.compile("[^\\x00-\\x20\\x7f~^:?*\\[\\\\]+");

  static ForgejoRequest parse(ProviderOptions options) throws InvalidOptionException {
    String ownerRepo = options.require("repo").strip();
    int slash = ownerRepo.indexOf('/');
    String owner = slash < 0 ? "" : ownerRepo.substring(0, slash);
    String repo = slash < 0 ? "" : ownerRepo.substring(slash + 1);
    if (!PART.matcher(owner).matches()
        || !PART.matcher(repo).matches()
        || owner.matches("\\.+")
        || repo.matches("\\.+")) {
      throw new InvalidOptionException(
          "--repo '" + ownerRepo + "' is not OWNER/REPO (for example forgejo/forgejo)");
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
    String name = options.get("name").map(String::strip).orElse(repo.toLowerCase(Locale.ROOT));
    if (!NAME.matcher(name).matches()) {
      throw new InvalidOptionException(
          options.get("name").isPresent()
              ? "--name '" + name + "' is not a valid project name (PEP 508)"
              : "the repository name '" + repo + "' is not a valid project name; pass --name");
    }
    return new ForgejoRequest(
        owner,
        repo,
        name,
        version,
        tag,
        ForgeUrls.baseUrl(options.require("forgejo-url"), "--forgejo-url"));
  }

  /** {@code OWNER/REPO}. */
  String fullName() {
    return owner + "/" + repo;
  }

  /** {@code {url}/api/v1/repos/OWNER/REPO}. */
  String repoApi() {
    return url + "/api/v1/repos/" + path();
  }

  /** {@code {url}/OWNER/REPO/archive/TAG.tar.gz}. */
  URI archive(String tag) {
    return URI.create(url + "/" + path() + "/archive/" + ForgeUrls.encodeRef(tag) + ".tar.gz");
  }

  /** {@code OWNER/REPO}, each part encoded. */
  private String path() {
    return ForgeUrls.encode(owner) + "/" + ForgeUrls.encode(repo);
  }
}
