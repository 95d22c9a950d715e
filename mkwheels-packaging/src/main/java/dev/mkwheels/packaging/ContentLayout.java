package dev.mkwheels.packaging;

import dev.mkwheels.api.MkwheelsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which bytes of each file go into the tarball stored (already compressed) and which compressed;
 * reading that also proves each file is what its name says: a wheel or zip sdist is a zip archive,
 * a {@code .tar.gz} sdist is gzip, and a wheel's paths and metadata pass {@link WheelCheck}.
 */
final class ContentLayout {
  private ContentLayout() {}

  /** File name to sorted, disjoint {@code [start, end)} stored ranges. */
  static Map<String, long[]> storedRanges(List<Wheelhouse.Member> members)
      throws MkwheelsException {
    return storedRanges(members, new TreeMap<>());
  }

  /** The same, also putting each file's {@link SbomSource} into {@code sbom}, by file name. */
  static Map<String, long[]> storedRanges(
      List<Wheelhouse.Member> members, Map<String, SbomSource> sbom) throws MkwheelsException {
    try (Workers workers = new Workers()) {
      return start(members, workers).get(sbom);
    }
  }

  /** Starts reading {@code members} on {@code workers}, behind the work submitted before. */
  static Pending start(List<Wheelhouse.Member> members, Workers workers) {
    List<Workers.Task<Layout>> tasks = new ArrayList<>();
    for (Wheelhouse.Member member : members) {
      tasks.add(() -> layout(member));
    }
    return new Pending(List.copyOf(members), workers.submit(tasks));
  }

  /** Reading under way. */
  static final class Pending {
    private final List<Wheelhouse.Member> members;
    private final Workers.Batch<Layout> batch;

    private Pending(List<Wheelhouse.Member> members, Workers.Batch<Layout> batch) {
      this.members = members;
      this.batch = batch;
    }

    /**
     * Waits for the {@code index}th file alone: its stored ranges; its failure, if it has one. The
     * packing thread asks in name order, so it packs each file as soon as it is checked, and the
     * failure it reports is the first file's in name order.
     */
    long[] stored(int index) throws MkwheelsException {
      return batch.get(index).stored();
    }

    /**
     * Waits for every file: the stored ranges by file name, each file's {@link SbomSource} put into
     * {@code sbom}. The failure reported is the first file's in name order, whichever thread met it
     * first.
     */
    Map<String, long[]> get(Map<String, SbomSource> sbom) throws MkwheelsException {
      List<Layout> layouts = batch.get();
      Map<String, long[]> ranges = new TreeMap<>();
      for (int i = 0; i < members.size(); i++) {
        ranges.put(members.get(i).name(), layouts.get(i).stored());
        sbom.put(members.get(i).name(), layouts.get(i).sbom());
      }
      return ranges;
    }
  }

  /** What reading one file before packing it gives. */
  private record Layout(long[] stored, SbomSource sbom) {}

  private static Layout layout(Wheelhouse.Member member) throws MkwheelsException {
    try (FileChannel in = member.open()) {
      long[] stored;
      WheelCheck.Checked checked;
      if (member.file().kind() == DistributionFile.Kind.SDIST_TAR_GZ) {
        checkGzip(member, in);
        stored = ZipLayout.everything(member.size());
        checked = WheelCheck.notZip();
      } else {
        // The central directory is read once, for the checks, the stored ranges and the SBOM.
        long[] location = ZipLayout.directory(in, member.size()).orElseThrow(() -> notZip(member));
        checked = WheelCheck.check(member, in, location);
        stored = ZipLayout.storedRanges(in, checked.directory());
      }
      return new Layout(stored, SbomSource.read(member, in, checked));
    } catch (ZipEntries.DamagedException e) {
      throw new MkwheelsException("cannot pack " + member.path() + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new MkwheelsException(
          "cannot read " + member.path() + ": " + IoMessages.describe(e), e);
    }
  }

  private static void checkGzip(Wheelhouse.Member member, FileChannel in)
      throws IOException, MkwheelsException {
    ByteBuffer magic = ByteBuffer.allocate(2);
    while (magic.hasRemaining() && in.read(magic, magic.position()) > 0) {
      // two bytes at most
    }
    if (magic.position() < 2 || (magic.get(0) & 0xFF) != 0x1f || (magic.get(1) & 0xFF) != 0x8b) {
      throw new MkwheelsException(
          "cannot pack " + member.path() + ": it is not a gzip file, so not an sdist");
    }
  }

  private static MkwheelsException notZip(Wheelhouse.Member member) {
    return new MkwheelsException(
        "cannot pack "
            + member.path()
            + ": it is not a zip archive, so not a "
            + (member.file().kind() == DistributionFile.Kind.WHEEL ? "wheel" : "zip sdist"));
  }
}
