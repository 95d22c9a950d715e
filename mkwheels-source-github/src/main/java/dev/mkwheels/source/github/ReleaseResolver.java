package dev.mkwheels.source.github;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Console;
import dev.mkwheels.api.Epoch;
import dev.mkwheels.api.ForgeUrls;
import dev.mkwheels.api.SourceException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the ref a {@code --tag} names and the epoch it gives: the release tagged {@code TAG}, else
 * the one tagged {@code vTAG}; with no release at all, the tag itself and its commit date.
 */
final class ReleaseResolver {

  /**
   * What resolving gave.
   *
   * @param ref the tag that exists on GitHub, as GitHub spells it ({@code v1.5.1})
   * @param epoch the fixed epoch, else the one derived here
   * @param notes lines for the summary: the ref and the epoch's origin
   */
  record ResolvedRef(String ref, Epoch epoch, List<String> notes) {
    ResolvedRef {
      notes = List.copyOf(notes);
    }
  }

  private final GithubApi api;
  private final Console console;

  ReleaseResolver(GithubApi api, Console console) {
    this.api = requireNonNull(api, "api is null");
    this.console = requireNonNull(console, "console is null");
  }

  ResolvedRef resolve(GithubRequest request, Optional<Epoch> fixed) throws SourceException {
    String repo = request.fullName();
    List<String> candidates = List.of(request.tag(), "v" + request.tag());
    for (String tag : candidates) {
      console.debug("asking GitHub for the release tagged " + tag + " of " + repo);
      Optional<Map<String, Object>> release = api.find("releases/tags/" + ForgeUrls.encodeRef(tag));
      if (release.isPresent()) {
        return fromRelease(repo, tag, release.get(), fixed, !tag.equals(request.tag()));
      }
    }
    for (String tag : candidates) {
      Optional<Map<String, Object>> ref = api.find("git/ref/tags/" + ForgeUrls.encodeRef(tag));
      if (ref.isPresent()) {
        return fromTag(repo, tag, ref.get(), fixed, request.tag());
      }
    }
    if (api.find("").isEmpty()) {
      throw new SourceException("GitHub has no repository " + repo + " (or it is private)");
    }
    throw new SourceException(
        repo
            + " has no GitHub release or tag named '"
            + candidates.get(0)
            + "' or '"
            + candidates.get(1)
            + "'");
  }

  private ResolvedRef fromRelease(
      String repo, String tag, Map<String, Object> release, Optional<Epoch> fixed, boolean retried)
      throws SourceException {
    if (Boolean.TRUE.equals(release.get("draft"))) {
      throw new SourceException(
          "the GitHub release "
              + tag
              + " of "
              + repo
              + " is a draft: publish it, or vendor a published release");
    }
    List<String> notes = new ArrayList<>();
    notes.add(
        "ref "
            + tag
            + ": "
            + (retried
                ? "no GitHub release is tagged '"
                    + tag.substring(1)
                    + "', the release tagged '"
                    + tag
                    + "' is used"
                : "the GitHub release tagged '" + tag + "'"));
    Epoch epoch;
    if (fixed.isPresent()) {
      epoch = fixed.get();
    } else {
      Object published = release.get("published_at");
      if (!(published instanceof String text)) {
        throw new SourceException(
            "the GitHub release "
                + tag
                + " of "
                + repo
                + " has no published_at to take the epoch from; pass --epoch");
      }
      epoch =
          new Epoch(
              seconds(text, "published_at of release " + tag),
              "GitHub release " + tag + " published_at " + text);
    }
    notes.add("epoch " + epoch.seconds() + ": " + epoch.origin());
    return new ResolvedRef(tag, epoch, notes);
  }

  private ResolvedRef fromTag(
      String repo, String tag, Map<String, Object> ref, Optional<Epoch> fixed, String asked)
      throws SourceException {
    List<String> notes = new ArrayList<>();
    notes.add(
        "ref "
            + tag
            + ": a tag with no GitHub release ('"
            + asked
            + "' and 'v"
            + asked
            + "' have none)");
    Epoch epoch;
    if (fixed.isPresent()) {
      epoch = fixed.get();
      console.warn(repo + " has no GitHub release for tag " + tag + "; using the tag itself");
    } else {
      // A lightweight tag names its commit; an annotated one names a tag object, which the commits
      // endpoint peels when asked by the tag's name.
      String commit =
          object(ref, "object")
              .filter(o -> "commit".equals(o.get("type")))
              .map(o -> o.get("sha"))
              .filter(String.class::isInstance)
              .map(String.class::cast)
              .orElse(ForgeUrls.encodeRef(tag));
      Map<String, Object> details =
          api.find("commits/" + commit)
              .orElseThrow(
                  () ->
                      new SourceException(
                          "GitHub lists tag " + tag + " of " + repo + " but not its commit"));
      Optional<String> date =
          object(details, "commit")
              .flatMap(c -> object(c, "committer"))
              .map(c -> c.get("date"))
              .filter(String.class::isInstance)
              .map(String.class::cast);
      if (date.isEmpty()) {
        throw new SourceException(
            "GitHub gives no commit date for tag " + tag + " of " + repo + "; pass --epoch");
      }
      epoch =
          new Epoch(
              seconds(date.get(), "commit date of tag " + tag),
              "commit date of tag " + tag + " (" + date.get() + "), no GitHub release");
      console.warn(
          repo
              + " has no GitHub release for tag "
              + tag
              + "; using the tag and its commit date "
              + date.get()
              + " as the epoch");
    }
    notes.add("epoch " + epoch.seconds() + ": " + epoch.origin());
    return new ResolvedRef(tag, epoch, notes);
  }

  private static Optional<Map<String, Object>> object(Map<String, Object> parent, String key) {
    if (parent.get(key) instanceof Map<?, ?> map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> child = (Map<String, Object>) map;
      return Optional.of(child);
    }
    return Optional.empty();
  }

  private static long seconds(String timestamp, String what) throws SourceException {
    try {
      long seconds = OffsetDateTime.parse(timestamp.strip()).toEpochSecond();
      if (seconds < 0) {
        throw new SourceException(
            "the " + what + " on GitHub is before 1970: " + timestamp + "; pass --epoch");
      }
      return seconds;
    } catch (DateTimeParseException e) {
      throw new SourceException(
          "the " + what + " on GitHub is not a timestamp: '" + timestamp + "'; pass --epoch", e);
    }
  }
}
