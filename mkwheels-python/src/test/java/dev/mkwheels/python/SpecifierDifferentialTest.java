package dev.mkwheels.python;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.python.version.Specifier;
import dev.mkwheels.python.version.SpecifierSet;
import dev.mkwheels.python.version.Version;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Specifiers and specifier sets against pip's packaging: {@code contains} for every (specifier,
 * version) pair of the corpus with pre-releases left to the specifier, admitted and refused, and
 * {@code filter} of the whole version list for every set.
 */
class SpecifierDifferentialTest {
  private static final Boolean[] PRERELEASES = {null, true, false};
  private static final int REAL = 110;

  @Test
  void containsAndFilterAgreeWithPackaging() {
    Differential d = new Differential("specifiers");
    List<String> versions = Differential.corpus("specifier-versions.txt");
    List<String> specifiers = Differential.corpus("specifiers.txt");
    for (int i = 0; i < specifiers.size(); i++) {
      String s = specifiers.get(i);
      // the real-world sample (the first REAL lines) with pre-releases left to the specifier only
      Boolean[] prereleases = i < REAL ? new Boolean[] {null} : PRERELEASES;
      for (String v : versions) {
        for (Boolean pre : prereleases) {
          d.add(() -> Specifier.parse(s).contains(Version.parse(v), pre), "spec", s, v, pre);
        }
      }
    }
    for (String line : Differential.corpus("specifier-sets.txt")) {
      String s = line.equals("EMPTY") ? "" : line;
      d.add(() -> SpecifierSet.parse(s).toString(), "specsetstr", s);
      for (String v : versions) {
        for (Boolean pre : PRERELEASES) {
          d.add(() -> SpecifierSet.parse(s).contains(Version.parse(v), pre), "specset", s, v, pre);
        }
      }
      for (Boolean pre : PRERELEASES) {
        d.add(() -> filter(s, versions, pre), "filter", s, versions, pre);
        List<String> pres = Arrays.asList("1.0a1", "1.0rc1", "2.0a1", "1.0.dev0");
        d.add(() -> filter(s, pres, pre), "filter", s, pres, pre);
      }
    }
    assertTrue(d.verify() > 1000);
  }

  private static List<String> filter(String set, List<String> versions, Boolean pre) {
    List<Version> parsed = new ArrayList<>();
    for (String v : versions) {
      parsed.add(Version.parse(v));
    }
    List<String> out = new ArrayList<>();
    for (Version v : SpecifierSet.parse(set).filter(parsed, pre)) {
      out.add(v.toString());
    }
    return out;
  }
}
