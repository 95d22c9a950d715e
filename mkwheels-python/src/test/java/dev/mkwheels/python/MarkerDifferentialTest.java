package dev.mkwheels.python;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.python.marker.Marker;
import dev.mkwheels.python.marker.TargetEnvironment;
import dev.mkwheels.python.requirement.Requirement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Markers and requirements against pip's packaging: every marker of {@code markers.txt} parsed,
 * printed and evaluated on every target of {@code environments.tsv} (with no extra, and with the
 * extra it names), and every requirement of {@code requirements.txt} taken apart.
 */
class MarkerDifferentialTest {
  private static final Pattern OTHER_VARIABLE =
      Pattern.compile("python|platform|sys|os|implementation");
  private static final Pattern EXTRA = Pattern.compile("extra\\s*==\\s*['\"]([^'\"]*)['\"]");

  @Test
  void markersAndRequirementsAgreeWithPackaging() {
    Differential d = new Differential("markers and requirements");
    List<List<String>> environments = new ArrayList<>();
    for (String line : Differential.corpus("environments.tsv")) {
      environments.add(Arrays.asList(line.split("\t", -1)));
    }
    for (String line : Differential.corpus("markers.txt")) {
      String m = line.equals("EMPTY") ? "" : line;
      d.add(() -> Marker.parse(m).toString(), "markerstr", m);
      Matcher extra = EXTRA.matcher(m);
      String named = extra.find() ? extra.group(1) : null;
      // a marker on extra alone reads no environment variable: one target is enough
      boolean extraOnly = !OTHER_VARIABLE.matcher(m).find();
      for (List<String> env : extraOnly ? environments.subList(0, 1) : environments) {
        TargetEnvironment target = target(env);
        d.add(() -> Marker.parse(m).evaluate(target, ""), "marker", m, env, "");
        if (named != null) {
          d.add(() -> Marker.parse(m).evaluate(target, named), "marker", m, env, named);
        }
      }
    }
    for (String r : Differential.corpus("requirements.txt")) {
      d.add(() -> describe(Requirement.parse(r)), "req", r);
    }
    assertTrue(d.verify() > 10000);
  }

  static TargetEnvironment target(List<String> v) {
    return new TargetEnvironment(
        v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6), v.get(7), v.get(8),
        v.get(9), v.get(10));
  }

  private static List<Object> describe(Requirement r) {
    return Arrays.asList(
        r.name(),
        r.sortedExtras(),
        r.specifier().toString(),
        r.url().orElse(null),
        r.marker().map(Marker::toString).orElse(null));
  }
}
