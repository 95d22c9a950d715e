package dev.mkwheels.engine;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Console;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.InstallTarget;
import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.api.ResolvedSource;
import dev.mkwheels.api.SourceContext;
import dev.mkwheels.packaging.DistributionFile;
import dev.mkwheels.packaging.FileOrigin;
import dev.mkwheels.packaging.PackRequest;
import dev.mkwheels.packaging.PackResult;
import dev.mkwheels.packaging.Packager;
import dev.mkwheels.pip.GitArchive;
import dev.mkwheels.pip.HashReport;
import dev.mkwheels.pip.HashVerifier;
import dev.mkwheels.pip.InterpreterProbe;
import dev.mkwheels.pip.PipIndexes;
import dev.mkwheels.pip.PipOptions;
import dev.mkwheels.pip.PipRunner;
import dev.mkwheels.pip.TargetOptions;
import dev.mkwheels.pip.TreeVendor;
import dev.mkwheels.pip.VendorRequest;
import dev.mkwheels.pip.VendorResult;
import dev.mkwheels.python.index.IndexClient;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code mkwheels --<mode>}: the selected source resolves the package, pip fills a wheels directory
 * (the tree, plus what its sdists need to build), every file is checked against its index's hash,
 * and packaging turns the directory into the artifact. Every mode converges here. Nothing is left
 * behind on failure: the work directory goes, and the packager writes the tarball atomically.
 */
public final class VendorPipeline {
  private final HttpFetcher http;
  private final SourceContexts contexts;
  private final PipRunners pipRunners;
  private final Packager packager;

  @Inject
  public VendorPipeline(
      HttpFetcher http, SourceContexts contexts, PipRunners pipRunners, Packager packager) {
    this.http = requireNonNull(http, "http is null");
    this.contexts = requireNonNull(contexts, "contexts is null");
    this.pipRunners = requireNonNull(pipRunners, "pipRunners is null");
    this.packager = requireNonNull(packager, "packager is null");
  }

  /**
   * Resolves, vendors, checks and packs; with {@code verify}, installs the tarball offline too.
   *
   * @throws MkwheelsException when any step fails; nothing is left behind
   */
  public ModeOutcome run(ModeRequest request, Console console) throws MkwheelsException {
    PipOptions index = request.index();
    TargetOptions target = request.target();
    try (WorkDirectory work = WorkDirectory.create();
        InterpreterProbe probe =
            probe(request, pipEnvironment(request.environment(), work), console)) {
      Path sources = Files.createDirectory(work.path().resolve("source"));
      SourceContext context =
          contexts.create(sources, console, request.fixedEpoch(), index.indexUrls());
      ResolvedSource source = request.provider().resolve(request.options(), context);
      console.progress(
          "resolved "
              + source.name()
              + " "
              + source.version()
              + ", epoch "
              + source.epoch().seconds()
              + " ("
              + source.epoch().origin()
              + ")");
      if (target.foreign()) {
        console.progress("target: " + target.describe());
      }
      if (request.noBuild() && source.target() instanceof InstallTarget.SourceTree) {
        throw new MkwheelsException(
            "--no-build refuses "
                + source.name()
                + " "
                + source.version()
                + ": a source tree, which only installs by running its own build code");
      }
      // A credential the source was lent (a forge token) is not pip's, nor its builds'.
      Map<String, String> pipEnvironment =
          contexts.withoutCredentials(context, pipEnvironment(request.environment(), work));
      PipRunner pip =
          pipRunners.create(request.python(), pipEnvironment, console, request.pipTimeout());
      if (!pip.use(probe)) {
        console.debug("the interpreter's answer is not used: pip runs in another environment");
      }
      Path wheels = work.path().resolve("wheels");
      Instant cutoff =
          request.uploadedPriorTo().orElse(Instant.ofEpochSecond(source.epoch().seconds()));
      IndexClient client = new IndexClient(http);
      Optional<NativePath.Outcome> natively = Optional.empty();
      VendorResult vendored;
      if (request.resolver() == ResolverChoice.NATIVE) {
        NativePath.Outcome outcome = null;
        try {
          outcome =
              resolveNatively(source, request, pip, client, work.path(), pipEnvironment, console);
        } catch (MkwheelsException e) {
          if (probe.confirm()) {
            throw e;
          }
        }
        if (!probe.confirm()) {
          // The run started from the interpreter's answer to the last run, and it answered
          // otherwise this time: what was resolved is dropped, and done again from its answer.
          console.progress(
              "the interpreter's pip, configuration or tags changed since the last run: resolving"
                  + " again");
          Path again = Files.createDirectory(work.path().resolve("again"));
          pip = pipRunners.create(request.python(), pipEnvironment, console, request.pipTimeout());
          pip.use(probe);
          wheels = again.resolve("wheels");
          outcome = resolveNatively(source, request, pip, client, again, pipEnvironment, console);
        }
        natively = Optional.of(outcome);
        vendored = outcome.vendored();
      } else {
        vendored =
            new TreeVendor(pip, console)
                .vendor(
                    new VendorRequest(
                        source.target(),
                        wheels,
                        index,
                        target,
                        Optional.of(cutoff),
                        request.wheelsOnly(),
                        source.buildEnvironment(),
                        source.epoch().seconds(),
                        request.noBuild()));
      }
      List<Path> gitArchives = vendored.gitArchives().stream().map(GitArchive::file).toList();
      // The hashes come from where pip's files came from: the command line's indexes on top of
      // pip's own configuration, read the way pip reads it for this command.
      PipIndexes used = PipIndexes.of(pip, index, "download");
      HashVerifier verifier = new HashVerifier(client, console, request.requireIndexHashes());
      HashReport hashes =
          verifier.verify(
              vendored.files(),
              used.indexUrls(),
              gitArchives,
              vendored.builtWheels().stream().map(wheels::resolve).toList(),
              natively.map(NativePath.Outcome::hashes).orElse(Map.of()));
      List<String> notes = new ArrayList<>(source.notes());
      vendored.gitArchives().forEach(archive -> notes.add(archive.note()));
      // pylock.toml records the index each checked file was listed on, and when it was uploaded;
      // for a git dependency's archive, the commit it was written from.
      Map<String, FileOrigin> origins = new TreeMap<>();
      hashes
          .indexes()
          .forEach((f, url) -> origins.put(f, new FileOrigin(url, hashes.uploadTimes().get(f))));
      vendored
          .gitArchives()
          .forEach(
              a ->
                  origins.put(
                      a.file().getFileName().toString(), FileOrigin.git(a.url(), a.commit())));
      PackResult result =
          packager.pack(
              new PackRequest(
                  wheels,
                  source.name(),
                  source.version(),
                  source.epoch().seconds(),
                  request.outputDir(),
                  notes,
                  origins,
                  natively.map(NativePath.Outcome::markers).orElse(Map.of()),
                  natively.map(NativePath.Outcome::environments).orElse(List.of())),
              console);
      Map<String, Object> summary = summary(source, request, vendored, hashes);
      summary.put("indexes", used.describe());
      summary.put("resolver", request.resolver().label());
      if (natively.isPresent()) {
        summary.remove("target");
        summary.put("targets", natively.get().targets());
        summary.put("upload-time-filter", natively.get().uploadFilter());
        if (!natively.get().notes().isEmpty()) {
          summary.put("resolver-notes", natively.get().notes());
        }
      }
      if (request.verify() && natively.isPresent() && !request.targets().isEmpty()) {
        summary.put("verify", "skipped: --target names machines other than this one");
      } else if (request.verify()) {
        Optional<Path> project =
            source.target() instanceof InstallTarget.SourceTree tree
                ? Optional.of(tree.directory())
                : Optional.empty();
        summary.put(
            "verify",
            TarballVerification.verify(
                result,
                request.python(),
                target,
                project,
                pipEnvironment,
                request.pipTimeout(),
                console));
      }
      return new ModeOutcome(source, result, summary);
    } catch (IOException e) {
      throw new MkwheelsException("cannot use a work directory: " + e.getMessage(), e);
    }
  }

  /** The native path's resolution and download into {@code work}/wheels. */
  private NativePath.Outcome resolveNatively(
      ResolvedSource source,
      ModeRequest request,
      PipRunner pip,
      IndexClient client,
      Path work,
      Map<String, String> pipEnvironment,
      Console console)
      throws MkwheelsException {
    return new NativePath(http, console)
        .run(
            source,
            request,
            pip,
            client,
            PipIndexes.of(pip, request.index(), "download"),
            work,
            work.resolve("wheels"),
            pipEnvironment);
  }

  /**
   * The interpreter asked at once, while the source resolves, for everything the run needs of it
   * before pip runs (pip's version and configuration, the host's tags and markers). The native path
   * starts from the answer it gave the last run, and checks it before packing; the pip path's first
   * pip run needs pip's version, so it waits for the real answer (still one start of the
   * interpreter where there were two, {@code pip --version} and then the configuration).
   */
  private static InterpreterProbe probe(
      ModeRequest request, Map<String, String> environment, Console console) {
    return request.resolver() == ResolverChoice.NATIVE
        ? InterpreterProbe.startRemembering(
            request.python(), environment, request.pipTimeout(), console)
        : InterpreterProbe.start(request.python(), environment, request.pipTimeout(), console);
  }

  /**
   * The user's environment, with pip's temporary files (git clones, build environments) inside the
   * work directory: pip cleans up after itself, except when it is killed.
   */
  private static Map<String, String> pipEnvironment(
      Map<String, String> environment, WorkDirectory work) throws IOException {
    Map<String, String> variables = new TreeMap<>(environment);
    variables.put("TMPDIR", Files.createDirectories(work.path().resolve("tmp")).toString());
    return variables;
  }

  /**
   * Every project whose own build code ran on this machine (a source tree, an sdist pip read the
   * metadata of or built, a git dependency), sorted; one line saying none ran when every file is a
   * wheel.
   */
  private static Object built(ResolvedSource source, VendorResult vendored) {
    Set<String> built = new TreeSet<>();
    if (source.target() instanceof InstallTarget.SourceTree) {
      built.add(source.name() + " " + source.version() + " (source tree)");
    }
    Set<Path> gitFiles = new HashSet<>();
    for (GitArchive archive : vendored.gitArchives()) {
      gitFiles.add(archive.file());
      built.add(archive.project() + " " + archive.version() + " (git)");
    }
    List<String> fromSdists = new ArrayList<>(vendored.builtWheels());
    vendored.files().stream()
        .filter(f -> !gitFiles.contains(f))
        .map(f -> f.getFileName().toString())
        .forEach(fromSdists::add);
    for (String name : fromSdists) {
      DistributionFile.parse(name)
          .filter(
              d -> d.kind() != DistributionFile.Kind.WHEEL || vendored.builtWheels().contains(name))
          .ifPresent(d -> built.add(d.project() + " " + d.version() + " (sdist)"));
    }
    return built.isEmpty()
        ? "nothing: every file is a wheel, no build code ran"
        : List.copyOf(built);
  }

  /**
   * The summary's fields, printed after the digests (text) or beside them (JSON); the command line
   * adds its own (the normalized name, the SlackBuild lines).
   */
  private static Map<String, Object> summary(
      ResolvedSource source, ModeRequest request, VendorResult vendored, HashReport hashes) {
    Map<String, Object> fields = new TreeMap<>();
    fields.put("epoch-from", source.epoch().origin());
    fields.put(
        "pip",
        vendored.pip()
            + " via "
            + request.python()
            + "; index options: "
            + request.index().describe());
    fields.put("target", request.target().describe());
    fields.put("upload-time-filter", vendored.uploadFilter());
    fields.put("hashes", hashes.describe());
    fields.put("built", built(source, vendored));
    if (vendored.buildBackends() > 0) {
      fields.put(
          "build-requirements",
          vendored.buildBackends() + " files added so the tree's sdists build offline");
    }
    if (!vendored.builtWheels().isEmpty()) {
      fields.put(
          "wheels-built",
          "from sdists (--wheels-only): " + String.join(", ", vendored.builtWheels()));
    }
    if (!source.notes().isEmpty()) {
      fields.put("note", source.notes());
    }
    if (!vendored.gitArchives().isEmpty()) {
      fields.put(
          "git-dependency",
          vendored.gitArchives().stream()
              .map(archive -> archive.note().replaceFirst("^git dependency ", ""))
              .toList());
    }
    if (!vendored.gitCheck().isEmpty()) {
      fields.put("git-archives", vendored.gitCheck());
    }
    return fields;
  }
}
