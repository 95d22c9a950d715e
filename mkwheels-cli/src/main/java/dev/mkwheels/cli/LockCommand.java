package dev.mkwheels.cli;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.ci.LockFormat;
import dev.mkwheels.ci.LockRequest;
import dev.mkwheels.ci.LockResolver;
import dev.mkwheels.ci.LockResult;
import dev.mkwheels.ci.Locker;
import dev.mkwheels.ci.Pin;
import dev.mkwheels.ci.Plural;
import dev.mkwheels.engine.PipRunners;
import dev.mkwheels.pip.PipCommand;
import dev.mkwheels.pip.PipRunner;
import dev.mkwheels.resolver.Target;
import dev.mkwheels.resolver.Targets;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mkwheels lock}: a pinned, hashed pip-compile-style lock for one interpreter. */
@Command(
    name = "mkwheels lock",
    sortOptions = false,
    usageHelpWidth = 100,
    footer = "Exit codes: 0 done, 1 the job failed, 2 bad usage.",
    description = {
      "Resolves the requirement files for the interpreter (or for each --target, or for"
          + " --python-version) and writes a pip-compile-style lock: every"
          + " distribution pinned name==version with a --hash for every file of that version the"
          + " indexes offer, '# via' comments, and a header saying how to regenerate it. Pins of an"
          + " existing --out file are kept while they still fit; re-running with nothing changed"
          + " leaves the file as it was, byte for byte. Several --target write one lock per target,"
          + " each named by --out with {target} replaced by the target's name."
    })
final class LockCommand implements Subcommand {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  @Option(
      names = "--python",
      paramLabel = "PATH",
      description = "The interpreter the lock is for; its pip resolves. Default: python3.")
  String python = "python3";

  @Option(
      names = "--req",
      paramLabel = "FILE",
      required = true,
      description = "A requirements file (-r/-c includes, extras, markers); repeatable.")
  List<Path> requirements = new ArrayList<>();

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "The lock to write.")
  Path output;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "requirements (default): pip-compile style; pylock: a PEP 751 pylock.toml listing every"
              + " file of every pin by URL and sha256 (--out must then be named pylock.toml or"
              + " pylock.NAME.toml).")
  String format = "requirements";

  @Option(
      names = {"-U", "--upgrade"},
      description = "Keep none of the existing pins: take the newest versions that fit.")
  boolean upgrade;

  @Option(
      names = {"-P", "--upgrade-package"},
      paramLabel = "NAME",
      description =
          "Take the newest version of this distribution, keep the other pins (repeatable).")
  List<String> upgradePackages = new ArrayList<>();

  @Option(
      names = "--target",
      paramLabel = "TARGET",
      description =
          "Lock for this target instead of the interpreter (repeatable; --resolver native): "
              + Targets.FORMS
              + ". Only wheels are taken, so no interpreter of the target is needed. With several,"
              + " one lock each: --out must hold {target}, e.g. --out 'requirements-{target}.lock'.")
  List<String> targets = new ArrayList<>();

  @Option(
      names = "--python-version",
      paramLabel = "X.Y",
      description =
          "Lock for this Python on the interpreter's platform (--resolver native); no such"
              + " interpreter is needed when no build is: only wheels are taken.")
  String pythonVersion;

  @Option(
      names = "--resolver",
      paramLabel = "NAME",
      description =
          "native (default): mkwheels' own resolver; an existing pin that no longer fits is"
              + " dropped alone. pip: the interpreter's pip resolves (host only; when any pin"
              + " conflicts, all are dropped).")
  String resolver = "native";

  @Mixin IndexOptions index = new IndexOptions();
  @Mixin ConsoleOptions consoleOptions = new ConsoleOptions();

  private final HttpFetcher http;
  private final PipRunners pipRunners;
  private final Environment environment;
  private final Streams streams;

  @Inject
  LockCommand(HttpFetcher http, PipRunners pipRunners, Environment environment, Streams streams) {
    this.http = requireNonNull(http, "http is null");
    this.pipRunners = requireNonNull(pipRunners, "pipRunners is null");
    this.environment = requireNonNull(environment, "environment is null");
    this.streams = requireNonNull(streams, "streams is null");
  }

  @Override
  public String name() {
    return "lock";
  }

  @Override
  public String summary() {
    return "Write a pinned, hashed pip-compile-style lock for one Python.";
  }

  @Override
  public Integer call() throws MkwheelsException {
    for (String name : upgradePackages) {
      if (!Pin.isValidName(name)) {
        throw new Launcher.SubcommandUsageException(
            name(), "--upgrade-package takes a project name, not '" + name + "'");
      }
    }
    LockFormat lockFormat =
        switch (format) {
          case "requirements" -> LockFormat.REQUIREMENTS;
          case "pylock" -> LockFormat.PYLOCK;
          default ->
              throw new Launcher.SubcommandUsageException(
                  name(), "--format takes requirements or pylock, not '" + format + "'");
        };
    if (lockFormat == LockFormat.PYLOCK) {
      if (!LockFormat.isPylockName(output)) {
        throw new Launcher.SubcommandUsageException(
            name(),
            "--format pylock writes pylock.toml or pylock.NAME.toml (PEP 751), not " + output);
      }
    }
    Path out = output.toAbsolutePath().normalize();
    for (Path requirement : requirements) {
      if (requirement.toAbsolutePath().normalize().equals(out)) {
        throw new Launcher.SubcommandUsageException(
            name(), "--out " + output + " is also a --req file");
      }
    }
    StreamConsole console = consoleOptions.console(streams.err());
    PipRunner pip =
        pipRunners.create(python, environment.variables(), console, PipCommand.DEFAULT_TIMEOUT);
    LockRequest request =
        new LockRequest(
            requirements,
            output,
            index.pip(),
            upgrade,
            Set.copyOf(upgradePackages),
            regenerate(),
            lockFormat);
    for (LockResult result : new Locker(pip, http, console).lockAll(targeted(request))) {
      result.changes().forEach(change -> streams.out().println(TerminalText.line(change)));
      streams
          .out()
          .println(
              result.output()
                  + ": "
                  + Plural.of(result.pins().size(), "distribution")
                  + " pinned"
                  + (result.written()
                      ? (result.changes().isEmpty() ? ", rewritten" : ", written")
                      : ", unchanged"));
    }
    streams.out().flush();
    return 0;
  }

  /** {@code request} with --resolver, --target and --python-version; a bad one is bad usage. */
  private LockRequest targeted(LockRequest request) throws Launcher.SubcommandUsageException {
    LockResolver kind =
        switch (resolver) {
          case "native" -> LockResolver.NATIVE;
          case "pip" -> LockResolver.PIP;
          default ->
              throw new Launcher.SubcommandUsageException(
                  name(), "--resolver takes native or pip, not '" + resolver + "'");
        };
    try {
      List<Target> parsed = new ArrayList<>();
      for (String target : targets) {
        parsed.add(Targets.parse(target));
      }
      return request.withResolver(kind, parsed, Optional.ofNullable(pythonVersion));
    } catch (IllegalArgumentException e) {
      throw new Launcher.SubcommandUsageException(name(), e.getMessage());
    }
  }

  /** The header's command: what regenerates this file, without --upgrade and without secrets. */
  private String regenerate() {
    List<String> args = new ArrayList<>(List.of("mkwheels", "lock", "--python", python));
    requirements.forEach(r -> args.addAll(List.of("--req", r.toString())));
    args.addAll(List.of("--out", output.toString()));
    if (!format.equals("requirements")) {
      args.addAll(List.of("--format", format));
    }
    targets.forEach(t -> args.addAll(List.of("--target", t)));
    if (pythonVersion != null) {
      args.addAll(List.of("--python-version", pythonVersion));
    }
    if (!resolver.equals("native")) {
      args.addAll(List.of("--resolver", resolver));
    }
    args.addAll(index.arguments());
    List<String> quoted = new ArrayList<>();
    for (String arg : args) {
      quoted.add(PLAIN.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'");
    }
    return String.join(" ", quoted);
  }
}
