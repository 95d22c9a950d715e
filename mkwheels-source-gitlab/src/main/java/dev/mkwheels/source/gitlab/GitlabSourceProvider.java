package dev.mkwheels.source.gitlab;

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
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
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
    GitlabApi api = new GitlabApi(context, request, credentials);
    context
        .console()
        .progress("resolving tag " + request.tag() + " of " + request.project() + " on GitLab");
    List<String> notes = new ArrayList<>();
    String tag = null;
    Epoch epoch = null;
    List<String> candidates = List.of(request.tag(), "v" + request.tag());
    for (String candidate : candidates) {
      Optional<Map<String, Object>> release =
          api.find("releases/" + GitlabRequest.encode(candidate), candidate);
      if (release.isPresent()) {
        tag = candidate;
        notes.add(
            "ref "
                + tag
                + ": the GitLab release tagged '"
                + tag
                + "'"
                + (tag.equals(request.tag()) ? "" : " ('" + request.tag() + "' has none)"));
        epoch =
            epoch(
                context,
                release.get().get("released_at"),
                "GitLab release " + tag + " released_at",
                api,
                tag);
        break;
      }
    }
    for (int i = 0; tag == null && i < candidates.size(); i++) {
      String candidate = candidates.get(i);
      Optional<Map<String, Object>> found =
          api.find("repository/tags/" + GitlabRequest.encode(candidate), candidate);
      if (found.isPresent()) {
        tag = candidate;
        Object date =
            found.get().get("commit") instanceof Map<?, ?> commit
                ? commit.get("committed_date")
                : null;
        epoch = epoch(context, date, "commit date of tag " + tag, api, tag);
        notes.add(
            "ref "
                + tag
                + ": a tag with no GitLab release ('"
                + request.tag()
                + "' and 'v"
                + request.tag()
                + "' have none); the epoch is "
                + (context.fixedEpoch().isPresent() ? "fixed" : "its commit date"));
        context.console().warn(request.project() + " has no GitLab release for tag " + tag);
      }
    }
    if (tag == null) {
      if (api.find("", request.tag()).isEmpty()) {
        throw new SourceException(
            "GitLab has no project "
                + request.project()
                + " (or it is private) at "
                + request.url()
                + ", looking for tag "
                + request.tag());
      }
      throw new SourceException(
          "GitLab project "
              + request.project()
              + " has no release or tag named '"
              + request.tag()
              + "' or 'v"
              + request.tag()
              + "'");
    }
    notes.add("epoch " + epoch.seconds() + ": " + epoch.origin());

    URI archive =
        URI.create(
            request.projectApi() + "/repository/archive.tar.gz?sha=" + GitlabRequest.encode(tag));
    SourceArchive.Builder source =
        SourceArchive.builder(
            archive, "the GitLab archive of " + api.about(tag), request.version());
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
      SourceContext context, Object timestamp, String what, GitlabApi api, String tag)
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
        "GitLab gives no usable "
            + what
            + " for "
            + api.about(tag)
            + " ("
            + timestamp
            + "); pass --epoch");
  }
}
