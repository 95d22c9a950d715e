package dev.mkwheels.source.github;

import dev.mkwheels.api.ForgeUrls;
import dev.mkwheels.api.InvalidOptionException;
import dev.mkwheels.api.ProviderOptions;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code --gh} options, validated and normalized, before anything touches the network.
 *
 * @param owner the repository's owner
 * @param repo the repository's name, as GitHub spells it
 * @param name the name in the artifact's file name
 * @param version the version, without a leading {@code v}
 * @param tag the tag asked for first, without a leading {@code v} ({@code v<tag>} is tried next)
 * @param apiUrl the REST API root, no trailing slash
 * @param webUrl where archives are downloaded from, no trailing slash
 */
record GithubRequest(
    String owner,
    String repo,
    String name,
    String version,
    String tag,
    String apiUrl,
    String webUrl) {

  // GitHub's own rules: an owner is letters, digits and inner single hyphens; a repository name is
  // letters, digits, '.', '_' and '-'.
  private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}");
  private static final Pattern REPO = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  /** PEP 508 project names: also a safe file-name part. */
  private static final Pattern NAME =
      Pattern.compile("[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]");

  /** PEP 440 and what projects tag in practice; it lands in a file name, so nothing else. */
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+!-]*");

  /** Git's check-ref-format, in short: no control characters, space, ~^:?*[\ or "..". */
  private static final Pattern TAG_CHARS = Pattern.compile("[^\\x00-\\x20\\x7f~^:?*\\[\\\\]+");

  static GithubRequest parse(ProviderOptions options) throws InvalidOptionException {
    String ownerRepo = options.require("repo").strip();
    int slash = ownerRepo.indexOf('/');
    String owner = slash < 0 ? "" : ownerRepo.substring(0, slash);
    String repo = slash < 0 ? "" : ownerRepo.substring(slash + 1);
    if (!OWNER.matcher(owner).matches()
        || !REPO.matcher(repo).matches()
        || repo.equals(".")
        || repo.equals("..")) {
      throw new InvalidOptionException(
          "--repo '" + ownerRepo + "' is not OWNER/REPO (for example Pennyw0rth/NetExec)");
    }
    String version = stripV(options.require("ver"), "--ver", "vV");
    if (version.startsWith("v") || version.startsWith("V")) {
      // Only one 'v' goes; a second one is a typo, and the tag looked up would be 'vv...'.
      throw new InvalidOptionException(
          "--ver '"
              + options.require("ver").strip()
              + "' starts with more than one 'v': give the version, with at most one leading 'v'");
    }
    if (!VERSION.matcher(version).matches()) {
      throw new InvalidOptionException(
          "--ver '"
              + options.require("ver")
              + "' is not a version: use letters, digits and . _ + ! - only");
    }
    // A tag is case-sensitive, so only a lower-case 'v' goes: "V1.0" stays reachable.
    String tag =
        options.get("tag").isPresent() ? stripV(options.get("tag").get(), "--tag", "v") : version;
    checkTag(tag);
    String name = options.get("name").map(String::strip).orElse(repo.toLowerCase(Locale.ROOT));
    if (!NAME.matcher(name).matches()) {
      throw new InvalidOptionException(
          options.get("name").isPresent()
              ? "--name '" + name + "' is not a valid project name (PEP 508)"
              : "the repository name '" + repo + "' is not a valid project name; pass --name");
    }
    return new GithubRequest(
        owner,
        repo,
        name,
        version,
        tag,
        ForgeUrls.baseUrl(options.require("github-api-url"), "--github-api-url").toString(),
        ForgeUrls.baseUrl(options.require("github-url"), "--github-url").toString());
  }

  /** {@code OWNER/REPO}. */
  String fullName() {
    return owner + "/" + repo;
  }

  /** One leading {@code v} goes: {@code v1.2.3} and {@code 1.2.3} are one version. */
  static String stripV(String value, String option, String prefixes) throws InvalidOptionException {
    String v = value.strip();
    if (!v.isEmpty() && prefixes.indexOf(v.charAt(0)) >= 0) {
      v = v.substring(1);
    }
    if (v.isEmpty()) {
      throw new InvalidOptionException(
          option + " '" + value + "' is empty once its leading 'v' is removed");
    }
    return v;
  }

  private static void checkTag(String tag) throws InvalidOptionException {
    if (!TAG_CHARS.matcher(tag).matches()
        || tag.contains("..")
        || tag.startsWith("/")
        || tag.endsWith("/")
        || tag.endsWith(".")
        || tag.endsWith(".lock")
        || tag.contains("//")
        || tag.contains("@{")
        || tag.startsWith("-")) {
      throw new InvalidOptionException("--tag '" + tag + "' is not a valid git tag name");
    }
  }
}
