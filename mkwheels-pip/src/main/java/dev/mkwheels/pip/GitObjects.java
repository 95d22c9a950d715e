package dev.mkwheels.pip;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A commit's tree and blobs, read with the real {@code git} from a bare repository's objects
 * ({@code git ls-tree -r -z} and {@code git cat-file --batch}): what the commit holds, never a
 * working tree. git runs as a {@link ChildProcess} (killed with everything it started on close and
 * on SIGINT/SIGTERM) with no configuration but the repository's, a {@link ChildEnvironment} of its
 * own (the user's {@code PATH} and nothing else of theirs: no credential reaches it), and every
 * transport refused, so a missing object is an error rather than a fetch. Not thread-safe; close it
 * to end git.
 */
final class GitObjects implements GitZip.Blobs, AutoCloseable {
  private static final long TIMEOUT_SECONDS = 300;
  private static final long MAX_LISTING = 256L << 20;
  private static final Pattern LISTED =
      Pattern.compile("([0-7]{5,6}) (\\w+) ([0-9a-f]{40}|[0-9a-f]{64})");
  private static final Pattern HEADER =
      Pattern.compile("([0-9a-f]{40}|[0-9a-f]{64}) (\\w+) (\\d{1,18})");

  private final Path gitDir;
  private final Path scratch;
  private final String git;
  private final ChildEnvironment environment;
  private ChildProcess catFile;
  private InputStream catOut;
  private OutputStream catIn;

  /**
   * @param gitDir a bare repository
   * @param scratch an existing directory for git's home and its error output
   */
  GitObjects(Path gitDir, Path scratch) {
    this(gitDir, scratch, "git", System.getenv());
  }

  /**
   * @param git the program to run
   * @param user the user's environment: only its {@code PATH} is used
   */
  GitObjects(Path gitDir, Path scratch, String git, Map<String, String> user) {
    this.git = git;
    this.gitDir = gitDir;
    this.scratch = scratch;
    Map<String, String> fixed = new TreeMap<>();
    fixed.put("PATH", user.getOrDefault("PATH", "/usr/bin:/bin"));
    fixed.put("HOME", scratch.toAbsolutePath().toString());
    fixed.put("LC_ALL", "C");
    fixed.put("GIT_CONFIG_NOSYSTEM", "1");
    fixed.put("GIT_CONFIG_GLOBAL", "/dev/null");
    fixed.put("GIT_NO_LAZY_FETCH", "1");
    fixed.put("GIT_TERMINAL_PROMPT", "0");
    this.environment = ChildEnvironment.of(fixed);
  }

  /**
   * {@code git ls-tree -r -z --full-tree COMMIT}: every file, link and submodule of the commit.
   *
   * @throws GitTreeException when a path is not UTF-8
   * @throws IOException when git cannot list it (no such commit, a missing object)
   */
  List<GitZip.Entry> tree(String commit) throws IOException, GitTreeException {
    byte[] listing;
    try (ChildProcess child = start("ls-tree", "-r", "-z", "--full-tree", commit + "^{commit}")) {
      Process git = child.process();
      git.getOutputStream().close();
      listing = git.getInputStream().readNBytes((int) MAX_LISTING + 1);
      if (listing.length > MAX_LISTING) {
        throw new IOException(
            "the commit's tree lists more than " + MAX_LISTING + " bytes of paths");
      }
      if (!git.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || git.exitValue() != 0) {
        throw new IOException("git ls-tree " + commit + " failed: " + errors());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while git listed " + commit, e);
    }
    List<GitZip.Entry> entries = new ArrayList<>();
    int start = 0;
    for (int end = 0; end < listing.length; end++) {
      if (listing[end] != 0) {
        continue;
      }
      entries.add(entry(listing, start, end));
      start = end + 1;
    }
    if (start != listing.length) {
      throw new IOException("git ls-tree's output ends without a NUL");
    }
    return entries;
  }

  private static GitZip.Entry entry(byte[] listing, int start, int end)
      throws IOException, GitTreeException {
    int tab = start;
    while (tab < end && listing[tab] != '\t') {
      tab++;
    }
    Matcher head =
        LISTED.matcher(new String(listing, start, tab - start, StandardCharsets.US_ASCII));
    if (tab == end || !head.matches()) {
      throw new IOException("git ls-tree printed a line it should not");
    }
    String path;
    try {
      path =
          StandardCharsets.UTF_8
              .newDecoder()
              .decode(ByteBuffer.wrap(listing, tab + 1, end - tab - 1))
              .toString();
    } catch (CharacterCodingException e) {
      String lossy = new String(listing, tab + 1, end - tab - 1, StandardCharsets.UTF_8);
      throw new GitTreeException(GitTreeException.quote(lossy) + " has a name that is not UTF-8");
    }
    return new GitZip.Entry(Integer.parseInt(head.group(1), 8), path, head.group(3));
  }

  @Override
  public InputStream open(String object) throws IOException {
    if (!object.matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
      throw new IOException("not an object id: " + object);
    }
    if (catFile == null) {
      catFile = start("cat-file", "--batch");
      catOut = new BufferedInputStream(catFile.process().getInputStream(), 1 << 16);
      catIn = catFile.process().getOutputStream();
    }
    catIn.write((object + "\n").getBytes(StandardCharsets.US_ASCII));
    catIn.flush();
    String header = line();
    Matcher blob = HEADER.matcher(header);
    if (!blob.matches() || !blob.group(1).equals(object) || !blob.group(2).equals("blob")) {
      throw new IOException(
          "the commit's object "
              + object
              + " is not a blob this clone holds (git: "
              + GitTreeException.quote(header)
              + ")");
    }
    return new Blob(Long.parseLong(blob.group(3)));
  }

  /** One object's bytes in cat-file's output; closing it skips the rest and the newline after. */
  private final class Blob extends InputStream {
    private long left;

    Blob(long size) {
      this.left = size;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int read = catOut.read(buffer, offset, (int) Math.min(length, left));
      if (read < 0) {
        throw new IOException("git cat-file ended in the middle of an object");
      }
      left -= read;
      return read;
    }

    @Override
    public void close() throws IOException {
      if (left < 0) {
        return;
      }
      catOut.skipNBytes(left);
      left = -1;
      if (catOut.read() != '\n') {
        throw new IOException("git cat-file's output lost its place");
      }
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = catOut.read()) != '\n'; ) {
      if (b < 0) {
        throw new IOException("git cat-file ended: " + errors());
      }
      if (line.size() < 4096) {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  private ChildProcess start(String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                git,
                "-c",
                "protocol.allow=never",
                "-c",
                "core.fsmonitor=false",
                "--git-dir=" + gitDir.toAbsolutePath()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(scratch.toFile())
            .redirectError(scratch.resolve("git-errors.txt").toFile());
    try {
      return ChildProcess.start(builder, environment);
    } catch (IOException e) {
      throw new IOException("cannot run git: " + e.getMessage(), e);
    }
  }

  private String errors() {
    try {
      byte[] bytes = Files.readAllBytes(scratch.resolve("git-errors.txt"));
      String text =
          new String(bytes, 0, Math.min(bytes.length, 300), StandardCharsets.UTF_8).strip();
      return text.isEmpty()
          ? "no message"
          : GitTreeException.quote(text.lines().findFirst().orElse(""));
    } catch (IOException e) {
      return "no message";
    }
  }

  @Override
  public void close() {
    if (catFile == null) {
      return;
    }
    try {
      catIn.close();
      catFile.process().waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      // git has ended already.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      catFile.close();
    }
  }
}
