package dev.mkwheels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mkwheels.api.Console;
import dev.mkwheels.api.Credential;
import dev.mkwheels.api.SourceArchive;
import dev.mkwheels.api.SourceException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's context keeps every credential a provider named out of pip's environment. */
class RunContextTest {
  @TempDir Path work;

  RunContext context(Map<String, String> environment) {
    return new RunContext(
        new JdkHttpFetcher(
            java.time.Duration.ofSeconds(1),
            java.time.Duration.ofSeconds(1),
            java.time.Duration.ofMillis(1)),
        text -> text,
        work,
        new Console() {
          @Override
          public void progress(String message) {}

          @Override
          public void warn(String message) {}

          @Override
          public void debug(String message) {}
        },
        environment,
        Optional.empty(),
        List.of());
  }

  static Credential credential(String variable) {
    return new Credential(variable, "X-Key", "", URI.create("https://forge.example"));
  }

  /** Names one credential through http(...) and one through an archive the host refuses early. */
  static void nameCredentials(RunContext context) {
    context.http(List.of(credential("ODD_API_KEY")));
    SourceArchive archive =
        SourceArchive.builder(URI.create("ftp://forge.example/a.tar.gz"), "the archive", "1.0")
            .credential(credential("ARCHIVE_KEY"))
            .build();
    assertThrows(SourceException.class, () -> context.unpack(archive));
  }

  @Test
  void aProvidersCredentialVariablesNeverReachPip() {
    Map<String, String> env = Map.of("ODD_API_KEY", "s1", "ARCHIVE_KEY", "s2", "HOME", "/home/u");
    RunContext context = context(env);
    nameCredentials(context);
    assertEquals(Map.of("HOME", "/home/u"), context.withoutCredentials(env));
  }

  @Test
  void unlessTheUserPassesOneOnPurpose() {
    Map<String, String> env =
        Map.of("ODD_API_KEY", "s1", "ARCHIVE_KEY", "s2", "MKWHEELS_PASS_ENV", "ODD_API_KEY");
    RunContext context = context(env);
    nameCredentials(context);
    assertEquals(
        Map.of("ODD_API_KEY", "s1", "MKWHEELS_PASS_ENV", "ODD_API_KEY"),
        context.withoutCredentials(env));
  }
}
