package dev.mkwheels.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mkwheels.testkit.IsolatedPip;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The interpreter's answer read with the streaming parser: compared with databind's tree on the
 * machine's real python3's answer, and on the shapes a broken or foreign answer can take.
 */
class ProbeAnswerTest {
  private static final ObjectMapper TREE = new ObjectMapper();

  @Test
  void theRealInterpretersAnswerReadsAsDatabindsTreeReadsIt() throws Exception {
    Map<String, String> env = new TreeMap<>(IsolatedPip.environment());
    env.put("PIP_INDEX_URL", "http://127.0.0.1:1/simple");
    env.put("PIP_EXTRA_INDEX_URL", "http://127.0.0.1:2/a\nhttp://127.0.0.1:3/b");
    ProcessBuilder builder = new ProcessBuilder("python3", "-c", InterpreterProbe.SCRIPT);
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    String json = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1, json);

    ProbeAnswer answer = ProbeAnswer.read(json);
    JsonNode tree = TREE.readTree(json);
    assertEquals(tree.get("pip").asText(), answer.pip());
    assertEquals(tree.get("witness").asText(), answer.witness());
    List<String> tags = new ArrayList<>();
    tree.get("tags").forEach(tag -> tags.add(tag.asText()));
    assertEquals(tags, answer.tags());
    assertEquals(texts(tree.get("environment")), answer.environment());
    assertEquals(texts(tree.get("config")), answer.config());
    assertEquals(
        "http://127.0.0.1:2/a\nhttp://127.0.0.1:3/b", answer.config().get(":env:.extra-index-url"));
    assertEquals(11, answer.environment().size(), answer.environment().toString());

    List<String> files = new ArrayList<>();
    TREE.readTree(answer.witness()).get("files").forEach(file -> files.add(file.get(0).asText()));
    assertEquals(files, ProbeAnswer.witnessedFiles(answer.witness()));
  }

  private static Map<String, String> texts(JsonNode object) {
    Map<String, String> texts = new TreeMap<>();
    object.fields().forEachRemaining(e -> texts.put(e.getKey(), e.getValue().asText()));
    return texts;
  }

  @Test
  void fieldsOfAnotherKindAreMissingAndUnknownOnesAreSkipped() {
    ProbeAnswer answer =
        ProbeAnswer.read(
            """
            {"extra": {"tags": ["x"], "pip": "no"}, "pip": ["pip 1"], "witness": 3,
             "config": {"global.index-url": "u", "global.timeout": 10, "global.x": [1, {"a": null}],
                        "global.y": true},
             "environment": {"os_name": "posix", "python_version": 3.12, "sys_platform": null},
             "tags": ["py3-none-any"], "later": [[{}]]} trailing""");
    assertNull(answer.pip());
    assertNull(answer.witness());
    // pip keeps texts only; anything else as its JSON, as databind's tree printed it.
    assertEquals(
        Map.of(
            "global.index-url", "u",
            "global.timeout", "10",
            "global.x", "[1,{\"a\":null}]",
            "global.y", "true"),
        answer.config());
    assertEquals(Map.of("os_name", "posix"), answer.environment());
    assertEquals(List.of("py3-none-any"), answer.tags());
  }

  @Test
  void theLastOfAFieldGivenTwiceCounts() {
    ProbeAnswer answer = ProbeAnswer.read("{\"pip\": \"a\", \"tags\": [], \"pip\": \"b\"}");
    assertEquals("b", answer.pip());
    assertNull(ProbeAnswer.read("{\"pip\": \"a\", \"pip\": {}}").pip());
  }

  @Test
  void whatIsNoObjectHasNoFields() {
    for (String json : List.of("", "[]", "1", "\"pip\"", "null")) {
      ProbeAnswer answer = ProbeAnswer.read(json);
      assertNull(answer.pip(), json);
      assertNull(answer.config(), json);
      assertNull(answer.tags(), json);
      assertNull(answer.environment(), json);
    }
  }

  @Test
  void brokenJsonAndATagThatIsNoTextAreOneLine() {
    IllegalArgumentException broken =
        assertThrows(IllegalArgumentException.class, () -> ProbeAnswer.read("{\"pip\": \"a\n\"}"));
    assertEquals("not JSON: {\"pip\": \"a", broken.getMessage());
    IllegalArgumentException cut =
        assertThrows(IllegalArgumentException.class, () -> ProbeAnswer.read("{\"tags\": [\"a\""));
    assertEquals("not JSON: {\"tags\": [\"a\"", cut.getMessage());
    IllegalArgumentException tag =
        assertThrows(
            IllegalArgumentException.class,
            () -> ProbeAnswer.read("{\"tags\": [\"a\", {\"b\": 1}]}"));
    assertEquals("a tag that is not a text: {\"b\":1}", tag.getMessage());
  }

  @Test
  void theWitnessNamesItsFilesOrNone() {
    assertEquals(
        List.of("/etc/pip.conf", "/x y/pip.conf"),
        ProbeAnswer.witnessedFiles(
            "{\"files\": [[\"/etc/pip.conf\", [1, 2, {\"a\": []}]], [\"/x y/pip.conf\","
                + " \"FileNotFoundError\"]], \"pip\": [\"23.2\"]}"));
    assertEquals(List.of(), ProbeAnswer.witnessedFiles("{\"files\": []}"));
    assertNotNull(ProbeAnswer.witnessedFiles("{\"other\": {\"files\": 1}, \"files\": []}"));
    for (String witness :
        List.of(
            "{}",
            "[]",
            "{\"files\": 1}",
            "{\"files\": [1]}",
            "{\"files\": [[1, \"a\"]]}",
            "{\"files\": [[\"a\", 1]",
            "not json")) {
      assertNull(ProbeAnswer.witnessedFiles(witness), witness);
    }
  }
}
