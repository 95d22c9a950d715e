package dev.mkwheels.python;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.version.Version;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Names and versions against pip's packaging: normalization and properties of every version of
 * {@code versions.txt} (valid and invalid), the order of neighbouring and random pairs, and the PEP
 * 503 form of every project name of {@code names.txt}.
 */
class VersionDifferentialTest {
  @Test
  void versionsNamesAndOrderAgreeWithPackaging() {
    Differential d = new Differential("versions and names");
    List<String> corpus = Differential.corpus("versions.txt");
    List<Version> valid = new ArrayList<>();
    for (String v : corpus) {
      d.add(() -> describe(Version.parse(v)), "version", v);
      if (Version.isValid(v)) {
        valid.add(Version.parse(v));
      }
    }
    List<Version> sorted = new ArrayList<>(valid);
    sorted.sort(null);
    for (int i = 1; i < sorted.size(); i++) {
      addCompare(d, sorted.get(i - 1), sorted.get(i));
    }
    Random random = new Random(440);
    for (int i = 0; i < 1500; i++) {
      addCompare(
          d, valid.get(random.nextInt(valid.size())), valid.get(random.nextInt(valid.size())));
    }
    for (String name : Differential.corpus("names.txt")) {
      d.add(() -> ProjectName.normalize(name), "name", name);
    }
    assertTrue(d.verify() > 4000);
  }

  private static void addCompare(Differential d, Version a, Version b) {
    // the oracle re-parses the strings, so send the originals' normalized forms
    String x = a.toString();
    String y = b.toString();
    d.add(() -> Integer.signum(Version.parse(x).compareTo(Version.parse(y))), "cmp", x, y);
  }

  private static List<Object> describe(Version v) {
    return Arrays.asList(
        v.toString(),
        v.publicVersion(),
        v.baseVersion(),
        v.isPrerelease(),
        v.isPostrelease(),
        v.isDevrelease(),
        v.local(),
        v.canonical());
  }
}
