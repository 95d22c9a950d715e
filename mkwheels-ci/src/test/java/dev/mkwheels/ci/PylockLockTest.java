package dev.mkwheels.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mkwheels.pip.PipOptions;
import dev.mkwheels.pip.PipRunner;
import dev.mkwheels.testkit.Dist;
import dev.mkwheels.testkit.IsolatedPip;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.SdistBuilder;
import dev.mkwheels.testkit.WheelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mkwheels lock --format pylock} with the machine's real pip against a loopback index. */
class PylockLockTest {
  private static final Instant UPLOADED = Instant.parse("2024-01-01T00:00:00.25Z");
  static final Dist ALPHA = WheelBuilder.wheel("Alpha", "1.1").requires("beta>=1").build();
  static final Dist ALPHA_SDIST = SdistBuilder.sdist("Alpha", "1.1").requires("beta>=1").build();
  static final Dist BETA = WheelBuilder.wheel("beta", "2.0").build();

  private static PackageIndex index;
  @TempDir Path dir;
  private final RecordingConsole console = new RecordingConsole();
  private final PipRunner pip = new PipRunner("python3", IsolatedPip.environment(), console);

  @BeforeAll
  static void start() throws Exception {
    index = PackageIndex.start();
    for (Dist dist : List.of(ALPHA, ALPHA_SDIST, BETA)) {
      index.add(dist, UPLOADED);
    }
  }

  @AfterAll
  static void stop() {
    index.close();
  }

  private LockResult lock(Path out) throws Exception {
    Path requirements = dir.resolve("requirements.in");
    Files.writeString(requirements, "alpha\n");
    PipOptions options =
        new PipOptions(Optional.of(index.simpleUrl()), List.of(), List.of(), false);
    return new Locker(pip, new LoopbackHttp(), console)
        .lock(
            new LockRequest(
                List.of(requirements),
                out,
                options,
                false,
                Set.of(),
                "mkwheels lock --format pylock",
                LockFormat.PYLOCK));
  }

  @Test
  void thePylockListsEveryFileOfEveryPinByUrlSizeUploadTimeAndHash() throws Exception {
    Path out = dir.resolve("pylock.toml");
    LockResult result = lock(out);
    assertTrue(result.written());
    JsonNode lock = tomllib(out);
    assertEquals("1.0", lock.get("lock-version").asText());
    assertEquals("mkwheels", lock.get("created-by").asText());
    JsonNode packages = lock.get("packages");
    assertEquals(2, packages.size());
    JsonNode alpha = packages.get(0);
    assertEquals("alpha", alpha.get("name").asText());
    assertEquals("1.1", alpha.get("version").asText());
    assertEquals(index.simpleUrl(), alpha.get("index").asText());
    JsonNode wheel = alpha.get("wheels").get(0);
    assertEquals(ALPHA.filename(), wheel.get("name").asText());
    assertTrue(wheel.get("url").asText().endsWith("/files/" + ALPHA.filename()), wheel.toString());
    assertEquals(ALPHA.bytes().length, wheel.get("size").asLong());
    assertEquals(ALPHA.sha256(), wheel.get("hashes").get("sha256").asText());
    assertEquals("2024-01-01T00:00:00.250000+00:00", wheel.get("upload-time").asText());
    JsonNode sdist = alpha.get("sdist");
    assertEquals(ALPHA_SDIST.filename(), sdist.get("name").asText());
    assertEquals(ALPHA_SDIST.sha256(), sdist.get("hashes").get("sha256").asText());
    assertEquals("beta", packages.get(1).get("name").asText());
    assertFalse(packages.get(1).has("sdist"));

    // Read back as a lock: the same pins and hashes, and a second run leaves it unchanged.
    LockFile read = new LockFileParser().parse(out);
    assertEquals(
        List.of(new Pin("alpha", "1.1"), new Pin("beta", "2.0")), new ArrayList<>(read.pins()));
    byte[] first = Files.readAllBytes(out);
    assertFalse(lock(out).written(), "nothing changed: the file is left as it was");
    assertEquals(new String(first), Files.readString(out));
  }

  static JsonNode tomllib(Path file) throws Exception {
    String script =
        "import json, sys, tomllib\n"
            + "with open(sys.argv[1], 'rb') as f:\n"
            + "    print(json.dumps(tomllib.load(f), default=lambda o: o.isoformat()))\n";
    Process p = new ProcessBuilder("python3", "-c", script, file.toString()).start();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes());
    assertEquals(0, p.waitFor(), err);
    return new ObjectMapper().readTree(out);
  }
}
