package dev.mkwheels.python.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading METADATA out of a real wheel archive, and the typed 2.2-2.4 fields. */
class CoreMetadataTest {
  private static final String METADATA =
      "Metadata-Version: 2.4\nName: demo\nVersion: 1.0\nDynamic: Requires-Dist\n"
          + "License-Expression: MIT\nLicense-File: LICENSE\nLicense-File: NOTICE\n"
          + "Requires-Python: >=3.9\nProvides-Extra: http\n"
          + "Requires-Dist: requests>=2; extra == \"http\"\n\nThe description.\n";

  @Test
  void readsTheMetadataOfAWheel(@TempDir Path dir) throws IOException {
    Path wheel = zip(dir.resolve("demo-1.0-py3-none-any.whl"), "demo-1.0.dist-info/METADATA");
    CoreMetadata m = CoreMetadata.fromWheel(wheel);
    assertEquals("demo", m.name().orElseThrow());
    assertEquals("MIT", m.licenseExpression().orElseThrow());
    assertEquals(List.of("LICENSE", "NOTICE"), m.licenseFiles());
    assertEquals(List.of("Requires-Dist"), m.dynamic());
    assertEquals(">=3.9", m.requiresPython().orElseThrow());
    assertEquals(List.of("http"), m.providesExtra());
    assertEquals("requests", m.requiresDist().get(0).name());
    assertEquals("The description.\n", m.description().orElseThrow());
  }

  @Test
  void aWheelWithoutExactlyOneMetadataIsAnErrorNamingIt(@TempDir Path dir) throws IOException {
    Path wheel =
        zip(dir.resolve("x-1.0-py3-none-any.whl"), "a.dist-info/METADATA", "b.dist-info/METADATA");
    IOException e = assertThrows(IOException.class, () -> CoreMetadata.fromWheel(wheel));
    assertTrue(e.getMessage().contains("x-1.0-py3-none-any.whl"), e.getMessage());
  }

  private static Path zip(Path file, String... entries) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (String entry : entries) {
        zip.putNextEntry(new ZipEntry(entry));
        zip.write(METADATA.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return file;
  }
}
