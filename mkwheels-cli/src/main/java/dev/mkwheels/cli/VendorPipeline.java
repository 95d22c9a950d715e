package dev.mkwheels.cli;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Console;
import dev.mkwheels.api.Epoch;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.InstallTarget;
import dev.mkwheels.api.JsonReader;
import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.api.ResolvedSource;
import dev.mkwheels.packaging.PackRequest;
import dev.mkwheels.packaging.PackResult;
import dev.mkwheels.packaging.Packager;
import dev.mkwheels.pip.HashReport;
import dev.mkwheels.pip.HashVerifier;
import dev.mkwheels.pip.IndexHashes;
import dev.mkwheels.pip.OfflineVerifier;
import dev.mkwheels.pip.PipCommand;
import dev.mkwheels.pip.PipOptions;
import dev.mkwheels.pip.PipRunner;
import dev.mkwheels.pip.TargetOptions;
import dev.mkwheels.pip.TreeVendor;
import dev.mkwheels.pip.VendorRequest;
import dev.mkwheels.pip.VendorResult;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code mkwheels --<mode>}: the selected source resolves the package, pip fills a wheels
 * directory (the tree, plus what its sdists need to build), every file is checked against its
 * index's hash, and packaging turns the directory into the artifact. Every mode converges here.
 * Nothing is left behind on failure: the work directory goes, and the packager writes the tarball
 * atomically.
 */
final class VendorPipeline {
  static final String PIP_TIMEOUT_VARIABLE = "MKWHEELS_PIP_TIMEOUT";

  private final HttpFetcher http;
  private final JsonReader json;
  private final Environment environment;

  @Inject
  VendorPipeline(HttpFetcher http, JsonReader json, Environment environment) {
    this.http = requireNonNull(http, "http is null");
    this.json = requireNonNull(json, "json is null");
    this.environment = requireNonNull(environment, "environment is null");
  }

  int run(Invocation invocation, PrintStream out, Console console) throws MkwheelsException {
    CommonOptions common = invocation.common();
    Optional<Epoch> fixed = Epochs.fixed(common.epoch, environment);
    PipOptions index = PipSettings.index(common);
    TargetOptions target = PipSettings.target(common);
    try (WorkDirectory work = WorkDirectory.create()) {
      Path sources = Files.createDirectory(work.path().resolve("source"));
      RunContext context = new RunContext(
          http, json, sources, console, environment.variables(), fixed, index.indexUrls());
      ResolvedSource source = invocation.provider().resolve(invocation.options(), context);
      console.progress("resolved " + source.name() + " " + source.version() + ", epoch "
          + source.epoch().seconds() + " (" + source.epoch().origin() + ")");
      if (target.foreign()) {
        console.progress("target: " + target.describe());
      }
      PipRunner pip = new PipRunner(common.python, environment.variables(), console, pipTimeout());
      Path wheels = work.path().resolve("wheels");
      Instant cutoff = Instant.ofEpochSecond(source.epoch().seconds());
      VendorResult vendored = new TreeVendor(pip, console).vendor(new VendorRequest(
          source.target(), wheels, index, target, Optional.of(cutoff), common.wheelsOnly,
          source.buildEnvironment()));
      HashReport hashes = new HashVerifier(new IndexHashes(http, json), console)
          .verify(vendored.files(), HashVerifier.indexesToAsk(index, vendored.indexes()));
      PackResult result = new Packager().pack(new PackRequest(
          wheels, source.name(), source.version(), source.epoch().seconds(), common.outputDir(), source.notes()),
          console);
      List<String> summary = summary(source, common, index, target, vendored, hashes);
      if (common.verify) {
        summary.add("verify: " + verify(result, source, common, target, work, console));
      }
      new VendorReport(out, common.json).print(result, summary);
      return 0;
    } catch (IOException e) {
      throw new MkwheelsException("cannot use a work directory: " + e.getMessage(), e);
    }
  }

  /** --verify: a tarball that does not install offline is removed, and pip's reason is the error. */
  private String verify(PackResult result, ResolvedSource source, CommonOptions common, TargetOptions target,
      WorkDirectory work, Console console) throws MkwheelsException, IOException {
    Optional<Path> project = source.target() instanceof InstallTarget.SourceTree tree
        ? Optional.of(tree.directory()) : Optional.empty();
    try {
      return new OfflineVerifier(common.python, environment.variables(), console, pipTimeout())
          .verify(result.tarball(), target, project, Files.createDirectory(work.path().resolve("verify")));
    } catch (MkwheelsException e) {
      Files.deleteIfExists(result.tarball());
      throw new MkwheelsException(e.getMessage() + " (" + result.tarball().getFileName() + " removed)", e);
    }
  }

  /** 30 minutes per pip run unless MKWHEELS_PIP_TIMEOUT (seconds) says otherwise. */
  private Duration pipTimeout() {
    return environment.get(PIP_TIMEOUT_VARIABLE).filter(v -> v.matches("[0-9]{1,6}")).map(Long::parseLong)
        .filter(seconds -> seconds > 0).map(Duration::ofSeconds).orElse(PipCommand.DEFAULT_TIMEOUT);
  }

  private static List<String> summary(ResolvedSource source, CommonOptions common, PipOptions index,
      TargetOptions target, VendorResult vendored, HashReport hashes) {
    List<String> lines = new ArrayList<>();
    lines.add("epoch from: " + source.epoch().origin());
    lines.add("pip: " + vendored.pip() + " via " + common.python + "; index options: " + index.describe());
    lines.add("target: " + target.describe());
    lines.add("upload-time filter: " + vendored.uploadFilter());
    lines.add("hashes: " + hashes.describe());
    if (vendored.buildBackends() > 0) {
      lines.add("build requirements: " + vendored.buildBackends() + " files added so the tree's sdists build offline");
    }
    if (!vendored.builtWheels().isEmpty()) {
      lines.add("wheels built from sdists (--wheels-only): " + String.join(", ", vendored.builtWheels()));
    }
    source.notes().forEach(note -> lines.add("note: " + note));
    return lines;
  }
}
