package dev.mkwheels.python;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.python.filename.SdistFileName;
import dev.mkwheels.python.filename.WheelFileName;
import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.tags.Tag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Wheel and sdist file names against pip: wheels and lone sdists as {@code packaging.utils} reads
 * them, and each sdist for every project its name could belong to as pip's finder reads it ({@code
 * foo-1.0-2.tar.gz} of {@code foo} is version {@code 1.0.post2}).
 */
class FileNameDifferentialTest {
  @Test
  void fileNamesAgreeWithPackagingAndPip() {
    Differential d = new Differential("file names");
    for (String f : Differential.corpus("wheel-filenames.txt")) {
      d.add(() -> describe(WheelFileName.parse(f)), "wheel", f);
    }
    for (String f : Differential.corpus("sdist-filenames.txt")) {
      d.add(
          () -> {
            SdistFileName s = SdistFileName.parse(f);
            return List.of(s.name().normalized(), s.version().toString());
          },
          "sdist",
          f);
      Set<String> projects = new TreeSet<>(List.of("other", "foo"));
      for (int i = 0; i < f.length(); i++) {
        if (f.charAt(i) == '-') {
          projects.add(ProjectName.normalize(f.substring(0, i)));
        }
      }
      for (String p : projects) {
        d.add(
            () -> {
              SdistFileName s = SdistFileName.parse(f, new ProjectName(p, p));
              return List.of(s.name().normalized(), s.version().toString(), s.extension());
            },
            "sdistfor",
            f,
            p);
      }
    }
    assertTrue(d.verify() > 1000);
  }

  private static List<Object> describe(WheelFileName w) {
    List<String> tags = new ArrayList<>();
    for (Tag t : w.tags()) {
      tags.add(t.toString());
    }
    List<Object> build =
        w.build().<List<Object>>map(b -> List.of(b.number(), b.suffix())).orElse(List.of());
    return Arrays.asList(w.name().normalized(), w.version().toString(), build, tags);
  }
}
