package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mkwheels.testkit.BuildBackend;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.SdistBuilder;
import dev.mkwheels.testkit.WheelBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --resolver native} run as a user runs it: the packaged CLI in a fresh JVM, a loopback
 * index, real pip 23 where pip is needed (the host's tags, build requirements, the install).
 */
class NativeResolverIT {
  static final Instant UPLOADED = Instant.parse("2024-05-06T07:08:09Z");
  static final String LINUX = "cp311-manylinux_2_17_x86_64";
  static final String WINDOWS = "cp311-win_amd64";
  static PackageIndex index;

  @TempDir Path temp;
  Path tmpdir;
  Path out;

  @BeforeAll
  static void serve() throws IOException {
    index =
        PackageIndex.start()
            // A tree with an sdist root, so the build requirements are vendored too.
            .add(SdistBuilder.sdist("omega", "1.0").requires("alpha").build(), UPLOADED)
            .add(BuildBackend.wheel(), UPLOADED)
            .add(
                WheelBuilder.wheel("alpha", "1.0")
                    .requires("beta>=1", "gamma; python_version < '3'")
                    .build(),
                UPLOADED)
            .add(WheelBuilder.wheel("beta", "1.0").build(), UPLOADED)
            // Uploaded after alpha 1.0's own files: the freeze leaves it out, even on pip 23.
            .add(WheelBuilder.wheel("beta", "2.0").build(), UPLOADED.plusSeconds(86_400))
            .add(WheelBuilder.wheel("gamma", "1.0").build(), UPLOADED)
            // Two machines, two trees: the markers decide.
            .add(
                WheelBuilder.wheel("app", "1.0")
                    .requires(
                        "beta",
                        "vary",
                        "linuxonly; sys_platform == 'linux'",
                        "winonly; sys_platform == 'win32'")
                    .build(),
                UPLOADED)
            .add(WheelBuilder.wheel("linuxonly", "1.0").build(), UPLOADED)
            .add(WheelBuilder.wheel("winonly", "1.0").build(), UPLOADED)
            // The newest version has a Windows wheel only: each machine needs its own version.
            .add(WheelBuilder.wheel("vary", "1.0").build(), UPLOADED)
            .add(WheelBuilder.wheel("vary", "2.0").tag("py3-none-win_amd64").build(), UPLOADED)
            // Only an sdist: no other machine can have it without building.
            .add(WheelBuilder.wheel("needy", "1.0").requires("sourceonly").build(), UPLOADED)
            .add(SdistBuilder.sdist("sourceonly", "1.0").build(), UPLOADED)
            // An extra: --extras fast brings speedy in, and speedy's own extra brings nothing.
            .add(
                WheelBuilder.wheel("quick", "1.0")
                    .extras("fast", "slow")
                    .requires("beta", "speedy; extra == 'fast'", "gamma; extra == 'slow'")
                    .build(),
                UPLOADED)
            .add(WheelBuilder.wheel("speedy", "1.0").build(), UPLOADED)
            // A pre-release, taken only with pre-releases on.
            .add(WheelBuilder.wheel("early", "1.0").requires("preview").build(), UPLOADED)
            .add(WheelBuilder.wheel("preview", "1.0").build(), UPLOADED)
            .add(WheelBuilder.wheel("preview", "2.0b1").build(), UPLOADED)
            // A wheel and an sdist: pip's no-binary picks the sdist.
            .add(WheelBuilder.wheel("usesdual", "1.0").requires("dual").build(), UPLOADED)
            .add(WheelBuilder.wheel("dual", "1.0").build(), UPLOADED)
            .add(SdistBuilder.sdist("dual", "1.0").build(), UPLOADED)
            // The newest version has only an sdist: pip's prefer-binary takes the older wheel.
            .add(WheelBuilder.wheel("usesbinpref", "1.0").requires("binpref").build(), UPLOADED)
            .add(WheelBuilder.wheel("binpref", "1.0").build(), UPLOADED)
            .add(SdistBuilder.sdist("binpref", "2.0").build(), UPLOADED);
  }

  @AfterAll
  static void stop() {
    index.close();
  }

  @BeforeEach
  void directories() throws IOException {
    tmpdir = Files.createDirectory(temp.resolve("tmp"));
    out = Files.createDirectory(temp.resolve("out"));
  }

  private CliProcess.Result pypi(Path output, String name, String... more) throws Exception {
    return pypi(Map.of(), output, name, more);
  }

  private CliProcess.Result pypi(Map<String, String> env, Path output, String name, String... more)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--pypi",
                "--name",
                name,
                "--ver",
                "1.0",
                "--index-url",
                index.simpleUrl(),
                "--pypi-url",
                index.jsonApiUrl(),
                "--output-dir",
                output.toString()));
    args.addAll(List.of(more));
    return CliProcess.run(temp, tmpdir, env, Optional.empty(), args.toArray(String[]::new));
  }

  @Test
  void theNativeResolverPacksTheSameFilesAsPip() throws Exception {
    Path viaPip = Files.createDirectory(temp.resolve("pip"));
    // pip 23 cannot leave out a late upload: the native run is told a cutoff after all of them.
    CliProcess.Result pip = pypi(viaPip, "omega", "--resolver", "pip");
    assertEquals(0, pip.code(), pip.err());
    CliProcess.Result result =
        pypi(
            out, "omega", "--resolver", "native", "--uploaded-prior-to", "2030-01-01", "--verbose");
    assertEquals(0, result.code(), result.err());
    // The interpreter is asked once for pip's version, its configuration and the host's tags; the
    // files the native downloader wrote are not hashed again, only what pip added.
    assertEquals(
        1,
        result
            .err()
            .lines()
            .filter(l -> l.contains("reading pip's version, configuration"))
            .count(),
        result.err());
    // ... at the start, while the source resolves.
    List<String> lines = result.err().lines().toList();
    int asked = lines.indexOf("mkwheels: reading pip's version, configuration and tags (python3)");
    int resolved =
        lines.indexOf(
            lines.stream()
                .filter(l -> l.startsWith("mkwheels: resolved omega "))
                .findFirst()
                .orElse(""));
    assertTrue(0 <= asked && asked < resolved, result.err());
    assertFalse(result.err().contains("pip --version"), result.err());
    assertFalse(result.err().contains("pip config list"), result.err());
    assertTrue(
        result
            .err()
            .lines()
            .anyMatch(
                l ->
                    l.matches(
                        "mkwheels: checking (\\d+) files against the index \\((\\d+) hashed as"
                            + " they were downloaded, 1 to hash\\)")),
        result.err());
    assertTrue(result.out().contains("resolver: native\n"), result.out());
    assertTrue(result.out().contains("build-requirements: 1 files added"), result.out());
    List<String> natively = members(out.resolve("omega-wheels-1.0.tar.gz"));
    assertEquals(members(viaPip.resolve("omega-wheels-1.0.tar.gz")), natively);
    assertTrue(natively.contains("omega-wheels-1.0/beta-2.0-py3-none-any.whl"), "" + natively);
    assertEquals(List.of(), list(tmpdir), "no work directory left");
  }

  @Test
  void aFileUploadedAfterTheReleaseIsNotChosenOnPip23() throws Exception {
    CliProcess.Result result = pypi(out, "alpha", "--resolver", "native");
    assertEquals(0, result.code(), result.err());
    List<String> files = members(out.resolve("alpha-wheels-1.0.tar.gz"));
    assertTrue(files.contains("alpha-wheels-1.0/beta-1.0-py3-none-any.whl"), "" + files);
    assertFalse(files.contains("alpha-wheels-1.0/beta-2.0-py3-none-any.whl"), "" + files);
    assertTrue(
        result
            .out()
            .contains(
                "upload-time-filter: files uploaded after 2024-05-06T07:08:09Z left out (the"
                    + " latest upload of alpha 1.0's own files)\n"),
        result.out());
  }

  @Test
  void twoTargetsPackTheUnionAndPipInstallsEachTargetsOwnTree() throws Exception {
    CliProcess.Result result = pypi(out, "app", "--target", LINUX, "--target", WINDOWS);
    assertEquals(0, result.code(), result.err());
    assertTrue(
        result.out().contains("targets: " + LINUX + "\ntargets: " + WINDOWS + "\n"), result.out());
    Path tarball = out.resolve("app-wheels-1.0.tar.gz");
    List<String> files = members(tarball);
    for (String wheel :
        List.of("app", "beta-1.0", "linuxonly", "winonly", "vary-1.0", "vary-2.0")) {
      assertTrue(files.stream().anyMatch(f -> f.contains("/" + wheel)), wheel + ": " + files);
    }
    Path extracted = Files.createDirectory(temp.resolve("extracted"));
    run("tar", "-xzf", tarball.toString(), "-C", extracted.toString());
    Path wheels = extracted.resolve("app-wheels-1.0");
    String requirements = Files.readString(wheels.resolve("requirements.txt"));
    assertTrue(
        requirements.contains(
            "winonly==1.0 ; python_version == \"3.11\" and implementation_name == \"cpython\" and"
                + " sys_platform == \"win32\" and platform_machine == \"AMD64\" \\\n"),
        requirements);
    assertTrue(requirements.contains("app==1.0 \\\n"), "for every target: " + requirements);
    // Two pins of one project, each under its own target's markers, each with its own hash.
    assertTrue(requirements.contains("\nvary==1.0 ; python_version == \"3.11\""), requirements);
    assertTrue(requirements.contains("\nvary==2.0 ; python_version == \"3.11\""), requirements);
    Path venv = temp.resolve("venv");
    run("python3", "-m", "venv", venv.toString());
    run(
        venv.resolve("bin/python").toString(),
        "-m",
        "pip",
        "install",
        "--no-index",
        "--find-links",
        wheels.toString(),
        "--require-hashes",
        "-r",
        wheels.resolve("requirements.txt").toString());
    String installed = run(venv.resolve("bin/python").toString(), "-m", "pip", "freeze");
    assertTrue(installed.contains("linuxonly==1.0"), installed);
    assertFalse(installed.contains("winonly"), installed);
    assertTrue(installed.contains("app==1.0"), installed);
    assertTrue(installed.contains("vary==1.0"), "the host's own version: " + installed);
    String lock = Files.readString(wheels.resolve("pylock.toml"));
    assertTrue(lock.contains("name = \"vary\"\nversion = \"2.0\"\nmarker = "), lock);
    // PEP 751's environments: each target's marker, so pip refuses the lock on any other machine.
    assertTrue(lock.startsWith("lock-version = \"1.0\"\nenvironments = [\n  \""), lock);
    String environments = lock.substring(0, lock.indexOf("\n]\n"));
    assertEquals(2, environments.lines().filter(l -> l.startsWith("  \"")).count(), lock);
    assertTrue(environments.contains("sys_platform == \\\"linux\\\""), lock);
    assertTrue(environments.contains("sys_platform == \\\"win32\\\""), lock);
  }

  @Test
  void aStaleRememberedAnswerOfTheInterpreterIsCheckedAndTheTreeResolvedAgain() throws Exception {
    Path cache = temp.resolve("cache");
    Map<String, String> env = Map.of("MKWHEELS_CACHE_DIR", cache.toString());
    CliProcess.Result first = pypi(env, out, "app", "--resolver", "native", "--verbose");
    assertEquals(0, first.code(), first.err());
    assertFalse(first.err().contains("remembered in"), "nothing remembered yet: " + first.err());
    List<Path> remembered = list(cache);
    assertEquals(1, remembered.size(), "" + remembered);
    // The interpreter's remembered answer now says Windows, and the witness kept with it no longer
    // holds (as after a change of interpreter): the run starts from it, then sees this machine's
    // own answer differ and resolves again, so the tree is this machine's.
    ObjectMapper json = new ObjectMapper();
    ObjectNode file = (ObjectNode) json.readTree(remembered.get(0).toFile());
    ObjectNode answer = (ObjectNode) json.readTree(file.get("answer").asText());
    assertEquals("linux", answer.get("environment").get("sys_platform").asText(), "" + answer);
    ((ObjectNode) answer.get("environment")).put("sys_platform", "win32");
    String witness = answer.get("witness").asText();
    answer.put("witness", witness.replace("\"linux\"", "\"win32\""));
    assertFalse(answer.get("witness").asText().equals(witness), witness);
    String stale = json.writeValueAsString(answer);
    file.put("answer", stale);
    file.put("sha256", sha256(stale)); // as mkwheels wrote it: an edited file is not read at all
    json.writeValue(remembered.get(0).toFile(), file);
    Path second = Files.createDirectory(temp.resolve("second"));
    CliProcess.Result again = pypi(env, second, "app", "--resolver", "native", "--verbose");
    assertEquals(0, again.code(), again.err());
    assertTrue(again.err().contains("remembered in " + cache), again.err());
    assertTrue(
        again.err().contains("tags changed since the last run: resolving again"), again.err());
    String err = again.err();
    assertTrue(
        err.indexOf("downloaded 4 files") < err.indexOf("resolving again"),
        "the first resolution ran on the remembered answer: " + err);
    assertEquals(
        -1L,
        Files.mismatch(
            out.resolve("app-wheels-1.0.tar.gz"), second.resolve("app-wheels-1.0.tar.gz")),
        "the same tarball as the run that asked the interpreter");
    assertTrue(Files.readString(remembered.get(0)).contains("linux"), "the real answer is kept");
    assertEquals(List.of(), list(tmpdir), "no work directory left");
  }

  @Test
  void aConstraintInPipsConfigurationHoldsOnBothResolvers() throws Exception {
    // beta 2.0 is there for both (pip 23 has no freeze; the native run is told a later cutoff),
    // and PIP_CONSTRAINT caps it, as pip download obeys it.
    Path constraints = Files.writeString(temp.resolve("constraints.txt"), "beta<2\n");
    Map<String, String> env = Map.of("PIP_CONSTRAINT", constraints.toString());
    Path viaPip = Files.createDirectory(temp.resolve("pip"));
    CliProcess.Result pip = pypi(env, viaPip, "quick", "--resolver", "pip");
    assertEquals(0, pip.code(), pip.err());
    CliProcess.Result result =
        pypi(env, out, "quick", "--resolver", "native", "--uploaded-prior-to", "2030-01-01");
    assertEquals(0, result.code(), result.err());
    assertTrue(
        result.err().contains("from pip's configuration: constraints from " + constraints),
        result.err());
    List<String> natively = members(out.resolve("quick-wheels-1.0.tar.gz"));
    assertEquals(members(viaPip.resolve("quick-wheels-1.0.tar.gz")), natively);
    assertTrue(natively.contains("quick-wheels-1.0/beta-1.0-py3-none-any.whl"), "" + natively);
    // Without it, the same run takes beta 2.0.
    Path free = Files.createDirectory(temp.resolve("free"));
    CliProcess.Result unconstrained =
        pypi(free, "quick", "--resolver", "native", "--uploaded-prior-to", "2030-01-01");
    assertEquals(0, unconstrained.code(), unconstrained.err());
    assertTrue(
        members(free.resolve("quick-wheels-1.0.tar.gz"))
            .contains("quick-wheels-1.0/beta-2.0-py3-none-any.whl"));
    // A configured file that is not there stops the native run as it stops pip.
    CliProcess.Result missing =
        pypi(
            Map.of("PIP_CONSTRAINT", temp.resolve("nope.txt").toString()),
            Files.createDirectory(temp.resolve("missing")),
            "quick",
            "--resolver",
            "native");
    assertEquals(1, missing.code(), missing.err());
    assertTrue(
        missing
            .err()
            .contains(
                "mkwheels: pip's configuration (constraint): no such constraints file: "
                    + temp.resolve("nope.txt")),
        missing.err());
  }

  @Test
  void preReleasesInPipsConfigurationHoldOnBothResolvers() throws Exception {
    for (Map<String, String> env : List.of(Map.of("PIP_PRE", "1"), Map.<String, String>of())) {
      List<List<String>> trees = new ArrayList<>();
      for (String resolver : List.of("pip", "native")) {
        Path output = Files.createDirectory(temp.resolve(resolver + env.size()));
        CliProcess.Result result = pypi(env, output, "early", "--resolver", resolver);
        assertEquals(0, result.code(), result.err());
        trees.add(members(output.resolve("early-wheels-1.0.tar.gz")));
      }
      assertEquals(trees.get(0), trees.get(1));
      String preview =
          env.isEmpty() ? "preview-1.0-py3-none-any.whl" : "preview-2.0b1-py3-none-any.whl";
      assertTrue(trees.get(1).contains("early-wheels-1.0/" + preview), "" + trees.get(1));
    }
  }

  @Test
  void pipsNoBinaryAndOnlyBinaryHoldOnBothResolvers() throws Exception {
    Map<String, String> noBinary = Map.of("PIP_NO_BINARY", "dual");
    List<List<String>> trees = new ArrayList<>();
    for (String resolver : List.of("pip", "native")) {
      Path output = Files.createDirectory(temp.resolve(resolver));
      CliProcess.Result result = pypi(noBinary, output, "usesdual", "--resolver", resolver);
      assertEquals(0, result.code(), result.err());
      trees.add(members(output.resolve("usesdual-wheels-1.0.tar.gz")));
    }
    assertEquals(trees.get(0), trees.get(1));
    assertTrue(trees.get(1).contains("usesdual-wheels-1.0/dual-1.0.tar.gz"), "" + trees.get(1));
    assertFalse(
        trees.get(1).contains("usesdual-wheels-1.0/dual-1.0-py3-none-any.whl"), "" + trees.get(1));
    // Wheels only: a pin with only an sdist fails on both, and ours says why.
    Map<String, String> onlyBinary = Map.of("PIP_ONLY_BINARY", ":all:");
    CliProcess.Result pip =
        pypi(onlyBinary, Files.createDirectory(temp.resolve("p2")), "needy", "--resolver", "pip");
    assertEquals(1, pip.code(), pip.err());
    CliProcess.Result ours =
        pypi(
            onlyBinary, Files.createDirectory(temp.resolve("n2")), "needy", "--resolver", "native");
    assertEquals(1, ours.code(), ours.err());
    assertTrue(
        ours.err().contains("its file is an sdist (pip's only-binary takes wheels only)"),
        ours.err());
    assertEquals(List.of(), list(tmpdir), "no work directory left");
  }

  @Test
  void pipsPreferBinaryHoldsOnBothResolvers() throws Exception {
    for (Map<String, String> env :
        List.of(Map.of("PIP_PREFER_BINARY", "1"), Map.<String, String>of())) {
      List<List<String>> trees = new ArrayList<>();
      for (String resolver : List.of("pip", "native")) {
        Path output = Files.createDirectory(temp.resolve("b" + resolver + env.size()));
        CliProcess.Result result = pypi(env, output, "usesbinpref", "--resolver", resolver);
        assertEquals(0, result.code(), result.err());
        trees.add(members(output.resolve("usesbinpref-wheels-1.0.tar.gz")));
      }
      assertEquals(trees.get(0), trees.get(1));
      String binpref = env.isEmpty() ? "binpref-2.0.tar.gz" : "binpref-1.0-py3-none-any.whl";
      assertTrue(trees.get(1).contains("usesbinpref-wheels-1.0/" + binpref), "" + trees.get(1));
    }
  }

  @Test
  void extrasBringTheirDependenciesOnBothResolversAndTheLockSaysSo() throws Exception {
    Path plain = Files.createDirectory(temp.resolve("plain"));
    CliProcess.Result without = pypi(plain, "quick", "--resolver", "native");
    assertEquals(0, without.code(), without.err());
    assertEquals(
        List.of(
            "quick-wheels-1.0/",
            "quick-wheels-1.0/beta-1.0-py3-none-any.whl",
            "quick-wheels-1.0/quick-1.0-py3-none-any.whl"),
        members(plain.resolve("quick-wheels-1.0.tar.gz")).stream()
            .filter(m -> m.endsWith("/") || m.endsWith(".whl"))
            .toList());
    Path viaPip = Files.createDirectory(temp.resolve("pip"));
    CliProcess.Result pip = pypi(viaPip, "quick", "--extras", "fast", "--resolver", "pip");
    assertEquals(0, pip.code(), pip.err());
    // pip 23 cannot leave out beta 2.0's late upload: the native run is told a cutoff after it.
    CliProcess.Result result =
        pypi(
            out,
            "quick",
            "--extras",
            "fast",
            "--resolver",
            "native",
            "--uploaded-prior-to",
            "2030-01-01");
    assertEquals(0, result.code(), result.err());
    List<String> natively = members(out.resolve("quick-wheels-1.0.tar.gz"));
    assertEquals(members(viaPip.resolve("quick-wheels-1.0.tar.gz")), natively);
    assertTrue(natively.contains("quick-wheels-1.0/speedy-1.0-py3-none-any.whl"), "" + natively);
    assertFalse(natively.contains("quick-wheels-1.0/gamma-1.0-py3-none-any.whl"), "" + natively);
    assertTrue(result.out().contains("extras: fast (resolved as quick[fast])"), result.out());
    String requirements =
        run(
            "tar",
            "-xzOf",
            out.resolve("quick-wheels-1.0.tar.gz").toString(),
            "quick-wheels-1.0/requirements.txt");
    assertTrue(requirements.contains("# extras: fast (resolved as quick[fast])"), requirements);
    assertTrue(requirements.contains("speedy==1.0"), requirements);

    CliProcess.Result bad = pypi(temp.resolve("none"), "quick", "--extras", "fast,,slow");
    assertEquals(2, bad.code(), bad.err());
    assertEquals(
        "mkwheels: --extras 'fast,,slow': an empty name (PEP 508; separate several with commas)"
            + " (see 'mkwheels --help')\n",
        bad.err());
  }

  @Test
  void anSdistOnlyPinFailsAnotherTargetInOneLineNamingBoth() throws Exception {
    CliProcess.Result result = pypi(out, "needy", "--target", WINDOWS);
    assertEquals(1, result.code(), result.err());
    List<String> lines = result.err().lines().filter(l -> l.contains("sourceonly")).toList();
    assertEquals(1, lines.size(), result.err());
    assertTrue(lines.get(0).startsWith("mkwheels: "), result.err());
    assertTrue(lines.get(0).contains(WINDOWS), result.err());
    assertEquals(List.of(), list(out), "no tarball");
    assertEquals(List.of(), list(tmpdir), "no work directory left");
  }

  static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  static List<String> members(Path tarball) throws Exception {
    return run("tar", "-tzf", tarball.toString()).lines().sorted().toList();
  }

  static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(300, TimeUnit.SECONDS), String.join(" ", command));
    assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
    return output;
  }
}
