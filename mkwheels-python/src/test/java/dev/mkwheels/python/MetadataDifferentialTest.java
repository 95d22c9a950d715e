package dev.mkwheels.python;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.python.metadata.CoreMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Core metadata headers against pip: every record of {@code metadata.txt} read by CoreMetadata and
 * by Python's email parser, both presented as pip's {@code msg_to_json} presents them (plus the 2.4
 * fields License-Expression and License-File, which pip 23.2 does not know yet).
 */
class MetadataDifferentialTest {
  /** pip's METADATA_FIELDS: name and whether it may repeat, in pip's order. */
  private static final List<Object[]> FIELDS =
      List.of(
          new Object[] {"Metadata-Version", false},
          new Object[] {"Name", false},
          new Object[] {"Version", false},
          new Object[] {"Dynamic", true},
          new Object[] {"Platform", true},
          new Object[] {"Supported-Platform", true},
          new Object[] {"Summary", false},
          new Object[] {"Description", false},
          new Object[] {"Description-Content-Type", false},
          new Object[] {"Keywords", false},
          new Object[] {"Home-page", false},
          new Object[] {"Download-URL", false},
          new Object[] {"Author", false},
          new Object[] {"Author-email", false},
          new Object[] {"Maintainer", false},
          new Object[] {"Maintainer-email", false},
          new Object[] {"License", false},
          new Object[] {"Classifier", true},
          new Object[] {"Requires-Dist", true},
          new Object[] {"Requires-Python", false},
          new Object[] {"Requires-External", true},
          new Object[] {"Project-URL", true},
          new Object[] {"Provides-Extra", true},
          new Object[] {"Provides-Dist", true},
          new Object[] {"Obsoletes-Dist", true});

  @Test
  void metadataAgreesWithPipsEmailParser() {
    Differential d = new Differential("core metadata");
    for (String record : records()) {
      d.add(() -> present(CoreMetadata.parse(record)), "metadata", record);
    }
    assertTrue(d.verify() >= 100);
  }

  private static List<Object> present(CoreMetadata m) {
    List<Object> out = new ArrayList<>();
    for (Object[] field : FIELDS) {
      String name = (String) field[0];
      List<String> all = m.getAll(name);
      if (all.isEmpty()) {
        continue;
      }
      String key = name.toLowerCase().replace('-', '_');
      if ((Boolean) field[1]) {
        out.add(List.of(key, all));
      } else if (key.equals("keywords")) {
        String v = all.get(0);
        List<String> words = new ArrayList<>();
        if (v.contains(",")) {
          Arrays.stream(v.split(",", -1)).map(String::strip).forEach(words::add);
        } else if (!v.isBlank()) {
          words.addAll(Arrays.asList(v.strip().split("\\s+")));
        }
        out.add(List.of(key, words));
      } else {
        out.add(List.of(key, all.get(0)));
      }
    }
    if (!m.body().isEmpty()) {
      out.add(List.of("description", m.body()));
    }
    Optional<String> expression = m.licenseExpression();
    expression.ifPresent(e -> out.add(List.of("license_expression", e)));
    if (!m.licenseFiles().isEmpty()) {
      out.add(List.of("license_file", m.licenseFiles()));
    }
    return out;
  }

  /** The records of metadata.txt, CR characters kept. */
  private static List<String> records() {
    String text;
    try (InputStream in = MetadataDifferentialTest.class.getResourceAsStream("metadata.txt")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> records = new ArrayList<>();
    for (String chunk : text.split("\n=== ", -1)) {
      if (chunk.startsWith("#")) {
        continue;
      }
      int newline = chunk.indexOf('\n');
      records.add(chunk.substring(newline + 1) + "\n");
    }
    return records;
  }
}
