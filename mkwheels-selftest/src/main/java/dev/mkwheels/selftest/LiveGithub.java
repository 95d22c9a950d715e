package dev.mkwheels.selftest;

import dev.mkwheels.pip.ChildEnvironment;
import dev.mkwheels.pip.ChildProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** The {@code --gh} check against the real GitHub: {@code --gh-repo OWNER/REPO@TAG}. */
final class LiveGithub {
  private final String ownerRepo;
  private final String tag;

  LiveGithub(String spec) {
    int at = spec.lastIndexOf('@');
    if (at <= 0 || at == spec.length() - 1 || spec.indexOf('/') <= 0) {
      throw new IllegalArgumentException("--gh-repo must be OWNER/REPO@TAG, not '" + spec + "'");
    }
    this.ownerRepo = spec.substring(0, at);
    this.tag = spec.substring(at + 1);
  }

  List<Outcome> check(
      ReproducibilityCheck check, List<String> common, Path work, Consumer<String> progress)
      throws IOException, InterruptedException {
    Path source = unpackedSource(Files.createDirectories(work.resolve("source")));
    List<String> args = new ArrayList<>(List.of("--gh", "--repo", ownerRepo, "--ver", tag));
    args.addAll(common);
    return check.run("gh", args, work, Optional.of(source), progress);
  }

  /** The tag's source tree, for the recipe's last step (the project itself, --no-deps). */
  private Path unpackedSource(Path dir) throws IOException, InterruptedException {
    Path archive = dir.resolve("source.tar.gz");
    HttpClient client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30))
            .build();
    HttpResponse<InputStream> response =
        client.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "https://github.com/"
                            + ownerRepo
                            + "/archive/refs/tags/"
                            + tag
                            + ".tar.gz"))
                .timeout(Duration.ofMinutes(2))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      throw new IOException(
          "GitHub answered "
              + response.statusCode()
              + " for the "
              + tag
              + " archive of "
              + ownerRepo);
    }
    try (InputStream in = response.body()) {
      Files.copy(in, archive, StandardCopyOption.REPLACE_EXISTING);
    }
    ProcessBuilder builder =
        new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", dir.toString()).inheritIO();
    try (ChildProcess tar = ChildProcess.start(builder, ChildEnvironment.of(System.getenv()))) {
      if (!tar.process().waitFor(5, TimeUnit.MINUTES) || tar.process().exitValue() != 0) {
        throw new IOException("cannot unpack the " + tag + " archive of " + ownerRepo);
      }
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(Files::isDirectory)
          .findFirst()
          .orElseThrow(
              () ->
                  new IOException(
                      "the " + tag + " archive of " + ownerRepo + " holds no directory"));
    }
  }
}
