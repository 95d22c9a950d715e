package dev.mkwheels.python.marker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetEnvironmentTest {
  @Test
  void eachVariableIsReadByItsPep508Name() {
    TargetEnvironment env =
        new TargetEnvironment("in", "iv", "on", "pm", "pr", "ps", "pv", "pfv", "ppi", "pyv", "sp");
    Map<String, String> map = env.asMap();
    assertEquals(11, map.size());
    assertEquals(11, map.values().stream().distinct().count(), "each field its own value");
    map.forEach((name, value) -> assertEquals(Optional.of(value), env.get(name), name));
    assertEquals("pm", env.get("platform_machine").orElseThrow());
    assertEquals(Optional.empty(), env.get("extra"));
    assertEquals(Optional.empty(), env.get("Platform_Machine"));
  }
}
