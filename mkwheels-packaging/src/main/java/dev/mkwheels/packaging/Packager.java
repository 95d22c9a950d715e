package dev.mkwheels.packaging;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Console;
import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.api.internal.Cleanup;
import dev.mkwheels.python.name.ProjectName;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Turns a directory of distributions into the reproducible artifact: {@code
 * <name>-wheels-<version>.tar.gz} holding {@code <name>-wheels-<version>/} with every file, a
 * hashed requirements.txt and a pylock.toml (PEP 751), {@code <name>} being the PEP 503 normalized
 * name (so {@code Deprecated} and {@code deprecated} give the same bytes). The bytes depend on the
 * files' names and contents the epoch and the files' recorded origins only.
 *
 * <p>Four threads share the cores: two workers check each file, draft the SBOM, hash each file
 * (SHA-256 and a CRC32) and make requirements.txt, pylock.toml and the SBOM's hashes from them,
 * while the calling thread packs the files in name order (a CRC32 of each proves it met the bytes
 * that were hashed) and a writer thread hashes and writes the output. Each file is read twice, the
 * second time from the page cache. Separate calls may run concurrently.
 */
public final class Packager {
  private static final int BUFFER = 1 << 20;
  // Letters, digits and . _ + ! - only, never starting with a dot: no separator, no "..".
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+!-]*");
  private static final int MAX_FILE_NAME = 255;
  // The files mkwheels writes, in name order.
  private static final SortedSet<String> GENERATED =
      Collections.unmodifiableSortedSet(
          new TreeSet<>(List.of(RequirementsFile.NAME, PylockFile.NAME, SbomFile.NAME)));
  private static final Console SILENT =
      new Console() {
        @Override
        public void progress(String message) {}

        @Override
        public void warn(String message) {}

        @Override
        public void debug(String message) {}
      };

  /** Packs without progress output. */
  public PackResult pack(PackRequest request) throws MkwheelsException {
    return pack(request, SILENT);
  }

  /** Packs, reporting progress on {@code console}. */
  public PackResult pack(PackRequest request, Console console) throws MkwheelsException {
    requireNonNull(request, "request is null");
    requireNonNull(console, "console is null");
    String base = checkedBaseName(request);
    List<Wheelhouse.Member> members = Wheelhouse.scan(request.distributions(), request.markers());
    Path outputDirectory = request.outputDirectory().toAbsolutePath().normalize();
    if (sameDirectory(outputDirectory, request.distributions())) {
      // The next pack would take the tarball for an sdist (its name reads as one).
      throw new PackRequestException(
          "the output directory must not be the wheelhouse itself: " + outputDirectory);
    }
    Optional<String> twoSdists =
        PylockFile.secondSdist(members.stream().map(Wheelhouse.Member::file).toList());
    if (twoSdists.isPresent()) {
      throw new MkwheelsException(
          "cannot pack "
              + request.distributions()
              + ": it holds two sdists of "
              + twoSdists.get()
              + ", and pylock.toml (PEP 751) records one per package");
    }
    long started = System.nanoTime();
    // Two workers check, hash and render; this thread compresses and the writer thread writes.
    try (Workers workers = new Workers()) {
      // Every file is checked to be what its name says before it is packed (and every one before
      // the tarball is moved into place). Behind the checks, every file is hashed (with a CRC32
      // that proves the second read, while packing,
      // met the same bytes), and then the files mkwheels writes are made from the hashes, while
      // this thread packs the first files.
      ContentLayout.Pending layouts = ContentLayout.start(members, workers);
      // The SBOM is the slowest of them to make (it reads every embedded SBOM): it is drafted,
      // all but its hashes, as soon as the files are checked, beside the hashing and the
      // packing, rather than after the hashing while the packing waits for it.
      Workers.Batch<SbomFile.Draft> sbom =
          workers.submit(List.of(() -> sbomDraft(request, base, layouts)));
      Prehash.Pending prehashed = Prehash.start(members, workers);
      // Two tasks, so that pylock.toml and requirements.txt wait for the hashes only, and the
      // files between them and sbom.cdx.json are packed while the SBOM is finished.
      Workers.Batch<Map<String, byte[]>> generated =
          workers.submit(
              List.of(
                  () -> manifests(request, base, members, sha256(prehashed)),
                  () -> Map.of(SbomFile.NAME, sbom.get().get(0).complete(sha256(prehashed)))));
      // This thread packs each file as soon as it is checked, into a temporary file that a
      // failed check (met in name order, as before) deletes.
      return pack(
          request, console, base, members, outputDirectory, layouts, prehashed, generated, started);
    }
  }

  // On a worker: waits only for work submitted before it, which the workers have all begun.
  private static Map<String, String> sha256(Prehash.Pending prehashed) throws MkwheelsException {
    Map<String, String> sha256 = new HashMap<>();
    prehashed.get().forEach((name, d) -> sha256.put(name, d.sha256()));
    return sha256;
  }

  /** requirements.txt and pylock.toml, which name each file's SHA-256. */
  private static Map<String, byte[]> manifests(
      PackRequest request, String base, List<Wheelhouse.Member> members, Map<String, String> sha256)
      throws MkwheelsException {
    Map<String, byte[]> generated = new TreeMap<>();
    generated.put(RequirementsFile.NAME, requirements(request, base, members, sha256));
    generated.put(PylockFile.NAME, pylock(request, base, members, sha256));
    return generated;
  }

  private PackResult pack(
      PackRequest request,
      Console console,
      String base,
      List<Wheelhouse.Member> members,
      Path outputDirectory,
      ContentLayout.Pending stored,
      Prehash.Pending prehashed,
      Workers.Batch<Map<String, byte[]>> generated,
      long started)
      throws MkwheelsException {
    Path target = outputDirectory.resolve(base + ".tar.gz");
    long total = members.stream().mapToLong(Wheelhouse.Member::size).sum();
    console.progress(
        "packing "
            + members.size()
            + (members.size() == 1 ? " distribution (" : " distributions (")
            + humanSize(total)
            + ") into "
            + target);
    try {
      Files.createDirectories(outputDirectory);
    } catch (IOException e) {
      throw new MkwheelsException(
          "cannot create " + outputDirectory + ": " + IoMessages.describe(e), e);
    }
    Path temporary = outputDirectory.resolve("." + base + ".tar.gz." + UUID.randomUUID() + ".tmp");
    // Registered before it exists: SIGINT or SIGTERM while packing leave no temporary file.
    Cleanup.Registration registration;
    try {
      registration = Cleanup.delete(temporary);
    } catch (CancellationException e) {
      throw new MkwheelsException("interrupted before writing " + target, e);
    }
    try {
      DigestingWriter.Digests digests;
      try (FileChannel out =
              FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          DigestingWriter writer = new DigestingWriter(out, BUFFER)) {
        write(request, base, members, stored, prehashed, generated, writer);
        digests = writer.finish();
      }
      Object written = Files.readAttributes(temporary, BasicFileAttributes.class).fileKey();
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
      console.debug(
          "packed "
              + humanSize(total)
              + " in "
              + millis
              + " ms ("
              + humanSize(total * 1000 / millis)
              + "/s), "
              + humanSize(digests.size())
              + " written");
      checkNotReplaced(target, written, digests.md5());
      return new PackResult(
          target, request.epoch(), digests.md5(), digests.sha256(), digests.size(), members.size());
    } catch (FileAlreadyExistsException e) {
      throw new MkwheelsException("cannot write " + target + ": " + e.getFile() + " exists", e);
    } catch (IOException e) {
      throw new MkwheelsException("cannot write " + target + ": " + IoMessages.describe(e), e);
    } finally {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException e) {
        console.warn("cannot delete " + temporary + ": " + IoMessages.describe(e));
      }
      registration.close();
    }
  }

  /**
   * Another run into the same directory may have moved its own tarball over this one's: then the
   * md5 this run reports would be a lie. The file at the target is this run's when it is the same
   * file (inode) that was written, or, where there are no inodes, when its bytes hash the same.
   */
  private static void checkNotReplaced(Path target, Object written, String md5)
      throws IOException, MkwheelsException {
    Object there;
    try {
      there =
          Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
              .fileKey();
    } catch (NoSuchFileException e) {
      throw new MkwheelsException(
          "cannot pack " + target + ": another run removed it just after this one wrote it");
    }
    if (written != null && written.equals(there)) {
      return;
    }
    if (!md5(target).equals(md5)) {
      throw new MkwheelsException(
          "cannot pack "
              + target
              + ": another run replaced it just after"
              + " this one wrote it, so md5 "
              + md5
              + " is not the file's; run one pack per output"
              + " directory");
    }
  }

  private static String md5(Path file) throws IOException {
    MessageDigest md5;
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this JDK", e);
    }
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      byte[] buffer = new byte[BUFFER];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        md5.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(md5.digest());
  }

  private static void write(
      PackRequest request,
      String base,
      List<Wheelhouse.Member> members,
      ContentLayout.Pending stored,
      Prehash.Pending prehashed,
      Workers.Batch<Map<String, byte[]>> generated,
      DigestingWriter writer)
      throws IOException, MkwheelsException {
    String top = base + "/";
    // The files mkwheels writes go in at their turn in name order, each waiting for its own task.
    Iterator<String> names = GENERATED.iterator();
    String next = names.next();
    long[] crc32 = new long[members.size()];
    BitOutput bits = new BitOutput(writer, BUFFER);
    TarballWriter tar = new TarballWriter(new GzipWriter(bits), request.epoch(), BUFFER);
    tar.directory(top);
    for (int i = 0; i <= members.size(); i++) {
      Wheelhouse.Member member = i < members.size() ? members.get(i) : null;
      while (next != null && (member == null || member.name().compareTo(next) > 0)) {
        tar.bytes(top + next, generatedFile(generated, next));
        next = names.hasNext() ? names.next() : null;
      }
      if (member == null) {
        break;
      }
      long[] ranges = stored.stored(i);
      CRC32 check = new CRC32();
      try (FileChannel in = member.open()) {
        tar.file(top + member.name(), in, member.size(), ranges, check, null);
      } catch (TarballWriter.ChangedException e) {
        throw changed(member);
      } catch (DigestingWriter.WriteException e) {
        throw e;
      } catch (IOException e) {
        throw cannotRead(member, e);
      }
      crc32[i] = check.getValue();
    }
    // The files were hashed in a first read: the second, packed, must have met the same bytes.
    Map<String, Prehash.Digests> digests = prehashed.get();
    for (int i = 0; i < members.size(); i++) {
      if (digests.get(members.get(i).name()).crc32() != crc32[i]) {
        throw changed(members.get(i));
      }
    }
    tar.finish();
  }

  /** The file mkwheels writes by that name, from the first task that made it, waiting for it. */
  private static byte[] generatedFile(Workers.Batch<Map<String, byte[]>> generated, String name)
      throws MkwheelsException {
    for (int task = 0; ; task++) {
      byte[] bytes = generated.get(task).get(name);
      if (bytes != null) {
        return bytes;
      }
    }
  }

  private static byte[] requirements(
      PackRequest request,
      String base,
      List<Wheelhouse.Member> members,
      Map<String, String> sha256) {
    List<RequirementsFile.Hashed> hashed = new ArrayList<>();
    for (Wheelhouse.Member member : members) {
      hashed.add(
          new RequirementsFile.Hashed(
              member.file(),
              sha256.get(member.name()),
              Optional.ofNullable(request.markers().get(member.name()))));
    }
    return RequirementsFile.render(base, request.epoch(), request.notes(), hashed);
  }

  // On a worker: waits only for the checks, submitted before it.
  private static SbomFile.Draft sbomDraft(
      PackRequest request, String base, ContentLayout.Pending layouts) throws MkwheelsException {
    Map<String, SbomSource> sources = new TreeMap<>();
    layouts.get(sources);
    return SbomFile.draft(base, request.name(), request.version(), request.epoch(), sources);
  }

  private static byte[] pylock(
      PackRequest request,
      String base,
      List<Wheelhouse.Member> members,
      Map<String, String> sha256) {
    List<PylockFile.Locked> locked = new ArrayList<>();
    for (Wheelhouse.Member member : members) {
      locked.add(
          new PylockFile.Locked(
              member.file(),
              member.size(),
              sha256.get(member.name()),
              request.origins().getOrDefault(member.name(), FileOrigin.UNKNOWN),
              Optional.ofNullable(request.markers().get(member.name()))));
    }
    return PylockFile.render(
        ProjectName.normalize(request.name()),
        request.version(),
        request.epoch(),
        request.notes(),
        locked,
        request.environments());
  }

  private static MkwheelsException cannotRead(Wheelhouse.Member member, IOException e) {
    return new MkwheelsException("cannot read " + member.path() + ": " + IoMessages.describe(e), e);
  }

  private static MkwheelsException changed(Wheelhouse.Member member) {
    return new MkwheelsException(
        "cannot pack " + member.path() + ": it changed while it was being packed");
  }

  private static String checkedBaseName(PackRequest request) throws PackRequestException {
    if (request.epoch() < 0) {
      throw new PackRequestException("the epoch must not be negative: " + request.epoch());
    }
    for (String[] field :
        new String[][] {{"name", request.name()}, {"version", request.version()}}) {
      if (field[1] == null || !SAFE.matcher(field[1]).matches()) {
        throw new PackRequestException(
            "the "
                + field[0]
                + " '"
                + field[1]
                + "' cannot be part of a file name: use letters, digits"
                + " and . _ + ! - only, starting with a letter or digit");
      }
    }
    String base = ProjectName.normalize(request.name()) + "-wheels-" + request.version();
    if (base.length() + ".tar.gz".length() + 64 > MAX_FILE_NAME) {
      throw new PackRequestException("the name and version are too long for a file name: " + base);
    }
    return base;
  }

  private static boolean sameDirectory(Path a, Path b) {
    try {
      return Files.isDirectory(a) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  private static String humanSize(long bytes) {
    return bytes < 1_000_000
        ? String.format(Locale.ROOT, "%.1f kB", bytes / 1e3)
        : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }
}
