package dev.mkwheels.python.tags;

import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One PEP 425 compatibility tag, {@code interpreter-abi-platform} such as {@code
 * cp312-cp312-manylinux_2_17_x86_64}; all three parts lower case, as packaging keeps them.
 *
 * @param interpreter for example {@code cp312}, {@code py3}, {@code pp310}
 * @param abi for example {@code cp312}, {@code abi3}, {@code none}
 * @param platform for example {@code any}, {@code win_amd64}, {@code macosx_11_0_arm64}
 */
public record Tag(String interpreter, String abi, String platform) implements Comparable<Tag> {
  private static final Comparator<Tag> ORDER =
      Comparator.comparing(Tag::interpreter).thenComparing(Tag::abi).thenComparing(Tag::platform);

  /**
   * The usual hash of the three parts, written out: tags fill the sets and maps a target's wheels
   * are ranked with, and the record's own hash goes through a method handle, slow before the JIT.
   */
  @Override
  public int hashCode() {
    return (31 * interpreter.hashCode() + abi.hashCode()) * 31 + platform.hashCode();
  }

  public Tag {
    interpreter =
        Objects.requireNonNull(interpreter, "interpreter is null").toLowerCase(Locale.ROOT);
    abi = Objects.requireNonNull(abi, "abi is null").toLowerCase(Locale.ROOT);
    platform = Objects.requireNonNull(platform, "platform is null").toLowerCase(Locale.ROOT);
  }

  /**
   * Expands a possibly compressed tag set such as {@code py2.py3-none-any} into its tags, sorted.
   *
   * @throws IllegalArgumentException naming {@code tag} if it does not have three parts
   */
  public static Set<Tag> parse(String tag) {
    String[] parts = tag.split("-", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("invalid tag: '" + tag + "'");
    }
    Set<Tag> tags = new TreeSet<>();
    for (String interpreter : parts[0].split("\\.", -1)) {
      for (String abi : parts[1].split("\\.", -1)) {
        for (String platform : parts[2].split("\\.", -1)) {
          tags.add(new Tag(interpreter, abi, platform));
        }
      }
    }
    return tags;
  }

  @Override
  public int compareTo(Tag o) {
    return ORDER.compare(this, o);
  }

  /** {@code interpreter-abi-platform}. */
  @Override
  public String toString() {
    return interpreter + "-" + abi + "-" + platform;
  }
}
