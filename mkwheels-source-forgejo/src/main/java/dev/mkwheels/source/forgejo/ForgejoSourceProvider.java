package dev.mkwheels.source.forgejo;

import dev.mkwheels.api.Credential;
import dev.mkwheels.api.Epoch;
import dev.mkwheels.api.ForgeApi;
import dev.mkwheels.api.ForgeUrls;
import dev.mkwheels.api.InstallTarget;
import dev.mkwheels.api.OptionSpec;
import dev.mkwheels.api.ProviderOptions;
import dev.mkwheels.api.ResolvedSource;
import dev.mkwheels.api.SourceArchive;
import dev.mkwheels.api.SourceContext;
import dev.mkwheels.api.SourceException;
import dev.mkwheels.api.SourceProvider;
import dev.mkwheels.api.UnpackedSource;
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
    ForgeApi api =
        new ForgeApi(
            context,
            credentials,
            request.repoApi(),
            new ForgeApi.Wording(
                "Forgejo",
                "repository " + request.fullName(),
                "FORGEJO_TOKEN",
                "FORGEJO_TOKEN is not set; set it for a private repository"));
    String asked = request.tag();
    context
        .console()
        .progress("resolving tag " + asked + " of " + request.fullName() + " on Forgejo");
    List<String> notes = new ArrayList<>();
    String tag = null;
    Epoch epoch = null;
    for (String candidate : List.of(asked, "v" + asked)) {
      Optional<Map<String, Object>> release =
          api.find("releases/tags/" + ForgeUrls.encodeRef(candidate), candidate);
      if (release.isPresent() && Boolean.TRUE.equals(release.get().get("draft"))) {
        throw new SourceException(
            "the Forgejo release of " + api.about(candidate) + " is a draft: publish it first");
      } else if (release.isPresent()) {
        tag = candidate;
        String none = tag.equals(asked) ? "" : " ('" + asked + "' has none)";
        notes.add("ref " + tag + ": the Forgejo release tagged '" + tag + "'" + none);
        Object at = release.get().get("published_at");
        epoch = api.epoch(at, "Forgejo release " + tag + " published_at", tag);
        break;
      }
    }
    for (int i = 0; tag == null && i < 2; i++) {
      String candidate = i == 0 ? asked : "v" + asked;
      Optional<Map<String, Object>> found =
          api.find("tags/" + ForgeUrls.encodeRef(candidate), candidate);
      if (found.isPresent()) {
        tag = candidate;
        // The tag's commit is {"sha", "url", "created"}, created being the commit's date.
        Object at = found.get().get("commit") instanceof Map<?, ?> c ? c.get("created") : null;
        epoch = api.epoch(at, "commit date of tag " + tag, tag);
        notes.add(
            String.format(
                "ref %s: a tag with no Forgejo release ('%s' and 'v%s' have none); the epoch is %s",
                tag, asked, asked, context.fixedEpoch().isPresent() ? "fixed" : "its commit date"));
        context.console().warn(request.fullName() + " has no Forgejo release for tag " + tag);
      }
    }
    if (tag == null && api.find("", asked).isEmpty()) {
      throw new SourceException(
          String.format(
              "Forgejo has no repository %s (or it is private) at %s, looking for tag %s",
              request.fullName(), request.url(), asked));
    } else if (tag == null) {
      throw new SourceException(
          String.format(
              "Forgejo repository %s has no release or tag named '%s' or 'v%s'",
              request.fullName(), asked, asked));
    }
    notes.add("epoch " + epoch.seconds() + ": " + epoch.origin());

    SourceArchive.Builder source =
        SourceArchive.builder(
            request.archive(tag), "the Forgejo archive of " + api.about(tag), request.version());
    credentials.forEach(source::credential);
    UnpackedSource unpacked = context.unpack(source.build());
    notes.addAll(unpacked.notes());
    // Said on the console, not in the notes: the tarball must not depend on whether a token was
    // set.
    context
        .credentialInUse(credentials)
        .ifPresent(
            c -> context.console().progress(c.variable() + " sent to " + c.origin() + " only"));
    return ResolvedSource.builder(
            request.name(),
            request.version(),
            epoch,
            new InstallTarget.SourceTree(unpacked.directory()))
        .buildEnvironment(unpacked.environment())
        .notes(notes)
        .build();
  }
}
