package dev.mkwheels.source.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.api.InstallTarget;
import dev.mkwheels.api.ProviderOptions;
import dev.mkwheels.api.SourceException;
import dev.mkwheels.testkit.GithubServer;
import dev.mkwheels.testkit.TestingSourceContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives a hostile or broken server could send, through the whole provider: each is refused with
 * one line, nothing lands outside the work directory, and nothing half-unpacked stays behind.
 */
class UnsafeArchiveTest {
  static final String REPO = "evil/Thing";
  static final String TOP = "Thing-1.0/";
  static final AtomicInteger TAGS = new AtomicInteger();

  static GithubServer server;

  /** The work directory sits one level down, so an escape by "../x" would be seen here. */
  @TempDir Path sandbox;

  TestingSourceContext context;

  @AfterEach
  void close() {
    if (context != null) {
      context.close();
      context = null;
    }
  }

  @BeforeAll
  static void start() throws IOException {
    server = GithubServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Serves {@code archive} as a fresh release and resolves it in {@code sandbox/work}. */
  InstallTarget.SourceTree resolve(byte[] archive) throws Exception {
    String tag = "1." + TAGS.incrementAndGet();
    server.release(REPO, tag, Instant.parse("2024-01-01T00:00:00Z")).archive(REPO, tag, archive);
    ProviderOptions options =
        new ProviderOptions(
            Map.of(
                "repo",
                List.of(REPO),
                "ver",
                List.of(tag),
                "github-api-url",
                List.of(server.apiUrl()),
                "github-url",
                List.of(server.url())));
    close(); // one context at a time, so the sandbox holds its work directory only
    context = TestingSourceContext.builder().workDirectoryIn(sandbox).build();
    return (InstallTarget.SourceTree) new GithubSourceProvider().resolve(options, context).target();
  }

  /** Asserts the refusal, then that the sandbox holds only the empty staging parent. */
  void assertRefused(byte[] archive, String expected) throws IOException {
    SourceException e = assertThrows(SourceException.class, () -> resolve(archive));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    assertEquals(1, e.exitCode());
    try (Stream<Path> all = Files.walk(sandbox)) {
      List<String> left = all.map(p -> sandbox.relativize(p).toString()).sorted().toList();
      assertEquals(
          List.of("", sandbox.relativize(context.workDirectory()).toString()),
          left,
          "nothing unpacked, nothing escaped");
    }
  }

  @Test
  void aPathTraversalEntryIsRefused() throws IOException {
    assertRefused(
        new TarGz()
            .dir(TOP)
            .file(TOP + "ok.txt", "ok")
            .file(TOP + "../../../escaped.txt", "gotcha")
            .bytes(),
        "refusing the archive of evil/Thing 1.");
    assertRefused(
        new TarGz().dir(TOP).file(TOP + "../../escaped.txt", "gotcha").bytes(),
        "entry 'Thing-1.0/../../escaped.txt' leaves the source directory");
  }

  @Test
  void anAbsoluteEntryIsRefused() throws IOException {
    assertRefused(
        new TarGz().dir(TOP).file("/tmp/escaped.txt", "gotcha").bytes(),
        "entry '/tmp/escaped.txt' leaves the source directory");
  }

  @Test
  void aSymlinkEscapingTheTreeIsRefused() throws IOException {
    assertRefused(
        new TarGz().dir(TOP).symlink(TOP + "etc", "../../../../../../etc").bytes(),
        "entry 'Thing-1.0/etc' is a symbolic link to '../../../../../../etc', outside the source directory");
    assertRefused(
        new TarGz().dir(TOP).symlink(TOP + "abs", "/etc/passwd").bytes(),
        "outside the source directory");
    // One level up from the top-level directory is already outside the tree.
    assertRefused(
        new TarGz().dir(TOP).symlink(TOP + "sub/up", "../..").bytes(),
        "outside the source directory");
    // "c" is a link to ".", so "c/.." is the tree's parent, though it reads as the tree itself.
    assertRefused(
        new TarGz().dir(TOP).symlink(TOP + "c", ".").symlink(TOP + "a", "c/..").bytes(),
        "entry 'Thing-1.0/a' is a symbolic link to 'c/..', outside the source directory");
  }

  @Test
  void anEntryBeneathASymlinkIsRefused() throws IOException {
    assertRefused(
        new TarGz().dir(TOP).symlink(TOP + "lib", "src").file(TOP + "lib/x.py", "").bytes(),
        "entry 'Thing-1.0/lib/x.py' lies beneath the link 'Thing-1.0/lib'");
  }

  @Test
  void aHardLinkEscapingTheTreeIsRefused() throws IOException {
    assertRefused(
        new TarGz().dir(TOP).hardLink(TOP + "passwd", "/etc/passwd").bytes(),
        "entry 'Thing-1.0/passwd' is a hard link to '/etc/passwd', outside the source directory");
    assertRefused(
        new TarGz().dir(TOP).hardLink(TOP + "passwd", "../../etc/passwd").bytes(),
        "outside the source directory");
    assertRefused(
        new TarGz().dir(TOP).hardLink(TOP + "later", TOP + "missing.txt").bytes(),
        "which is not a file earlier in the archive");
  }

  @Test
  void deviceAndFifoEntriesAreRefused() throws IOException {
    assertRefused(
        new TarGz().dir(TOP).special(TOP + "tty", TarConstants.LF_CHR).bytes(), "is a device file");
    assertRefused(
        new TarGz().dir(TOP).special(TOP + "sda", TarConstants.LF_BLK).bytes(), "is a device file");
    assertRefused(
        new TarGz().dir(TOP).special(TOP + "pipe", TarConstants.LF_FIFO).bytes(), "is a FIFO");
  }

  @Test
  void anOversizedEntryIsRefusedBeforeItsBytesAreRead() throws IOException {
    long size = (512L << 20) + 1; // the host's limit for one file
    assertRefused(
        new TarGz().dir(TOP).headerOnly(TOP + "bomb.bin", size).bytes(),
        "entry 'Thing-1.0/bomb.bin' is " + size + " bytes, over the");
  }

  @Test
  void aDuplicateEntryIsRefused() throws IOException {
    assertRefused(
        new TarGz().dir(TOP).file(TOP + "a.py", "one").file(TOP + "a.py", "two").bytes(),
        "entry 'Thing-1.0/a.py' appears twice");
  }

  @Test
  void anythingButOneTopLevelDirectoryIsRefused() throws IOException {
    assertRefused(new TarGz().dir(TOP).dir("Other-1.0/").bytes(), "more than one top-level entry");
    assertRefused(new TarGz().file("setup.py", "").bytes(), "should hold one top-level directory");
    assertRefused(new TarGz().bytes(), "holds no files");
  }

  @Test
  void anArchiveOfNoKnownFormatIsOneClearLine() throws IOException {
    assertRefused("this is not gzip at all".getBytes(), "the archive of evil/Thing 1.");
    assertRefused(
        "this is not gzip at all".getBytes(),
        "is not a .tar.gz, .tar.bz2, .tar.xz or .zip archive");
  }

  @Test
  void aTruncatedArchiveIsOneClearLine() throws IOException {
    byte[] whole = new TarGz().dir(TOP).file(TOP + "setup.py", "x".repeat(100_000)).bytes();
    assertRefused(Arrays.copyOf(whole, whole.length / 2), "is truncated");
  }

  @Test
  void aGzipHoldingNoTarIsOneClearLine() throws IOException {
    byte[] garbage = new byte[4096];
    Arrays.fill(garbage, (byte) 'x');
    assertRefused(TarGz.gzip(garbage), "is not a valid .tar.gz archive");
  }

  @Test
  void aTreeWithoutProjectFilesIsRefused() throws IOException {
    assertRefused(
        new TarGz().dir(TOP).file(TOP + "README", "").bytes(),
        "has neither pyproject.toml nor setup.py");
  }

  @Test
  void linksInsideTheTreeAreKept() throws Exception {
    InstallTarget.SourceTree tree =
        resolve(
            new TarGz()
                .dir(TOP)
                .file(TOP + "setup.py", "from setuptools import setup\nsetup(name='thing')\n", 0755)
                .file(TOP + "docs/guide.md", "guide")
                .symlink(TOP + "src/README.md", "../docs/guide.md")
                .hardLink(TOP + "docs/copy.md", TOP + "docs/guide.md")
                .bytes());
    Path dir = tree.directory();
    assertEquals("Thing-1.0", dir.getFileName().toString());
    assertEquals("guide", Files.readString(dir.resolve("src/README.md")));
    assertEquals("guide", Files.readString(dir.resolve("docs/copy.md")));
    assertTrue(Files.isExecutable(dir.resolve("setup.py")));
  }
}
