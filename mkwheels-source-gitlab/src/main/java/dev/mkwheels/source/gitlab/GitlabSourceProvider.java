package dev.mkwheels.source.gitlab;

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
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --gitlab --project GROUP/NAME --ver VER}: a tagged GitLab release, built from its source.
 * The release tagged {@code TAG}, else {@code vTAG}, gives the epoch ({@code released_at}); with no
 * release, the tag's commit date does. The host downloads and unpacks the tag's archive.
 */
public final class GitlabSourceProvider implements SourceProvider {

  @Override
  public String id() {
    return "gitlab";
  }

  @Override
  public String description() {
    return "A tagged GitLab release built from source, git dependencies included.";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(
        OptionSpec.required("project", "GROUP/NAME", "The GitLab project, subgroups included."),
        OptionSpec.required("ver", "VER", "Version to vendor; one leading 'v' is stripped."),
        OptionSpec.optional(
            "name",
            "PKG",
            "Name in the tarball's file name. Default: the project name, lower-cased."),
        OptionSpec.optional(
            "tag", "TAG", "Release tag; 'v<TAG>' is tried too. Default: the version."),
        OptionSpec.withDefault(
            "gitlab-url",
            "URL",
            "The GitLab instance (self-hosted, tests).",
            "https://gitlab.com"));
  }

  @Override
  public ResolvedSource resolve(ProviderOptions options, SourceContext context)
      throws SourceException {
    GitlabRequest request = GitlabRequest.parse(options);
    // GITLAB_TOKEN wins; inside GitLab CI the job's own token serves.
    List<Credential> credentials =
        List.of(
            new Credential("GITLAB_TOKEN", "PRIVATE-TOKEN", "", request.url()),
            new Credential("CI_JOB_TOKEN", "JOB-TOKEN", "", request.url()));
    ForgeApi api =
        new ForgeApi(
            context,
            credentials,
            request.projectApi(),
            new ForgeApi.Wording(
                "GitLab",
                "project " + request.project(),
                "GITLAB_TOKEN",
                "GITLAB_TOKEN and CI_JOB_TOKEN are not set; set GITLAB_TOKEN for a private"
                    + " project"));
    String asked = request.tag();
    context
        .console()
        .progress("resolving tag " + asked + " of " + request.project() + " on GitLab");
    List<String> notes = new ArrayList<>();
    String tag = null;
    Epoch epoch = null;
    for (String candidate : List.of(asked, "v" + asked)) {
      Optional<Map<String, Object>> release =
          api.find("releases/" + ForgeUrls.encode(candidate), candidate);
      if (release.isPresent()) {
        tag = candidate;
        String none = tag.equals(asked) ? "" : " ('" + asked + "' has none)";
        notes.add("ref " + tag + ": the GitLab release tagged '" + tag + "'" + none);
        Object at = release.get().get("released_at");
        epoch = api.epoch(at, "GitLab release " + tag + " released_at", tag);
        break;
      }
    }
    for (int i = 0; tag == null && i < 2; i++) {
      String candidate = i == 0 ? asked : "v" + asked;
      Optional<Map<String, Object>> found =
          api.find("repository/tags/" + ForgeUrls.encode(candidate), candidate);
      if (found.isPresent()) {
        tag = candidate;
        Object at =
            found.get().get("commit") instanceof Map<?, ?> c ? c.get("committed_date") : null;
        epoch = api.epoch(at, "commit date of tag " + tag, tag);
        notes.add(
            String.format(
                "ref %s: a tag with no GitLab release ('%s' and 'v%s' have none); the epoch is %s",
                tag, asked, asked, context.fixedEpoch().isPresent() ? "fixed" : "its commit date"));
        context.console().warn(request.project() + " has no GitLab release for tag " + tag);
      }
    }
    if (tag == null && api.find("", asked).isEmpty()) {
      throw new SourceException(
          String.format(
              "GitLab has no project %s (or it is private) at %s, looking for tag %s",
              request.project(), request.url(), asked));
    } else if (tag == null) {
      throw new SourceException(
          String.format(
              "GitLab project %s has no release or tag named '%s' or 'v%s'",
              request.project(), asked, asked));
    }
    notes.add("epoch " + epoch.seconds() + ": " + epoch.origin());

    URI archive =
        URI.create(
            request.projectApi() + "/repository/archive.tar.gz?sha=" + ForgeUrls.encode(tag));
    SourceArchive.Builder source =
        SourceArchive.builder(
            archive, "the GitLab archive of " + api.about(tag), request.version());
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
