package dev.mkwheels.selftest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mkwheels.pip.ChildEnvironment;
import dev.mkwheels.pip.ChildProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs the built mkwheels CLI in a fresh JVM, as a user would, under a {@link Variation}: as a
 * {@link ChildProcess} (killed with everything it started when the selftest is interrupted), in a
 * {@link ChildEnvironment} (the caller's credentials dropped, but for the forge tokens mkwheels
 * reads itself when a live run needs them, and what {@code MKWHEELS_PASS_ENV} names).
 */
final class CliRunner {
  private static final long TIMEOUT_MINUTES = 20;

  private final Path cliLib;
  private final Map<String, String> environment;
  private final boolean forgeTokens;

  /** A hermetic runner: no credential of {@code environment} reaches mkwheels. */
  CliRunner(Path cliLib, Map<String, String> environment) {
    this(cliLib, environment, false);
  }

  /**
   * @param forgeTokens whether the forge tokens ({@link ChildEnvironment#FORGE_TOKENS}) pass: a
   *     live run against GitHub may need one; mkwheels keeps them from its own children
   */
  CliRunner(Path cliLib, Map<String, String> environment, boolean forgeTokens) {
    this.cliLib = cliLib;
    this.environment = new TreeMap<>(environment);
    this.forgeTokens = forgeTokens;
  }

  /** The caller's environment minus its credentials, with the variation's variables. */
  ChildEnvironment environment(Map<String, String> fixed) {
    Map<String, String> user = new TreeMap<>(environment);
    String passed = user.get(ChildEnvironment.PASS_VARIABLE);
    if (forgeTokens) {
      List<String> names = new ArrayList<>(ChildEnvironment.FORGE_TOKENS);
      if (passed != null) {
        names.add(passed);
      }
      user.put(ChildEnvironment.PASS_VARIABLE, String.join(",", names));
    }
    ChildEnvironment child = ChildEnvironment.of(user).with(fixed);
    if (forgeTokens) {
      child = child.without(List.of(ChildEnvironment.PASS_VARIABLE));
      if (passed != null) {
        child = child.with(Map.of(ChildEnvironment.PASS_VARIABLE, passed));
      }
    }
    return child;
  }

  /** What one run printed. {@code json} is the parsed stdout when it was one JSON object. */
  record Run(int exit, String stdout, String stderr, Map<String, Object> json) {
    String lastError() {
      List<String> lines = stderr.strip().lines().toList();
      return lines.isEmpty()
          ? "exit " + exit + " with nothing on stderr"
          : lines.get(lines.size() - 1);
    }
  }

  /**
   * Runs {@code mkwheels ARGS} with its own private temporary directory ({@code tmp} under {@code
   * work}), so the caller can see that nothing was left behind.
   */
  Run run(Variation variation, Path work, List<String> args)
      throws IOException, InterruptedException {
    Path tmp = Files.createDirectories(work.resolve("tmp"));
    List<String> command =
        new ArrayList<>(
            List.of(
                "/bin/sh",
                "-c",
                "umask \"$1\" && shift && exec \"$@\"",
                "sh",
                variation.umask(),
                variation.java().toString(),
                "-Djava.io.tmpdir=" + tmp,
                "-p",
                cliLib.toString(),
                "-m",
                "dev.mkwheels.cli/dev.mkwheels.cli.Main"));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    Map<String, String> fixed = new TreeMap<>();
    fixed.put("TZ", variation.timeZone());
    fixed.put("LC_ALL", variation.locale());
    fixed.put("LANG", variation.locale());
    fixed.put("TMPDIR", tmp.toString());
    Path out = work.resolve("stdout.txt");
    Path err = work.resolve("stderr.txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    int exit;
    try (ChildProcess child = ChildProcess.start(builder, environment(fixed))) {
      if (!child.process().waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        throw new IOException("mkwheels did not finish within " + TIMEOUT_MINUTES + " minutes");
      }
      exit = child.process().exitValue();
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    Map<String, Object> json = Map.of();
    if (stdout.strip().startsWith("{")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> parsed = new ObjectMapper().readValue(stdout, Map.class);
      json = parsed;
    }
    return new Run(exit, stdout, stderr, json);
  }
}
