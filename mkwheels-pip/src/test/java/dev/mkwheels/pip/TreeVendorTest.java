package dev.mkwheels.pip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mkwheels.api.InstallTarget;
import dev.mkwheels.testkit.BuildBackend;
import dev.mkwheels.testkit.IsolatedPip;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.SdistBuilder;
import dev.mkwheels.testkit.WheelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real pip against a loopback index of tiny distributions. The interpreter is python3, or {@code
 * MKWHEELS_TEST_PYTHON} (to run the upload-time tests with a pip 26).
 */
class TreeVendorTest {
  static final String PYTHON = System.getenv().getOrDefault("MKWHEELS_TEST_PYTHON", "python3");
  static final Instant OLD = Instant.parse("2024-01-01T00:00:00.250Z");
  static final Instant NEW = Instant.parse("2025-06-01T00:00:00Z");
  static PackageIndex index;

  @TempDir Path temp;
  final RecordingConsole console = new RecordingConsole();
  final PipRunner runner = new PipRunner(PYTHON, IsolatedPip.environment(), console);

  @BeforeAll
  static void serveTheIndex() throws Exception {
    index =
        PackageIndex.start()
            .add(
                WheelBuilder.wheel("alpha", "1.0")
                    .extras("fast")
                    .requires(
                        "beta>=1",
                        "gamma[fast]>=1",
                        "delta; python_version < '3'",
                        "zeta; extra == 'fast'")
                    .build(),
                OLD)
            .add(WheelBuilder.wheel("beta", "1.0").build(), OLD)
            .add(WheelBuilder.wheel("beta", "2.0").build(), NEW)
            .add(
                WheelBuilder.wheel("gamma", "1.0")
                    .extras("fast")
                    .requires("epsilon; extra == 'fast'")
                    .build(),
                OLD)
            .add(WheelBuilder.wheel("delta", "1.0").build(), OLD)
            .add(WheelBuilder.wheel("epsilon", "1.0").build(), OLD)
            .add(WheelBuilder.wheel("zeta", "1.0").build(), OLD)
            .add(
                WheelBuilder.wheel("fastlib", "1.0")
                    .tag("cp312-cp312-manylinux_2_17_x86_64")
                    .build(),
                OLD)
            .add(WheelBuilder.wheel("fastlib", "1.0").tag("cp312-cp312-win_amd64").build(), OLD)
            .add(SdistBuilder.sdist("fastlib", "1.0").build(), OLD)
            .add(BuildBackend.wheel(), OLD)
            .add(SdistBuilder.sdist("helper", "1.0").build(), OLD)
            .add(
                SdistBuilder.sdist("omega", "1.0")
                    .requires("alpha")
                    .buildRequires("helper")
                    .build(),
                OLD)
            .add(
                SdistBuilder.sdist("stamped", "1.0")
                    .stamped()
                    .file("stamped/run.sh", "#!/bin/sh\n")
                    .build(),
                OLD);
  }

  @AfterAll
  static void stopTheIndex() {
    index.close();
  }

  PipOptions loopback() {
    return new PipOptions(Optional.of(index.simpleUrl()), List.of(), List.of(), false);
  }

  VendorResult vendor(
      String requirement, TargetOptions target, boolean wheelsOnly, Optional<Instant> cutoff)
      throws PipException {
    try {
      return new TreeVendor(runner, console)
          .vendor(
              new VendorRequest(
                  new InstallTarget.Requirement(requirement),
                  temp.resolve("dist"),
                  loopback(),
                  target,
                  cutoff,
                  wheelsOnly,
                  Map.of(),
                  1_700_000_000L));
    } catch (PipException e) {
      console.debug.forEach(System.err::println);
      throw e;
    }
  }

  static List<String> names(VendorResult result) {
    return result.files().stream().map(p -> p.getFileName().toString()).toList();
  }

  @Test
  void vendorsTheTreeHonouringMarkersAndExtras() throws Exception {
    VendorResult result = vendor("alpha==1.0", TargetOptions.HOST, false, Optional.empty());
    assertEquals(
        List.of(
            "alpha-1.0-py3-none-any.whl",
            "beta-2.0-py3-none-any.whl",
            "epsilon-1.0-py3-none-any.whl",
            "gamma-1.0-py3-none-any.whl"),
        names(result));
    assertEquals(0, result.buildBackends());
    assertEquals(Optional.of(index.simpleUrl()), result.indexes());
    assertEquals("not asked", result.uploadFilter());
  }

  @Test
  void anotherPlatformGetsTheOlderManylinuxWheelItAlsoRuns() throws Exception {
    TargetOptions linux =
        new TargetOptions(
            List.of("manylinux_2_28_x86_64"),
            Optional.of("3.12"),
            Optional.of("cp"),
            Optional.of("cp312"));
    assertEquals(
        List.of("fastlib-1.0-cp312-cp312-manylinux_2_17_x86_64.whl"),
        names(vendor("fastlib==1.0", linux, false, Optional.empty())));
  }

  @Test
  void sdistsBringTheirBuildBackendsRecursivelyAndInstallOffline() throws Exception {
    VendorResult result = vendor("omega==1.0", TargetOptions.HOST, false, Optional.empty());
    assertEquals(
        List.of(
            "alpha-1.0-py3-none-any.whl",
            "beta-2.0-py3-none-any.whl",
            "epsilon-1.0-py3-none-any.whl",
            "gamma-1.0-py3-none-any.whl",
            "helper-1.0.tar.gz",
            "mkw_backend-1.0-py3-none-any.whl",
            "omega-1.0.tar.gz"),
        names(result));
    assertEquals(2, result.buildBackends(), "helper's sdist and the backend");
    Path venv = temp.resolve("venv");
    run(List.of(PYTHON, "-m", "venv", venv.toString()));
    run(
        List.of(
            venv.resolve("bin/python").toString(),
            "-m",
            "pip",
            "install",
            "--no-index",
            "--find-links",
            temp.resolve("dist").toString(),
            "omega==1.0"));
    run(
        List.of(
            venv.resolve("bin/python").toString(), "-c", "import omega, alpha, gamma, epsilon"));
  }

  @Test
  void wheelsOnlyReplacesEachSdistWithTheWheelBuiltFromIt() throws Exception {
    VendorResult result = vendor("omega==1.0", TargetOptions.HOST, true, Optional.empty());
    assertEquals(
        List.of(
            "alpha-1.0-py3-none-any.whl",
            "beta-2.0-py3-none-any.whl",
            "epsilon-1.0-py3-none-any.whl",
            "gamma-1.0-py3-none-any.whl",
            "omega-1.0-py3-none-any.whl"),
        names(result));
    assertEquals(List.of("omega-1.0-py3-none-any.whl"), result.builtWheels());
  }

  @Test
  void aWheelBuiltAtAnotherTimeWithAnotherUmaskIsTheSameBytes() throws Exception {
    byte[] first = buildStamped("a", "022", "1600000000");
    byte[] second = buildStamped("b", "077", "1800000007");
    assertArrayEquals(first, second);
    Path wheel = temp.resolve("a/stamped-1.0-py3-none-any.whl");
    ProcessBuilder python =
        new ProcessBuilder(
                PYTHON,
                "-c",
                "import sys, zipfile\n"
                    + "z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None\n"
                    + "print(z.read('stamped-1.0.dist-info/BUILT').decode(), end='')\n"
                    + "for i in z.infolist(): print(i.filename, '%o' % (i.external_attr >> 16), '%d-%02d-%02d' % i.date_time[:3])",
                wheel.toString())
            .redirectErrorStream(true);
    Process process = python.start();
    String described = new String(process.getInputStream().readAllBytes());
    assertEquals(0, process.waitFor(), described);
    assertEquals(
        """
        SOURCE_DATE_EPOCH=1700000000
        stamped/__init__.py 100644 2023-11-14
        stamped/run.sh 100755 2023-11-14
        stamped-1.0.dist-info/BUILT 100644 2023-11-14
        stamped-1.0.dist-info/METADATA 100644 2023-11-14
        stamped-1.0.dist-info/WHEEL 100644 2023-11-14
        stamped-1.0.dist-info/RECORD 100644 2023-11-14
        """,
        described);
  }

  /**
   * {@code --wheels-only} of the stamped sdist into {@code temp/DIR}, pip started under {@code
   * umask} and the backend's clock at {@code clock}: the built wheel's bytes.
   */
  byte[] buildStamped(String dir, String umask, String clock) throws Exception {
    Path python = temp.resolve("python-" + dir);
    Files.writeString(python, "#!/bin/sh\numask " + umask + "\nexec " + PYTHON + " \"$@\"\n");
    Files.setPosixFilePermissions(
        python, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    PipRunner masked = new PipRunner(python.toString(), IsolatedPip.environment(), console);
    VendorResult result =
        new TreeVendor(masked, console)
            .vendor(
                new VendorRequest(
                    new InstallTarget.Requirement("stamped==1.0"),
                    temp.resolve(dir),
                    loopback(),
                    TargetOptions.HOST,
                    Optional.empty(),
                    true,
                    Map.of("MKW_CLOCK", clock),
                    1_700_000_000L));
    assertEquals(List.of("stamped-1.0-py3-none-any.whl"), result.builtWheels());
    return Files.readAllBytes(temp.resolve(dir).resolve("stamped-1.0-py3-none-any.whl"));
  }

  @Test
  void aRequirementNotOnTheIndexNamesTheIndex() {
    PipException e =
        assertThrows(
            PipException.class,
            () -> vendor("nope==1.0", TargetOptions.HOST, false, Optional.empty()));
    assertEquals(
        "nope==1.0 is not on the index "
            + index.simpleUrl()
            + " (pip: No matching distribution found for nope==1.0 (from versions: none))",
        e.getMessage());
  }

  @Test
  void aFileUploadedAfterTheCutoffIsLeftOutWherePipCan() throws Exception {
    assumeTrue(
        runner.version().supportsUploadedPriorTo(), "needs pip >= 26 (set MKWHEELS_TEST_PYTHON)");
    VendorResult result =
        vendor(
            "alpha==1.0",
            TargetOptions.HOST,
            false,
            Optional.of(Instant.parse("2024-01-01T00:00:00Z")));
    assertTrue(names(result).contains("beta-1.0-py3-none-any.whl"), names(result).toString());
    assertFalse(names(result).contains("beta-2.0-py3-none-any.whl"), names(result).toString());
    assertTrue(
        result.uploadFilter().startsWith("files uploaded after 2024-01-01T00:00:00Z left out"),
        result.uploadFilter());
  }

  @Test
  void anOlderPipSaysItCannotFilterByUploadTime() throws Exception {
    PipVersion pip = runner.version();
    assumeFalse(pip.supportsUploadedPriorTo(), "this pip can filter");
    VendorResult result =
        vendor(
            "alpha==1.0",
            TargetOptions.HOST,
            false,
            Optional.of(Instant.parse("2024-01-01T00:00:00Z")));
    assertTrue(
        names(result).contains("beta-2.0-py3-none-any.whl"), "not filtered: " + names(result));
    assertEquals(
        "not applied: pip "
            + pip.text()
            + " has no --uploaded-prior-to (pip >= 26 has), so a rebuild"
            + " may pick files uploaded after 2024-01-01T00:00:00Z",
        result.uploadFilter());
  }

  @Test
  void aSourceTreeBringsItsDependenciesAndBuildRequirementsButNotItself() throws Exception {
    Path project = Files.createDirectory(temp.resolve("project"));
    Files.writeString(
        project.resolve("pyproject.toml"),
        "[build-system]\nrequires = [\"mkw-backend\", \"helper\"]\nbuild-backend = \"mkw_backend\"\n");
    Files.writeString(
        project.resolve("mkw.json"),
        "{\"name\": \"proj\", \"version\": \"0.1\", \"requires\": [\"alpha\"], \"files\": {\"proj/__init__.py\": \"\"}}");
    VendorResult result =
        new TreeVendor(runner, console)
            .vendor(
                new VendorRequest(
                    new InstallTarget.SourceTree(project),
                    temp.resolve("dist"),
                    loopback(),
                    TargetOptions.HOST,
                    Optional.empty(),
                    false,
                    Map.of("MKW_EXTRA_REQUIRES", "delta"),
                    1_700_000_000L));
    assertEquals(
        List.of(
            "alpha-1.0-py3-none-any.whl",
            "beta-2.0-py3-none-any.whl",
            "delta-1.0-py3-none-any.whl",
            "epsilon-1.0-py3-none-any.whl",
            "gamma-1.0-py3-none-any.whl",
            "helper-1.0.tar.gz",
            "mkw_backend-1.0-py3-none-any.whl"),
        names(result),
        "delta comes from the build environment");
  }

  static void run(List<String> command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(IsolatedPip.environment());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + output);
  }

  @Test
  void buildRequirementsAreReadFromTheSdistsPyproject() throws Exception {
    Path sdist =
        SdistBuilder.sdist("omega", "1.0").buildRequires("helper>=1").build().writeTo(temp);
    assertEquals(List.of("mkw-backend", "helper>=1"), BuildRequirements.ofSdist(sdist));
    assertTrue(Files.exists(sdist));
  }
}
