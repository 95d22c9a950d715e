package dev.mkwheels.pip;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Widens a platform tag to every older tag a machine of that platform also runs, because pip's
 * {@code --platform} takes the tags literally: a user names {@code manylinux_2_28_x86_64} and
 * expects {@code manylinux_2_17} / {@code manylinux2014} wheels to be accepted too.
 */
public final class PlatformTags {
  private static final Pattern MANYLINUX = Pattern.compile("manylinux_(\\d+)_(\\d+)_(\\w+)");
  private static final Pattern LEGACY = Pattern.compile("manylinux(1|2010|2014)_(\\w+)");
  private static final Pattern MUSLLINUX = Pattern.compile("musllinux_(\\d+)_(\\d+)_(\\w+)");
  private static final Pattern MACOS = Pattern.compile("macosx_(\\d+)_(\\d+)_(\\w+)");

  /** The glibc minor versions of the legacy aliases (PEP 600). */
  private static final int GLIBC_MANYLINUX1 = 5;

  private static final int GLIBC_2010 = 12;
  private static final int GLIBC_2014 = 17;

  private PlatformTags() {}

  /**
   * Every tag {@code tag} implies, newest first, {@code tag} itself first. A tag this class does
   * not know (win_amd64, any) is returned alone.
   */
  public static List<String> expand(String tag) {
    Set<String> tags = new LinkedHashSet<>();
    tags.add(tag);
    Matcher m = MANYLINUX.matcher(tag);
    Matcher legacy = LEGACY.matcher(tag);
    Matcher musl = MUSLLINUX.matcher(tag);
    Matcher mac = MACOS.matcher(tag);
    if (m.matches() && m.group(1).equals("2")) {
      manylinux(Integer.parseInt(m.group(2)), m.group(3), tags);
    } else if (legacy.matches()) {
      int minor =
          switch (legacy.group(1)) {
            case "1" -> GLIBC_MANYLINUX1;
            case "2010" -> GLIBC_2010;
            default -> GLIBC_2014;
          };
      manylinux(minor, legacy.group(2), tags);
    } else if (musl.matches() && musl.group(1).equals("1")) {
      for (int minor = Integer.parseInt(musl.group(2)); minor >= 1; minor--) {
        tags.add("musllinux_1_" + minor + "_" + musl.group(3));
      }
    } else if (mac.matches()) {
      macos(Integer.parseInt(mac.group(1)), Integer.parseInt(mac.group(2)), mac.group(3), tags);
    }
    return List.copyOf(tags);
  }

  /** Every tag of {@code tags}, expanded, duplicates removed, in order. */
  public static List<String> expandAll(List<String> tags) {
    Set<String> all = new LinkedHashSet<>();
    tags.forEach(t -> all.addAll(expand(t)));
    return new ArrayList<>(all);
  }

  private static void manylinux(int glibcMinor, String arch, Set<String> tags) {
    // The legacy aliases exist only for the architectures they were defined for.
    boolean x86 = arch.equals("x86_64") || arch.equals("i686");
    for (int minor = glibcMinor; minor >= 5; minor--) {
      tags.add("manylinux_2_" + minor + "_" + arch);
      if (minor == GLIBC_2014) {
        tags.add("manylinux2014_" + arch);
      } else if (minor == GLIBC_2010 && x86) {
        tags.add("manylinux2010_" + arch);
      } else if (minor == GLIBC_MANYLINUX1 && x86) {
        tags.add("manylinux1_" + arch);
      }
    }
  }

  private static void macos(int major, int minor, String arch, Set<String> tags) {
    List<String> arches =
        switch (arch) {
          case "x86_64" -> List.of("x86_64", "intel", "universal2");
          case "arm64" -> List.of("arm64", "universal2");
          default -> List.of(arch);
        };
    if (major >= 11) {
      for (int m = major; m >= 11; m--) {
        for (int n = m == major ? minor : 0; n >= 0; n--) {
          for (String a : arches) {
            tags.add("macosx_" + m + "_" + n + "_" + a);
          }
        }
      }
      if (!arch.equals("x86_64")) {
        return;
      }
      minor = 16;
    } else if (major != 10) {
      return;
    }
    for (int n = minor; n >= 4; n--) {
      for (String a : arches) {
        tags.add("macosx_10_" + n + "_" + a);
      }
    }
  }
}
