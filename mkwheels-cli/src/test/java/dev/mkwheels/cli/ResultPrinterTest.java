package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mkwheels.packaging.PackResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The result as the modes and {@code pack} print it. */
class ResultPrinterTest {
  static final PackResult RESULT =
      new PackResult(Path.of("/out/x-wheels-1.tar.gz"), 5, "a".repeat(32), "b".repeat(64), 1000, 3);

  static String print(boolean json, Map<String, ?> extra) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new ResultPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8))
        .print(RESULT, json, extra);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void extraFieldsFollowTheStandardOnesSortedByKey() {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("name", "x");
    extra.put("epoch-origin", "--epoch");
    assertEquals(
        String.join(
            "\n",
            "tarball: /out/x-wheels-1.tar.gz",
            "epoch: 5",
            "md5: " + "a".repeat(32),
            "sha256: " + "b".repeat(64),
            "size: 1000",
            "distributions: 3",
            "epoch-origin: --epoch",
            "name: x",
            ""),
        print(false, extra));
  }

  @Test
  void jsonSortsEveryKeyExtrasIncluded() {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("name", "x");
    extra.put("commits", List.of("abc", "def"));
    assertEquals(
        "{\"commits\":[\"abc\",\"def\"],\"distributions\":3,\"epoch\":5,\"md5\":\""
            + "a".repeat(32)
            + "\",\"name\":\"x\",\"sha256\":\""
            + "b".repeat(64)
            + "\",\"size\":1000,\"tarball\":\"/out/x-wheels-1.tar.gz\"}\n",
        print(true, extra));
  }

  @Test
  void anExtraFieldMayNotRepeatAStandardOne() {
    assertThrows(IllegalArgumentException.class, () -> print(false, Map.of("md5", "x")));
  }
}
