package dev.mkwheels.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.python.tags.Tag;
import dev.mkwheels.resolver.Target;
import dev.mkwheels.testkit.IsolatedPip;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host target, read from the machine's real python3 and its pip. */
class HostTargetTest {
  @TempDir Path temp;

  private static String python(String code) throws Exception {
    Process process = new ProcessBuilder("python3", "-c", code).start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
  }

  @Test
  void readsTheInterpretersTagsInPipsOrderAndItsMarkers() throws Exception {
    Target host = HostTarget.read("python3", ChildEnvironment.of(IsolatedPip.environment()));
    assertEquals("host", host.name());
    assertEquals(
        python("import platform; print(platform.python_version())"),
        host.environment().pythonFullVersion());
    assertEquals(python("import sys; print(sys.platform)"), host.environment().sysPlatform());
    String first =
        python("from pip._vendor.packaging import tags; print(next(iter(tags.sys_tags())))");
    assertEquals(first, host.tags().get(0).toString());
    String count =
        python("from pip._vendor.packaging import tags; print(len(list(tags.sys_tags())))");
    assertEquals(Integer.parseInt(count), host.tags().size());
    assertTrue(host.tags().contains(new Tag("py3", "none", "any")), host.tags().toString());
    assertTrue(host.tags().indexOf(new Tag("py3", "none", "any")) > 0, "a pure wheel comes after");
  }

  @Test
  void anInterpreterThatCannotBeRunIsOneLine() {
    String missing = temp.resolve("no-python").toString();
    PipException e =
        assertThrows(
            PipException.class,
            () -> HostTarget.read(missing, ChildEnvironment.of(IsolatedPip.environment())));
    assertTrue(
        e.getMessage()
            .startsWith(
                "cannot read the tags and markers of the Python interpreter '" + missing + "': "),
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void anAnswerWithoutTagsIsRefusedInOneLine() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> HostTarget.parse("{\"tags\": 1}"));
    assertEquals("no tags and environment in: {\"tags\": 1}", e.getMessage());
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> HostTarget.parse("{\"tags\": [], \"environment\": {}}"));
    assertEquals("the marker environment has no implementation_name", missing.getMessage());
  }
}
