package dev.mkwheels.python.tags;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform tags a machine of one platform accepts, newest first, as {@code packaging.tags}
 * builds them for such a machine: a glibc Linux ({@code manylinux_2_28_x86_64} or a legacy alias
 * such as {@code manylinux2014_aarch64}) accepts every older manylinux (PEP 600) and then {@code
 * linux_<arch>}; a musl Linux ({@code musllinux_1_2_x86_64}) every older musllinux (PEP 656) and
 * {@code linux_<arch>}; a macOS ({@code macosx_14_0_arm64}) every older macOS and binary format it
 * runs; anything else (Windows, {@code linux_x86_64}) only itself.
 */
public final class PlatformTags {
  private static final Pattern MANYLINUX = Pattern.compile("manylinux_(\\d+)_(\\d+)_(.+)");
  private static final Pattern LEGACY = Pattern.compile("manylinux(1|2010|2014)_(.+)");
  private static final Pattern MUSLLINUX = Pattern.compile("musllinux_(\\d+)_(\\d+)_(.+)");
  private static final Pattern MACOS = Pattern.compile("macosx_(\\d+)_(\\d+)_(.+)");
  private static final Set<String> MANYLINUX_ARCHES =
      Set.of("x86_64", "i686", "aarch64", "armv7l", "ppc64", "ppc64le", "s390x");

  /** packaging's guess of the last minor of a glibc major that is not the newest. */
  private static final int LAST_GLIBC_MINOR = 50;

  private PlatformTags() {}

  /** The platform tags a machine of {@code platform} accepts, {@code platform} first. */
  public static List<String> expand(String platform) {
    Matcher m;
    if ((m = MANYLINUX.matcher(platform)).matches()) {
      return manylinux(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3));
    }
    if ((m = LEGACY.matcher(platform)).matches()) {
      int minor = m.group(1).equals("1") ? 5 : m.group(1).equals("2010") ? 12 : 17;
      return manylinux(2, minor, m.group(2));
    }
    if ((m = MUSLLINUX.matcher(platform)).matches()) {
      List<String> out = new ArrayList<>();
      for (int minor = Integer.parseInt(m.group(2)); minor >= 0; minor--) {
        out.add("musllinux_" + m.group(1) + "_" + minor + "_" + m.group(3));
      }
      out.add("linux_" + m.group(3));
      return out;
    }
    if ((m = MACOS.matcher(platform)).matches()) {
      return macos(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3));
    }
    return List.of(platform);
  }

  private static List<String> manylinux(int major, int minor, String arch) {
    List<String> out = new ArrayList<>();
    if (MANYLINUX_ARCHES.contains(arch)) {
      int[] tooOld =
          arch.equals("x86_64") || arch.equals("i686") ? new int[] {2, 4} : new int[] {2, 16};
      List<int[]> maxima = new ArrayList<>();
      maxima.add(new int[] {major, minor});
      for (int glibcMajor = major - 1; glibcMajor > 1; glibcMajor--) {
        maxima.add(new int[] {glibcMajor, LAST_GLIBC_MINOR});
      }
      for (int[] max : maxima) {
        int minMinor = max[0] == tooOld[0] ? tooOld[1] : -1;
        for (int glibcMinor = max[1]; glibcMinor > minMinor; glibcMinor--) {
          out.add("manylinux_" + max[0] + "_" + glibcMinor + "_" + arch);
          if (max[0] == 2 && glibcMinor == 17) {
            out.add("manylinux2014_" + arch);
          } else if (max[0] == 2 && glibcMinor == 12) {
            out.add("manylinux2010_" + arch);
          } else if (max[0] == 2 && glibcMinor == 5) {
            out.add("manylinux1_" + arch);
          }
        }
      }
    }
    out.add("linux_" + arch);
    return out;
  }

  private static List<String> macos(int major, int minor, String arch) {
    List<String> out = new ArrayList<>();
    if (major == 10) {
      for (int m = minor; m >= 0; m--) {
        for (String format : macFormats(10, m, arch)) {
          out.add("macosx_10_" + m + "_" + format);
        }
      }
    }
    if (major >= 11) {
      for (int m = major; m > 10; m--) {
        for (String format : macFormats(m, 0, arch)) {
          out.add("macosx_" + m + "_0_" + format);
        }
      }
      for (int m = 16; m > 3; m--) {
        List<String> formats =
            arch.equals("x86_64") ? macFormats(10, m, arch) : List.of("universal2");
        for (String format : formats) {
          out.add("macosx_10_" + m + "_" + format);
        }
      }
    }
    return out;
  }

  /**
   * packaging's {@code _mac_binary_formats}: the fat and universal formats holding {@code arch}.
   */
  private static List<String> macFormats(int major, int minor, String arch) {
    boolean below104 = major < 10 || major == 10 && minor < 4;
    List<String> formats = new ArrayList<>(List.of(arch));
    switch (arch) {
      case "x86_64":
        if (below104) {
          return List.of();
        }
        formats.addAll(List.of("intel", "fat64", "fat32"));
        break;
      case "i386":
        if (below104) {
          return List.of();
        }
        formats.addAll(List.of("intel", "fat32", "fat"));
        break;
      case "ppc64":
        if (major > 10 || major == 10 && minor > 5 || below104) {
          return List.of();
        }
        formats.add("fat64");
        break;
      case "ppc":
        if (major > 10 || major == 10 && minor > 6) {
          return List.of();
        }
        formats.addAll(List.of("fat32", "fat"));
        break;
      default:
        break;
    }
    if (arch.equals("arm64") || arch.equals("x86_64")) {
      formats.add("universal2");
    }
    if (Set.of("x86_64", "i386", "ppc64", "ppc", "intel").contains(arch)) {
      formats.add("universal");
    }
    return formats;
  }
}
