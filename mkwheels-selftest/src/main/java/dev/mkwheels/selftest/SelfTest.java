package dev.mkwheels.selftest;

import dev.mkwheels.testkit.IsolatedPip;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mkwheels-selftest}: proves on this machine that mkwheels is reproducible. Each mode builds
 * twice in fresh JVMs, under a different umask, time zone, locale (and JDK, when given), into
 * separate directories; the tarballs must be byte-identical and install offline. Hermetic runs also
 * build the index's sdist into a wheel ({@code --wheels-only}) in each build.
 */
@Command(
    name = "mkwheels-selftest",
    mixinStandardHelpOptions = true,
    description =
        "Proves that two mkwheels builds at one epoch are byte-identical and install offline."
            + " Hermetic by default: it serves its own index, JSON API, GitHub-style API and git repositories"
            + " on 127.0.0.1.")
public final class SelfTest implements Callable<Integer> {
  @Option(
      names = "--cli-lib",
      paramLabel = "DIR",
      required = true,
      description = "The built CLI's lib folder (the launcher passes it).")
  Path cliLib;

  @Option(
      names = "--live",
      description = "Check against the real PyPI and GitHub instead (needs a network).")
  boolean live;

  @Option(
      names = "--pypi-package",
      paramLabel = "NAME==VER",
      defaultValue = "requests==2.32.3",
      description =
          "What the --pypi check vendors with --live or --index-url. Default: ${DEFAULT-VALUE}.")
  String pypiPackage;

  @Option(
      names = "--gh-repo",
      paramLabel = "OWNER/REPO@TAG",
      defaultValue = "pypa/sampleproject@v4.0.0",
      description = "What the --gh check vendors with --live. Default: ${DEFAULT-VALUE}.")
  String ghRepo;

  @Option(
      names = "--index-url",
      paramLabel = "URL",
      description = "Run the --pypi check against this index (with --epoch), nothing else.")
  String indexUrl;

  @Option(
      names = "--epoch",
      paramLabel = "N",
      defaultValue = "1700000000",
      description =
          "The epoch for --index-url (a plain index has no upload times). Default: ${DEFAULT-VALUE}.")
  long epoch;

  @Option(
      names = "--python",
      paramLabel = "PATH",
      defaultValue = "python3",
      description =
          "The interpreter for mkwheels and the offline installs. Default: ${DEFAULT-VALUE}.")
  String python;

  @Option(
      names = "--second-java",
      paramLabel = "PATH",
      description =
          "Another JDK's java for the second build (e.g. Temurin 25). Default: the same java.")
  Path secondJava;

  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      description = "Keep the builds here instead of in a temporary directory deleted afterwards.")
  Path workDir;

  private PrintStream out = System.out;
  private PrintStream err = System.err;

  public static void main(String[] args) {
    System.exit(run(System.out, System.err, args));
  }

  /** Runs the selftest; 0 when every check passed, 1 when one failed, 2 on bad usage. */
  public static int run(PrintStream out, PrintStream err, String... args) {
    SelfTest selfTest = new SelfTest();
    selfTest.out = out;
    selfTest.err = err;
    CommandLine commandLine = new CommandLine(selfTest);
    commandLine.setParameterExceptionHandler(
        (e, a) -> {
          err.println(
              "mkwheels-selftest: "
                  + e.getMessage().lines().findFirst().orElse("bad usage")
                  + " (see 'mkwheels-selftest --help')");
          return 2;
        });
    commandLine.setExecutionExceptionHandler(
        (e, c, p) -> {
          err.println("mkwheels-selftest: " + e);
          return 1;
        });
    return commandLine.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    List<String> pypi = pypiArgs();
    LiveGithub liveGithub = null;
    if (live && indexUrl == null) {
      try {
        liveGithub = new LiveGithub(ghRepo);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
      }
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Variation first = new Variation("022", "UTC", "C.UTF-8", java);
    Variation second =
        new Variation(
            "077",
            "Pacific/Chatham",
            "tr_TR.UTF-8",
            secondJava == null ? java : secondJava.toAbsolutePath());
    Path work =
        workDir != null
            ? Files.createDirectories(workDir.toAbsolutePath())
            : Files.createTempDirectory("mkwheels-selftest-");
    List<Outcome> outcomes = new ArrayList<>();
    try {
      Map<String, String> env = environment();
      CliRunner cli = new CliRunner(cliLib.toAbsolutePath(), env, live);
      ReproducibilityCheck check =
          new ReproducibilityCheck(cli, new OfflineInstall(python, env), first, second);
      List<String> common = List.of("--python", python);
      if (indexUrl != null) {
        outcomes.addAll(
            check.run(
                "pypi",
                concat(
                    pypi,
                    List.of("--index-url", indexUrl, "--epoch", Long.toString(epoch)),
                    common),
                work.resolve("pypi"),
                Optional.empty(),
                this::progress));
      } else if (live) {
        outcomes.addAll(
            check.run(
                "pypi",
                concat(pypi, common),
                work.resolve("pypi"),
                Optional.empty(),
                this::progress));
        outcomes.addAll(liveGithub.check(check, common, work.resolve("gh"), this::progress));
      } else {
        try (HermeticIndex index = HermeticIndex.start()) {
          // mkwheels' own resolver for --pypi and --gh (the git dependency written from its
          // commit); pip's path stays proven by the --wheels-only check, which only pip can run.
          List<String> nativeResolver = List.of("--resolver", "native");
          outcomes.addAll(
              check.run(
                  "pypi --resolver native",
                  concat(index.pypiArguments(), nativeResolver, common),
                  work.resolve("pypi"),
                  Optional.empty(),
                  this::progress));
          // The sdist built into a wheel in each build, at another moment and under another umask.
          outcomes.addAll(
              check.run(
                  "pypi --wheels-only --resolver pip",
                  concat(
                      index.pypiArguments(), List.of("--wheels-only", "--resolver", "pip"), common),
                  work.resolve("pypi-wheels-only"),
                  Optional.empty(),
                  this::progress));
          outcomes.addAll(
              HermeticGithub.check(index, check, common, work.resolve("gh"), this::progress));
          // Two machines in one run.
          outcomes.addAll(
              check.run(
                  "pypi, two targets",
                  concat(index.multiTargetArguments(), List.of(), common),
                  work.resolve("pypi-targets"),
                  Optional.empty(),
                  this::progress));
        }
      }
    } finally {
      if (workDir == null) {
        deleteTree(work);
      }
    }
    outcomes.forEach(o -> out.println(o.line()));
    long failed = outcomes.stream().filter(o -> !o.ok()).count();
    out.println((outcomes.size() - failed) + " passed, " + failed + " failed");
    return failed == 0 ? 0 : 1;
  }

  private List<String> pypiArgs() {
    String[] parts = pypiPackage.split("==", 2);
    if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--pypi-package must be NAME==VER, not '" + pypiPackage + "'");
    }
    return List.of("--pypi", "--name", parts[0], "--ver", parts[1]);
  }

  /**
   * Hermetic runs isolate pip from this machine's configuration; live runs use it as a user would.
   */
  private Map<String, String> environment() {
    Map<String, String> env =
        live || indexUrl != null ? new TreeMap<>(System.getenv()) : IsolatedPip.environment();
    env.remove("SOURCE_DATE_EPOCH");
    return env;
  }

  private void progress(String message) {
    err.println("mkwheels-selftest: " + message);
  }

  @SafeVarargs
  private static List<String> concat(List<String>... parts) {
    List<String> all = new ArrayList<>();
    for (List<String> part : parts) {
      all.addAll(part);
    }
    return all;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        path.toFile().setWritable(true);
        Files.deleteIfExists(path);
      }
    }
  }
}
