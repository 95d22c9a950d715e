package dev.mkwheels.rebuild;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.host.internal.StrictTar;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * A tarball as {@code mkwheels rebuild} reads it, without trusting it: as a stream, nothing written
 * to disk, only the pylock.toml kept (in memory, capped). Its entries must be what mkwheels packs:
 * one top-level directory and plain files directly in it (no links, devices, {@code ..} or
 * subdirectories), each name once, at most {@link #MAX_ENTRIES}. The file is read to its last byte
 * ({@link StrictTar}): the gzip CRC and length are checked, and bytes after the gzip member, a
 * second member or non-zero padding refuse it.
 *
 * @param top the top-level directory, {@code <name>-wheels-<version>}
 * @param pylock the text of {@code <top>/pylock.toml}
 */
record Artifact(String top, String pylock) {
  static final String PYLOCK = "pylock.toml";
  static final int MAX_ENTRIES = 100_000;
  static final int MAX_PYLOCK_BYTES = 16 << 20;
  // A tar's end blocks and record padding, then nothing: far above what any tar writes.
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+!-]*");

  Artifact {
    requireNonNull(top, "top is null");
    requireNonNull(pylock, "pylock is null");
  }

  /** Reads {@code tarball}; a refusal names why in one line. */
  static Artifact read(Path tarball) throws MkwheelsException {
    String label = tarball.getFileName().toString();
    try (StrictTar in = StrictTar.open(tarball, StrictTar.Compression.GZIP)) {
      InputStream tar = in.content();
      String top = null;
      byte[] pylock = null;
      Set<String> seen = new HashSet<>();
      int count = 0;
      for (TarArchiveEntry entry; (entry = in.next()) != null; ) {
        String name = entry.getName();
        if (++count > MAX_ENTRIES) {
          throw refuse(label, "it holds more than " + MAX_ENTRIES + " entries");
        }
        if (!seen.add(name)) {
          throw refuse(label, "entry '" + TarballDiff.printable(name) + "' appears twice");
        }
        if (top == null) {
          top = topDirectory(entry, label);
          continue;
        }
        if (!name.startsWith(top + "/")
            || !PLAIN.matcher(name.substring(top.length() + 1)).matches()
            || !isRegular(entry)) {
          throw refuse(
              label,
              "entry '"
                  + TarballDiff.printable(name)
                  + "' is not a plain file in '"
                  + TarballDiff.printable(top)
                  + "/'");
        }
        if (name.equals(top + "/" + PYLOCK)) {
          if (entry.getSize() > MAX_PYLOCK_BYTES) {
            throw refuse(label, "its " + PYLOCK + " is over " + MAX_PYLOCK_BYTES + " bytes");
          }
          pylock = tar.readNBytes((int) entry.getSize());
          if (pylock.length != entry.getSize()) {
            throw new EOFException("entry '" + TarballDiff.printable(name) + "' ends early");
          }
        }
      }
      // On to the end of the file: the gzip CRC and length, zero padding only, one member.
      Optional<String> wrong = in.finish();
      if (wrong.isPresent()) {
        throw refuse(label, "it " + wrong.get());
      }
      if (top == null) {
        throw refuse(label, "it holds no entries");
      }
      if (pylock == null) {
        throw new MkwheelsException(
            label
                + " holds no "
                + top
                + "/"
                + PYLOCK
                + ": only a tarball whose lock says what it holds can be rebuilt");
      }
      return new Artifact(top, utf8(pylock, label));
    } catch (EOFException e) {
      throw new MkwheelsException(label + " is truncated", e);
    } catch (IOException e) {
      throw new MkwheelsException(
          "cannot read " + label + " as a .tar.gz: " + TarballDiff.printable(e.getMessage()), e);
    }
  }

  private static String topDirectory(TarArchiveEntry entry, String label) throws MkwheelsException {
    String name = entry.getName();
    String top = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    if (!entry.isDirectory() || !PLAIN.matcher(top).matches()) {
      throw refuse(
          label,
          "its first entry '" + TarballDiff.printable(name) + "' is not one top-level directory");
    }
    return top;
  }

  private static boolean isRegular(TarArchiveEntry entry) {
    byte flag = entry.getLinkFlag();
    return flag == TarArchiveEntry.LF_NORMAL || flag == TarArchiveEntry.LF_OLDNORM;
  }

  private static String utf8(byte[] bytes, String label) throws MkwheelsException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MkwheelsException(label + "'s " + PYLOCK + " is not UTF-8 text", e);
    }
  }

  private static MkwheelsException refuse(String label, String why) {
    return new MkwheelsException("refusing " + label + ": " + why);
  }
}
