package dev.mkwheels.selftest;

import dev.mkwheels.rebuild.TarballDiff;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Builds the same thing twice in fresh JVMs under different {@link Variation}s and separate output
 * directories (side by side, the second a moment later), compares the tarballs byte for byte, and
 * installs one offline.
 */
final class ReproducibilityCheck {
  /**
   * How long after the first build the second starts: more than a second and than the two seconds
   * of a zip entry's time, so a clock that leaks into the bytes still makes them differ.
   */
  static final Duration SECOND_BUILD_LATER = Duration.ofMillis(2_500);

  private final CliRunner cli;
  private final OfflineInstall installer;
  private final Variation first;
  private final Variation second;

  ReproducibilityCheck(CliRunner cli, OfflineInstall installer, Variation first, Variation second) {
    this.cli = cli;
    this.installer = installer;
    this.first = first;
    this.second = second;
  }

  /**
   * @param label the mode, e.g. {@code pypi}
   * @param args the mode's arguments, without {@code --output-dir} and {@code --json}
   * @param projectSource for a source build, where the project's own tree is, installed last
   */
  List<Outcome> run(
      String label,
      List<String> args,
      Path work,
      Optional<Path> projectSource,
      Consumer<String> progress)
      throws IOException, InterruptedException {
    return run(label, args, args, work, projectSource, progress);
  }

  /** As above, but the second build gets {@code secondArgs}: how a test injects a difference. */
  List<Outcome> run(
      String label,
      List<String> args,
      List<String> secondArgs,
      Path work,
      Optional<Path> projectSource,
      Consumer<String> progress)
      throws IOException, InterruptedException {
    List<Outcome> outcomes = new ArrayList<>();
    Path dirA = Files.createDirectories(work.resolve("a"));
    Path dirB = Files.createDirectories(work.resolve("b"));
    // The two builds run side by side (each waits on pip most of the time), the second started
    // SECOND_BUILD_LATER after the first, so that it still runs at another moment.
    progress.accept(label + ": first build (" + first.describe() + ")");
    FutureTask<Build> later =
        new FutureTask<>(
            () -> {
              Thread.sleep(SECOND_BUILD_LATER.toMillis());
              progress.accept(label + ": second build (" + second.describe() + ")");
              return build(second, secondArgs, dirB);
            });
    Thread secondBuild = new Thread(later, "selftest-second-build");
    secondBuild.start();
    Build a;
    Build b;
    try {
      a = build(first, args, dirA);
      b = secondBuild(later);
    } finally {
      // On any failure of the first build the second is interrupted: its CLI process is killed.
      later.cancel(true);
      secondBuild.join();
    }
    for (Build build : List.of(a, b)) {
      if (build.failure().isPresent()) {
        outcomes.add(
            Outcome.failed(
                label
                    + ": build under "
                    + build.variation().describe()
                    + " failed: "
                    + build.failure().get()));
        return outcomes;
      }
    }
    String what = label + ": two builds (" + first.describe() + " | " + second.describe() + ")";
    if (!a.md5().equals(b.md5()) || !a.sha256().equals(b.sha256())) {
      String difference =
          TarballDiff.compare(a.tarball(), b.tarball()).orElse("the printed digests differ");
      outcomes.add(
          Outcome.failed(what + " differ: " + difference + "; md5 " + a.md5() + " vs " + b.md5()));
      return outcomes;
    }
    Optional<String> bytes = TarballDiff.compare(a.tarball(), b.tarball());
    if (bytes.isPresent()) {
      outcomes.add(
          Outcome.failed(what + ": equal printed digests but different files: " + bytes.get()));
      return outcomes;
    }
    outcomes.add(
        Outcome.ok(what + " are byte-identical: md5 " + a.md5() + " sha256 " + a.sha256()));
    outcomes.add(leftovers(label, work));
    progress.accept(label + ": installing offline into a fresh venv");
    try {
      int count =
          installer.install(
              a.tarball(), Files.createDirectories(work.resolve("install")), projectSource);
      outcomes.add(
          Outcome.ok(
              label
                  + ": "
                  + a.tarball().getFileName()
                  + " ("
                  + count
                  + " distributions) installs offline into a fresh venv"
                  + (projectSource.isPresent()
                      ? " by the README recipe"
                      : " with --no-index --require-hashes")));
    } catch (IOException e) {
      outcomes.add(
          Outcome.failed(
              label + ": offline install of " + a.tarball().getFileName() + ": " + e.getMessage()));
    }
    return outcomes;
  }

  /** The second build's result, or what it threw. */
  private static Build secondBuild(FutureTask<Build> later)
      throws IOException, InterruptedException {
    try {
      return later.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  record Build(
      Variation variation, Path tarball, String md5, String sha256, Optional<String> failure) {}

  private Build build(Variation variation, List<String> args, Path dir)
      throws IOException, InterruptedException {
    Path out = Files.createDirectories(dir.resolve("out"));
    List<String> full = new ArrayList<>(args);
    full.addAll(List.of("--output-dir", out.toString(), "--json"));
    CliRunner.Run run = cli.run(variation, dir, full);
    if (run.exit() != 0) {
      return new Build(
          variation, null, "", "", Optional.of("exit " + run.exit() + ": " + run.lastError()));
    }
    Object tarball = run.json().get("tarball");
    if (tarball == null) {
      return new Build(variation, null, "", "", Optional.of("no tarball in its --json output"));
    }
    return new Build(
        variation,
        Path.of(tarball.toString()),
        String.valueOf(run.json().get("md5")),
        String.valueOf(run.json().get("sha256")),
        Optional.empty());
  }

  private static Outcome leftovers(String label, Path work) throws IOException {
    List<String> left = new ArrayList<>();
    for (String side : List.of("a", "b")) {
      try (Stream<Path> files = Files.list(work.resolve(side).resolve("tmp"))) {
        files.forEach(f -> left.add(side + "/tmp/" + f.getFileName()));
      }
      try (Stream<Path> files = Files.list(work.resolve(side).resolve("out"))) {
        files
            .filter(f -> !f.getFileName().toString().endsWith(".tar.gz"))
            .forEach(f -> left.add(side + "/out/" + f.getFileName()));
      }
    }
    return left.isEmpty()
        ? Outcome.ok(
            label + ": nothing left behind (no temporary files in TMPDIR or beside the tarball)")
        : Outcome.failed(label + ": left behind: " + String.join(", ", left));
  }
}
