package dev.mkwheels.engine;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Console;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.InstallTarget;
import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.api.ResolvedSource;
import dev.mkwheels.pip.GitSourceZip;
import dev.mkwheels.pip.PipIndexes;
import dev.mkwheels.pip.PipRunner;
import dev.mkwheels.pip.PipSettings;
import dev.mkwheels.pip.PipVersion;
import dev.mkwheels.pip.TargetOptions;
import dev.mkwheels.pip.VendorRequest;
import dev.mkwheels.pip.VendorResult;
import dev.mkwheels.python.index.IndexClient;
import dev.mkwheels.python.index.IndexException;
import dev.mkwheels.python.index.IndexFile;
import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.version.Version;
import dev.mkwheels.resolver.Downloader;
import dev.mkwheels.resolver.IndexCandidates;
import dev.mkwheels.resolver.Target;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The native resolver's run for one mode: which targets, which cutoff, which provider, then {@link
 * NativeVendor}; what it made, in the pip path's terms so the rest of the pipeline is shared.
 */
final class NativePath {
  /**
   * @param vendored the directory's files, as the pip path describes them
   * @param markers by file name, the targets' marker when a file is not for all of them
   * @param targets the targets' names, in the order given
   * @param uploadFilter the cutoff that applied and the indexes it could not be applied to
   * @param notes what the resolver warned of
   * @param hashes the SHA-256 of each file the downloader wrote and checked, by path, as it wrote
   *     it (a file replaced since is not in it)
   * @param environments each target's marker when there are several (pylock.toml's {@code
   *     environments}), sorted, once each; empty for one target
   */
  record Outcome(
      VendorResult vendored,
      Map<String, String> markers,
      List<String> targets,
      List<String> uploadFilter,
      List<String> notes,
      Map<Path, String> hashes,
      List<String> environments) {}

  /** The cutoff and where it came from. */
  record Cutoff(Instant instant, String origin) {}

  private final HttpFetcher http;
  private final Console console;

  NativePath(HttpFetcher http, Console console) {
    this.http = requireNonNull(http, "http is null");
    this.console = requireNonNull(console, "console is null");
  }

  Outcome run(
      ResolvedSource source,
      ModeRequest request,
      PipRunner pip,
      IndexClient client,
      PipIndexes used,
      Path work,
      Path wheels,
      Map<String, String> pipEnvironment)
      throws MkwheelsException {
    PipVersion version = pip.version();
    boolean host = request.targets().isEmpty();
    List<Target> targets = host ? List.of(pip.hostTarget()) : request.targets();
    Cutoff cutoff = cutoff(request, source, client, used.indexUrls());
    // What pip's configuration adds, as `pip download` would obey it: its constraints files,
    // pre-releases (the command line's --pre counts too), no-binary and only-binary.
    PipSettings configured = PipSettings.of(pip.configuration(), "download");
    configured.announce(console);
    Downloader downloader =
        new Downloader(http, Downloader.DEFAULT_PER_HOST, work.resolve("downloads"));
    Map<String, String> buildEnvironment = new TreeMap<>(source.buildEnvironment());
    buildEnvironment.put("SOURCE_DATE_EPOCH", Long.toString(source.epoch().seconds()));
    PipReportMetadata metadata =
        new PipReportMetadata(
            pip, request.index().arguments(), buildEnvironment, request.noBuild());
    IndexCandidates provider =
        IndexCandidates.builder(client)
            .indexes(used.indexUrls())
            .findLinks(used.findLinks())
            .uploadedPriorTo(cutoff.instant())
            .onlyBinary(!host || request.noBuild())
            .formats(configured.formats())
            .preferBinary(configured.preferBinary())
            .metadataBuilder(metadata)
            .downloader(downloader)
            .build();
    Optional<VendorRequest> build =
        host && !request.noBuild()
            ? Optional.of(
                new VendorRequest(
                    source.target(),
                    wheels,
                    request.index(),
                    TargetOptions.HOST,
                    Optional.of(cutoff.instant()),
                    false,
                    source.buildEnvironment(),
                    source.epoch().seconds(),
                    false))
            : Optional.empty();
    NativeVendor.Result result =
        new NativeVendor(
                console, metadata, new GitSourceZip(pipEnvironment), source.epoch().seconds())
            .vendor(
                NativeVendor.roots(source, metadata),
                configured.constraints(),
                request.index().pre() || configured.pre(),
                provider,
                targets,
                downloader,
                wheels,
                pip,
                build,
                !host
                    ? " (another machine takes wheels only: no sdist is built for it here)"
                    : request.noBuild() ? " (--no-build takes wheels only)" : "");
    List<String> uploadFilter = new ArrayList<>();
    uploadFilter.add(
        "files uploaded after " + cutoff.instant() + " left out (" + cutoff.origin() + ")");
    uploadFilter.addAll(provider.freezeReport());
    VendorResult vendored =
        new VendorResult(
            result.files(),
            result.buildBackends(),
            List.of(),
            String.join("; ", uploadFilter),
            Optional.empty(),
            version,
            result.gitArchives(),
            result.gitCheck());
    return new Outcome(
        vendored,
        result.markers(),
        targets.stream().map(Target::name).toList(),
        uploadFilter,
        result.notes(),
        downloader.hashes(),
        environments(targets));
  }

  /** Each target's marker, sorted, once each, when there are several targets; else none. */
  static List<String> environments(List<Target> targets) {
    if (targets.size() < 2) {
      return List.of();
    }
    return List.copyOf(new TreeSet<>(targets.stream().map(TargetMarkers::of).toList()));
  }

  /**
   * {@code --uploaded-prior-to}; else for a release on an index the latest upload of its own files
   * (so its late wheels stay); else the source's epoch.
   */
  Cutoff cutoff(
      ModeRequest request, ResolvedSource source, IndexClient client, List<String> indexes)
      throws MkwheelsException {
    if (request.uploadedPriorTo().isPresent()) {
      return new Cutoff(request.uploadedPriorTo().get(), "--uploaded-prior-to");
    }
    if (source.target() instanceof InstallTarget.Requirement
        && ProjectName.isValid(source.name())
        && Version.isValid(source.version())) {
      ProjectName name = ProjectName.of(source.name());
      Version release = Version.parse(source.version());
      List<IndexFile> own = new ArrayList<>();
      for (String index : indexes) {
        try {
          for (IndexFile file : client.project(index, name).files()) {
            if (file.version(name).filter(release::equals).isPresent()) {
              own.add(file);
            }
          }
        } catch (IndexException e) {
          throw new MkwheelsException(e.getMessage(), e);
        }
      }
      Optional<Instant> latest = IndexCandidates.latestUpload(own);
      if (latest.isPresent()) {
        return new Cutoff(
            latest.get(),
            "the latest upload of " + source.name() + " " + source.version() + "'s own files");
      }
    }
    return new Cutoff(
        Instant.ofEpochSecond(source.epoch().seconds()), "the epoch, " + source.epoch().origin());
  }
}
