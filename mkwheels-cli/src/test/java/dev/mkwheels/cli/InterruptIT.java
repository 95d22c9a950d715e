package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.api.internal.ProcessTree;
import dev.mkwheels.testkit.BuildBackend;
import dev.mkwheels.testkit.PackageIndex;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGINT and SIGTERM sent to the packaged CLI in a fresh JVM while it blocks at a known point: it
 * exits 130 or 143, leaves no work directory (each run has its own {@code java.io.tmpdir}) and no
 * temporary tarball, and pip with everything it started is gone, down to a marker child of the
 * build backend.
 */
class InterruptIT {
  static final Instant UPLOADED = Instant.parse("2024-05-06T07:08:09Z");
  static PackageIndex index;

  @TempDir Path temp;
  Path tmpdir;
  Path out;
  Path probe;
  final List<Process> started = new ArrayList<>();
  final List<ProcessHandle> seen = new ArrayList<>();

  // The sdist's sources, deleted with the class (a directory made by hand outlived every run).
  @TempDir static Path work;

  @BeforeAll
  static void serve() throws Exception {
    index =
        PackageIndex.start()
            .add(BuildBackend.wheel(), UPLOADED)
            .add(ProbeSdist.build("probe", "1.0", work), UPLOADED);
  }

  @AfterAll
  static void stop() {
    index.close();
  }

  @BeforeEach
  void directories() throws IOException {
    tmpdir = Files.createDirectory(temp.resolve("tmp"));
    out = Files.createDirectory(temp.resolve("out"));
    probe = Files.createDirectory(temp.resolve("probe"));
  }

  @AfterEach
  void noneLeft() {
    // Whatever a failing test left running, by the handles it started.
    started.forEach(p -> ProcessTree.kill(p.toHandle()));
    seen.forEach(ProcessTree::kill);
  }

  @Test
  void sigintWhilePipRunsABuildBackendKillsTheWholeTreeAndLeavesNothing() throws Exception {
    interruptABuild("INT", 130);
  }

  @Test
  void sigtermWhilePipRunsABuildBackendKillsTheWholeTreeAndLeavesNothing() throws Exception {
    interruptABuild("TERM", 143);
  }

  @Test
  void sigtermWhileResolvingRemovesTheWorkDirectory() throws Exception {
    // A server that accepts and never answers.
    try (ServerSocket stalling = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String url = "http://127.0.0.1:" + stalling.getLocalPort();
      Process cli =
          start(
              Map.of(),
              "--pypi",
              "--name",
              "alpha",
              "--ver",
              "1.0",
              "--index-url",
              url + "/simple",
              "--pypi-url",
              url + "/pypi",
              "--output-dir",
              out.toString());
      stalling.setSoTimeout(120_000);
      try (Socket asked = stalling.accept()) {
        assertEquals(1, list(tmpdir).size(), "a work directory while resolving: " + list(tmpdir));
        signal(cli, "TERM");
        assertExited(cli, 143);
      }
    }
    assertEquals(List.of(), list(tmpdir), "no work directory left");
    assertEquals(List.of(), list(out));
  }

  @Test
  void sigintWhilePackingRemovesTheTemporaryTarball() throws Exception {
    Path wheelhouse = Files.createDirectory(temp.resolve("wheelhouse"));
    // 64 MB that do not compress: packing takes seconds, long enough to be caught at it.
    byte[] blob = new byte[64 << 20];
    new Random(7).nextBytes(blob);
    try (ZipOutputStream zip =
        new ZipOutputStream(
            Files.newOutputStream(wheelhouse.resolve("zzz-1.0-py3-none-any.whl")))) {
      zip.setLevel(Deflater.NO_COMPRESSION);
      for (Map.Entry<String, byte[]> member :
          new TreeMap<>(
                  Map.of(
                      "zzz/__init__.py",
                      new byte[0],
                      "zzz/blob.bin",
                      blob,
                      "zzz-1.0.dist-info/METADATA",
                      "Metadata-Version: 2.1\nName: zzz\nVersion: 1.0\n".getBytes(),
                      "zzz-1.0.dist-info/WHEEL",
                      "Wheel-Version: 1.0\nGenerator: t\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
                          .getBytes(),
                      "zzz-1.0.dist-info/RECORD",
                      new byte[0]))
              .entrySet()) {
        zip.putNextEntry(new ZipEntry(member.getKey()));
        zip.write(member.getValue());
        zip.closeEntry();
      }
    }
    Process cli =
        start(
            Map.of(),
            "pack",
            "--dir",
            wheelhouse.toString(),
            "--name",
            "zzz",
            "--ver",
            "1.0",
            "--epoch",
            "1700000000",
            "--output-dir",
            out.toString());
    boolean packing = false;
    for (int i = 0; i < 12000 && !packing && cli.isAlive(); i++) {
      packing = list(out).stream().anyMatch(f -> f.getFileName().toString().endsWith(".tmp"));
      Thread.sleep(5);
    }
    assertTrue(packing, "caught packing, a .tmp beside the target: " + err());
    signal(cli, "INT");
    assertExited(cli, 130);
    assertEquals(List.of(), list(out), "no temporary tarball left");
    assertEquals(List.of(), list(tmpdir));
  }

  private void interruptABuild(String signal, int code) throws Exception {
    Process cli =
        start(
            Map.of("MKW_PROBE_DIR", probe.toString(), "MKW_PROBE_HANG", "1"),
            "--pypi",
            "--name",
            "probe",
            "--ver",
            "1.0",
            "--index-url",
            index.simpleUrl(),
            "--pypi-url",
            index.jsonApiUrl(),
            "--output-dir",
            out.toString());
    Path marker = probe.resolve("marker");
    for (int i = 0; i < 6000 && !Files.exists(marker) && cli.isAlive(); i++) {
      Thread.sleep(20);
    }
    assertTrue(Files.exists(marker), "the build backend started its marker child: " + err());
    String[] pids = Files.readString(marker).strip().split(" ");
    long backend = Long.parseLong(pids[0]);
    long child = Long.parseLong(pids[1]);
    assertTrue(running(backend) && running(child), "the backend and its child run");
    List<ProcessHandle> tree = cli.toHandle().descendants().toList();
    seen.addAll(tree);
    assertTrue(tree.stream().anyMatch(p -> p.pid() == child), "the marker is the CLI's descendant");

    signal(cli, signal);
    assertExited(cli, code);

    assertFalse(running(child), "the backend's child " + child + " was killed");
    assertFalse(running(backend), "the backend " + backend + " was killed");
    for (ProcessHandle process : tree) {
      assertFalse(
          running(process.pid()), "every process below the CLI was killed: " + process.pid());
    }
    assertEquals(List.of(), list(tmpdir), "no work directory left");
    assertEquals(List.of(), list(out), "no temporary tarball left");
  }

  private Process start(Map<String, String> env, String... args) throws Exception {
    Process cli =
        CliProcess.start(tmpdir, env, temp.resolve("stdout.txt"), temp.resolve("stderr.txt"), args);
    started.add(cli);
    return cli;
  }

  private void assertExited(Process cli, int code) throws Exception {
    assertTrue(cli.waitFor(60, TimeUnit.SECONDS), "the CLI ended after the signal");
    assertEquals(code, cli.exitValue(), err());
    assertFalse(err().contains("\tat "), "no stack trace: " + err());
  }

  private String err() throws IOException {
    return Files.readString(temp.resolve("stderr.txt"), StandardCharsets.UTF_8);
  }

  static void signal(Process process, String signal) throws Exception {
    Process kill =
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
    assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
    assertEquals(0, kill.exitValue());
  }

  /** Alive and not a zombie, given a moment for the kernel to deliver a kill. */
  static boolean running(long pid) throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      if (!ProcessHandle.of(pid).map(ProcessTree::running).orElse(false)) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }
}
