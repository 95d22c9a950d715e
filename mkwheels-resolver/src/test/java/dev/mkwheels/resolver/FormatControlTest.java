package dev.mkwheels.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mkwheels.python.name.ProjectName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link FormatControl} against pip's own, run by the machine's python3. */
class FormatControlTest {
  /** no-binary, only-binary: as a user would set them. */
  static final List<List<String>> CASES =
      List.of(
          List.of("", ""),
          List.of(":all:", ""),
          List.of(":all:", "foo"),
          List.of("foo,bar", ":all:"),
          List.of(":all:,:none:,foo", ""),
          List.of("foo", "foo"),
          List.of(":all:", ":all:"),
          List.of("Foo_Bar", ""),
          List.of("", ":all:,:none:"),
          List.of("a,:all:,b,:all:", "baz"),
          List.of(":none:", "foo,:none:,bar"));

  static final List<String> PROJECTS = List.of("foo", "bar", "baz", "foo-bar");

  /** Each case's answers, one line: for each project, b (wheels), s (sdists) or bs. */
  static String ours(String noBinary, String onlyBinary) {
    FormatControl formats = FormatControl.of(noBinary, onlyBinary);
    List<String> answers = new ArrayList<>();
    for (String project : PROJECTS) {
      ProjectName name = ProjectName.of(project);
      answers.add((formats.wheels(name) ? "b" : "") + (formats.sdists(name) ? "s" : ""));
    }
    return String.join(" ", answers);
  }

  @Test
  void eachSettingAllowsWhatPipsFormatControlAllows() throws Exception {
    StringBuilder script =
        new StringBuilder(
            """
            from pip._internal.models.format_control import FormatControl
            from pip._vendor.packaging.utils import canonicalize_name
            def answer(nb, ob):
                fc = FormatControl(set(), set())
                if nb:
                    FormatControl.handle_mutual_excludes(nb, fc.no_binary, fc.only_binary)
                if ob:
                    FormatControl.handle_mutual_excludes(ob, fc.only_binary, fc.no_binary)
                out = []
                for p in %s:
                    f = fc.get_allowed_formats(canonicalize_name(p))
                    out.append(('b' if 'binary' in f else '') + ('s' if 'source' in f else ''))
                print(' '.join(out))
            """
                .formatted(toPython(PROJECTS)));
    for (List<String> c : CASES) {
      script.append("answer(%s, %s)\n".formatted(toPython(c.get(0)), toPython(c.get(1))));
    }
    List<String> pips = python(script.toString());
    List<String> mine = new ArrayList<>();
    for (List<String> c : CASES) {
      mine.add(ours(c.get(0), c.get(1)));
    }
    assertEquals(pips, mine, "in the order of " + CASES);
  }

  @Test
  void aValueLikeAnOptionIsRefusedAsPipRefusesIt() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FormatControl.of("--pre", ""));
    assertEquals("no-binary takes project names, :all: or :none:, not '--pre'", e.getMessage());
  }

  private static String toPython(Object value) {
    if (value instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      list.forEach(v -> items.add(toPython(v)));
      return "[" + String.join(", ", items) + "]";
    }
    return "'" + value + "'";
  }

  private static List<String> python(String script) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError("python3 failed: " + out);
    }
    return out.lines().toList();
  }
}
