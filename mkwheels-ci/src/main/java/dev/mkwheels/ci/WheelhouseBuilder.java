package dev.mkwheels.ci;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Console;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.pip.PipCommand;
import dev.mkwheels.pip.PipResult;
import dev.mkwheels.pip.PipRunner;
import dev.mkwheels.pip.WheelContainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code mkwheels wheelhouse}: exactly the lock's pins, downloaded by pip with hash checking
 * ({@code pip download --require-hashes --no-deps -r LOCK}), wheels built for the sdists when the
 * target is the host (each rewritten by {@link WheelContainer}, and every pip run given the epoch
 * as {@code SOURCE_DATE_EPOCH}, so that they are the same bytes on every run), every file checked
 * against the lock, then moved into the wheel directory in one rename. For another target, a pin
 * pip cannot satisfy is found out by asking for each pin alone, so the error lists all of them at
 * once.
 */
public final class WheelhouseBuilder {
  private final PipRunner pip;
  private final Optional<HttpFetcher> http;
  private final Console console;

  /** A builder for one machine's wheelhouse, downloaded by pip. */
  public WheelhouseBuilder(PipRunner pip, Console console) {
    this.pip = requireNonNull(pip, "pip is null");
    this.http = Optional.empty();
    this.console = requireNonNull(console, "console is null");
  }

  /** A builder that also picks the files of a request's targets itself, over {@code http}. */
  public WheelhouseBuilder(PipRunner pip, HttpFetcher http, Console console) {
    this.pip = requireNonNull(pip, "pip is null");
    this.http = Optional.of(requireNonNull(http, "http is null"));
    this.console = requireNonNull(console, "console is null");
  }

  public WheelhouseResult build(WheelhouseRequest request) throws MkwheelsException {
    LockFile lock = new LockFileParser().parse(request.lock());
    if (lock.entries().isEmpty()) {
      throw new CiException(request.lock() + " pins nothing");
    }
    for (LockEntry entry : lock.entries()) {
      if (entry.hashes().isEmpty()) {
        throw new CiException(
            entry.location()
                + ": "
                + entry.pin()
                + " has no --hash; a wheelhouse is built from a"
                + " hashed lock (mkwheels lock writes one)");
      }
    }
    WheelDirectory target = new WheelDirectory(request.wheelDir());
    target.checkReplaceable();
    try (Scratch staging = Scratch.beside(request.wheelDir(), ".mkwheels-wheelhouse-")) {
      Path downloads = staging.path().resolve("download");
      Path built = staging.path().resolve("built");
      if (!request.targets().isEmpty()) {
        HttpFetcher fetcher =
            http.orElseThrow(() -> new IllegalStateException("targets need an HttpFetcher"));
        List<WheelhouseResult.File> files =
            new NativeWheelhouse(pip, fetcher, console)
                .download(request, lock, downloads, staging.path().resolve("cache"));
        target.replaceWith(staging.path(), downloads, List.of());
        return new WheelhouseResult(request.wheelDir(), files);
      }
      download(request, lock, downloads);
      Map<Path, Path> wheels =
          request.wheelsOnly() ? Map.of() : buildSdists(request, downloads, built);
      List<WheelhouseResult.File> files = new LockCheck(lock).check(downloads, wheels);
      target.replaceWith(staging.path(), downloads, wheels.values());
      return new WheelhouseResult(request.wheelDir(), files);
    }
  }

  private void download(WheelhouseRequest request, LockFile lock, Path downloads)
      throws MkwheelsException {
    // pip before 26 reads no pylock.toml: it gets the same pins as a hashed requirements file.
    Path requirements = request.lock();
    if (PylockReader.isPylock(requirements)) {
      requirements = downloads.resolveSibling("pylock-requirements.txt");
      StringBuilder text = new StringBuilder();
      for (LockEntry entry : lock.entries()) {
        text.append(requirementLine(entry, true)).append('\n');
      }
      Scratch.writeAtomically(requirements, text.toString().getBytes(StandardCharsets.UTF_8));
    }
    List<String> args = downloadArguments(request, requirements, downloads);
    if (!request.wheelsOnly()) {
      pip.check(command(request, args, "pip download"));
      return;
    }
    PipResult result = pip.run(command(request, args, "pip download"));
    if (result.succeeded()) {
      return;
    }
    console.progress("pip download failed (" + result.failure() + "); asking for each pin alone");
    Map<String, String> unsatisfied = new TreeMap<>();
    Path single = downloads.resolveSibling("single.txt");
    for (LockEntry entry : lock.entries()) {
      // --hash is an option of requirement files only, so each pin gets a one-line file.
      Scratch.writeAtomically(
          single, (requirementLine(entry, false) + "\n").getBytes(StandardCharsets.UTF_8));
      PipResult one =
          pip.run(
              command(
                  request,
                  downloadArguments(request, single, downloads),
                  "pip download " + entry.pin()));
      if (!one.succeeded()) {
        unsatisfied.put(entry.pin().toString(), one.failure());
      }
    }
    if (unsatisfied.isEmpty()) {
      throw new CiException("pip download failed: " + result.failure());
    }
    throw new CiException(
        "no file for "
            + describeTarget(request)
            + " satisfies "
            + unsatisfied.size()
            + " of the lock's pins: "
            + String.join(", ", unsatisfied.keySet())
            + " (pip: "
            + unsatisfied.values().iterator().next()
            + ")");
  }

  /**
   * {@code name[extras]==version ; marker --hash=...}: one pin as a requirements line; a pin asked
   * for alone is fetched whatever its marker, as before.
   */
  private static String requirementLine(LockEntry entry, boolean marker) {
    StringBuilder line =
        new StringBuilder(entry.pin().name() + entry.extras() + "==" + entry.pin().version());
    if (marker && !entry.marker().isEmpty()) {
      line.append(" ; ").append(entry.marker());
    }
    entry.hashes().forEach(h -> line.append(" --hash=").append(h));
    return line.toString();
  }

  private static List<String> downloadArguments(
      WheelhouseRequest request, Path requirements, Path downloads) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "download",
                "--require-hashes",
                "--no-deps",
                "--quiet",
                "--dest",
                downloads.toString(),
                "-r",
                requirements.toString()));
    args.addAll(request.target().arguments());
    if (request.onlyBinary() && !args.contains("--only-binary=:all:")) {
      args.add("--only-binary=:all:");
    }
    args.addAll(request.index().arguments());
    return args;
  }

  /** Each sdist's wheel, built with the interpreter: sdist path to wheel path. */
  private Map<Path, Path> buildSdists(WheelhouseRequest request, Path downloads, Path built)
      throws MkwheelsException {
    Map<Path, Path> wheels = new TreeMap<>();
    for (Path file : Listing.files(downloads)) {
      if (DistributionFileName.isWheel(file.getFileName().toString())) {
        continue;
      }
      Path out = built.resolve(file.getFileName().toString());
      List<String> args =
          new ArrayList<>(
              List.of(
                  "wheel", "--no-deps", "--quiet", "--wheel-dir", out.toString(), file.toString()));
      args.addAll(request.index().arguments());
      pip.check(command(request, args, "pip wheel " + file.getFileName()));
      List<Path> made = Listing.files(out);
      if (made.size() != 1 || !DistributionFileName.isWheel(made.get(0).getFileName().toString())) {
        throw new CiException(
            "pip wheel " + file.getFileName() + " made " + made.size() + " files, not one wheel");
      }
      try {
        // The backend may write the build time and the umask into the zip, whatever
        // SOURCE_DATE_EPOCH.
        WheelContainer.rewrite(made.get(0), request.epoch());
      } catch (IOException e) {
        throw new CiException(
            "cannot make the wheel built from "
                + file.getFileName()
                + " reproducible: "
                + e.getMessage(),
            e);
      }
      wheels.put(file, made.get(0));
    }
    if (!wheels.isEmpty()) {
      console.progress("built " + wheels.size() + " wheels from sdists");
    }
    return wheels;
  }

  /** Every run may build (metadata, wheels): each backend gets the epoch as SOURCE_DATE_EPOCH. */
  private static PipCommand command(WheelhouseRequest request, List<String> args, String label) {
    return PipCommand.of(args)
        .withLabel(label)
        .withEnvironment(Map.of("SOURCE_DATE_EPOCH", Long.toString(request.epoch())));
  }

  private static String describeTarget(WheelhouseRequest request) {
    List<String> parts = new ArrayList<>();
    request.target().platforms().forEach(p -> parts.add("--download-platform " + p));
    request.target().pythonVersion().ifPresent(v -> parts.add("--download-python-version " + v));
    request.target().implementation().ifPresent(v -> parts.add("--download-implementation " + v));
    request.target().abi().ifPresent(v -> parts.add("--download-abi " + v));
    if (request.onlyBinary()) {
      parts.add("--download-only-binary");
    }
    return String.join(" ", parts);
  }
}
