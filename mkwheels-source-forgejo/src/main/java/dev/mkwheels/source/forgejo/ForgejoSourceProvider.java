package dev.mkwheels.source.forgejo;

import dev.mkwheels.api.Credential;
import dev.mkwheels.api.Epoch;
import dev.mkwheels.api.InstallTarget;
import dev.mkwheels.api.OptionSpec;
import dev.mkwheels.api.ProviderOptions;
import dev.mkwheels.api.ResolvedSource;
import dev.mkwheels.api.SourceArchive;
import dev.mkwheels.api.SourceContext;
import dev.mkwheels.api.SourceException;
import dev.mkwheels.api.SourceProvider;
import dev.mkwheels.api.UnpackedSource;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --forgejo --repo OWNER/REPO --ver VER}: a tagged release on Forgejo or Gitea (Codeberg by
 * default), built from its source. The release tagged {@code TAG}, else {@code vTAG}, gives the
 * epoch ({@code published_at}); with no release, the tag's commit date does. The host downloads and
 * unpacks the tag's archive.
 */
public final class ForgejoSourceProvider implements SourceProvider {

  @Override
  public String id() {
    return "forgejo";
  }

  @Override
  public String description() {
    return "A tagged Forgejo or Gitea (Codeberg) release built from source, git dependencies"
        + " included.";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(
        OptionSpec.required("repo", "OWNER/REPO", "The Forgejo or Gitea repository."),
        OptionSpec.required("ver", "VER", "Version to vendor; one leading 'v' is stripped."),
        OptionSpec.optional(
            "name", "PKG", "Name in the tarball's file name. Default: the repo name, lower-cased."),
        OptionSpec.optional(
            "tag", "TAG", "Release tag; 'v<TAG>' is tried too. Default: the version."),
        OptionSpec.withDefault(
            "forgejo-url",
            "URL",
            "The Forgejo or Gitea instance (self-hosted, tests).",
            "https://codeberg.org"));
  }

  @Override
  public ResolvedSource resolve(ProviderOptions options, SourceContext context)
      throws SourceException {
    ForgejoRequest request = ForgejoRequest.parse(options);
    List<Credential> credentials =
        List.of(new Credential("FORGEJO_TOKEN", "Authorization", "token ", request.url()));
    ForgejoApi api = new ForgejoApi(context, request, credentials);
    context
        .console()
        .progress("resolving tag " + request.tag() + " of " + request.fullName() + " on Forgejo");
    List<String> notes = new ArrayList<>();
    String tag = null;
    Epoch epoch = null;
    List<String> candidates = List.of(request.tag(), "v" + request.tag());
    for (String candidate : candidates) {
      Optional<Map<String, Object>> release =
          api.find("releases/tags/" + ForgejoRequest.encodeRef(candidate), candidate);
      if (release.isPresent()) {
        if (Boolean.TRUE.equals(release.get().get("draft"))) {
          throw new SourceException(
              "the Forgejo release of " + api.about(candidate) + " is a draft: publish it first");
        }
        tag = candidate;
        notes.add(
            "ref "
                + tag
                + ": the Forgejo release tagged '"
                + tag
                + "'"
                + (tag.equals(request.tag()) ? "" : " ('" + request.tag() + "' has none)"));
        epoch =
            epoch(
                context,
                release.get().get("published_at"),
                "Forgejo release " + tag + " published_at",
                api,
                tag);
        break;
      }
    }
    for (int i = 0; tag == null && i < candidates.size(); i++) {
      String candidate = candidates.get(i);
      Optional<Map<String, Object>> found =
          api.find("tags/" + ForgejoRequest.encodeRef(candidate), candidate);
      if (found.isPresent()) {
        tag = candidate;
        // The tag's commit: {"sha", "url", "created"}, created being the commit's date.
        Object date =
            found.get().get("commit") instanceof Map<?, ?> commit ? commit.get("created") : null;
        epoch = epoch(context, date, "commit date of tag " + tag, api, tag);
        notes.add(
            "ref "
                + tag
                + ": a tag with no Forgejo release ('"
                + request.tag()
                + "' and 'v"
                + request.tag()
                + "' have none); the epoch is "
                + (context.fixedEpoch().isPresent() ? "fixed" : "its commit date"));
        context.console().warn(request.fullName() + " has no Forgejo release for tag " + tag);
      }
    }
    if (tag == null) {
      if (api.find("", request.tag()).isEmpty()) {
        throw new SourceException(
            "Forgejo has no repository "
                + request.fullName()
                + " (or it is private) at "
                + request.url()
                + ", looking for tag "
                + request.tag());
      }
      throw new SourceException(
          "Forgejo repository "
              + request.fullName()
              + " has no release or tag named '"
              + request.tag()
              + "' or 'v"
              + request.tag()
              + "'");
    }
    notes.add("epoch " + epoch.seconds() + ": " + epoch.origin());

    SourceArchive.Builder source =
        SourceArchive.builder(
            request.archive(tag), "the Forgejo archive of " + api.about(tag), request.version());
    credentials.forEach(source::credential);
    context.console().progress("fetching the archive of " + api.about(tag));
    UnpackedSource unpacked = context.unpack(source.build());
    notes.addAll(unpacked.notes());
    context
        .credentialInUse(credentials)
        .ifPresent(c -> notes.add(c.variable() + " sent to " + c.origin() + " only"));
    return ResolvedSource.builder(
            request.name(),
            request.version(),
            epoch,
            new InstallTarget.SourceTree(unpacked.directory()))
        .buildEnvironment(unpacked.environment())
        .notes(notes)
        .build();
  }

  /** The fixed epoch, else {@code timestamp} (ISO 8601) as one. */
  private static Epoch epoch(
      SourceContext context, Object timestamp, String what, ForgejoApi api, String tag)
      throws SourceException {
    if (context.fixedEpoch().isPresent()) {
      return context.fixedEpoch().get();
    }
    if (timestamp instanceof String text) {
      try {
        long seconds = OffsetDateTime.parse(text.strip()).toEpochSecond();
        if (seconds >= 0) {
          return new Epoch(seconds, what + " " + text.strip());
        }
      } catch (DateTimeParseException e) {
        // Said below.
      }
    }
    throw new SourceException(
        "Forgejo gives no usable "
            + what
            + " for "
            + api.about(tag)
            + " ("
            + timestamp
            + "); pass --epoch");
  }
}
