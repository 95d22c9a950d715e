import dev.mkwheels.api.Console;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.HttpResponse;
import dev.mkwheels.pip.ChildEnvironment;
import dev.mkwheels.pip.HostTarget;
import dev.mkwheels.pip.PipMetadata;
import dev.mkwheels.pip.PipOptions;
import dev.mkwheels.pip.PipRunner;
import dev.mkwheels.python.index.IndexClient;
import dev.mkwheels.python.index.IndexFile;
import dev.mkwheels.python.requirement.Requirement;
import dev.mkwheels.resolver.Downloader;
import dev.mkwheels.resolver.IndexCandidates;
import dev.mkwheels.resolver.Pin;
import dev.mkwheels.resolver.Resolution;
import dev.mkwheels.resolver.ResolutionException;
import dev.mkwheels.resolver.ResolveRequest;
import dev.mkwheels.resolver.Resolver;
import dev.mkwheels.resolver.Target;
import dev.mkwheels.resolver.Targets;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The native resolver and downloader, run straight from the modules' classes, for the
 * differential script and the benchmark until the CLI has {@code --resolver native}. Not product
 * code: no work-directory cleanup on signals, plain JDK HTTP.
 *
 * <pre>
 * java -cp CLASSES scripts/NativeDownload.java \
 *     --index-url URL [--extra-index-url URL]... [--target T]... [--python P] --dest DIR REQ...
 * </pre>
 *
 * No --target means the host (the interpreter's tags and markers); with targets, only wheels.
 * Prints one line on stderr: files, milliseconds to resolve and to download.
 */
public final class NativeDownload {
  public static void main(String[] args) throws Exception {
    List<String> indexes = new ArrayList<>();
    List<String> targetNames = new ArrayList<>();
    List<Requirement> roots = new ArrayList<>();
    String python = "python3";
    Path dest = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--index-url", "--extra-index-url" -> indexes.add(args[++i]);
        case "--target" -> targetNames.add(args[++i]);
        case "--python" -> python = args[++i];
        case "--dest" -> dest = Path.of(args[++i]);
        default -> roots.add(Requirement.parse(args[i]));
      }
    }
    if (dest == null || indexes.isEmpty() || roots.isEmpty()) {
      System.err.println("usage: --index-url URL [--target T]... --dest DIR REQ...");
      System.exit(2);
    }
    Path work = Files.createTempDirectory("native-download");
    try {
      run(indexes, targetNames, roots, python, dest, work);
    } catch (ResolutionException e) {
      System.err.println("native: " + e.getMessage());
      System.exit(1);
    } finally {
      delete(work);
    }
  }

  private static void run(
      List<String> indexes,
      List<String> targetNames,
      List<Requirement> roots,
      String python,
      Path dest,
      Path work)
      throws Exception {
    long start = System.nanoTime();
    long hostMillis = 0;
    HttpFetcher http = new JdkHttp();
    Downloader downloader = new Downloader(http, Downloader.DEFAULT_PER_HOST, work.resolve("cache"));
    Map<String, String> env = new TreeMap<>(System.getenv());
    env.keySet().removeIf(name -> name.startsWith("PIP_"));
    env.put("PIP_CONFIG_FILE", "/dev/null");
    List<Target> targets = new ArrayList<>();
    for (String name : targetNames) {
      targets.add(Targets.parse(name));
    }
    IndexCandidates.Builder provider =
        IndexCandidates.builder(new IndexClient(http))
            .indexes(indexes)
            .downloader(downloader)
            .onlyBinary(!targets.isEmpty());
    IndexCandidates candidates;
    if (targets.isEmpty()) {
      PipOptions options =
          new PipOptions(
              Optional.of(indexes.get(0)), indexes.subList(1, indexes.size()), List.of(), false);
      provider.metadataBuilder(new PipMetadata(new PipRunner(python, env, new Quiet()), options));
      candidates = provider.build();
      // The interpreter takes seconds to start: read the roots' pages (cached per index, whatever
      // the target) meanwhile.
      String interpreter = python;
      long probe = System.nanoTime();
      CompletableFuture<Target> host =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return HostTarget.read(interpreter, ChildEnvironment.of(env));
                } catch (Exception e) {
                  throw new CompletionException(e);
                }
              });
      Target any = Targets.parse("cp312-manylinux_2_28_x86_64");
      for (Requirement root : roots) {
        if (root.url().isEmpty()) {
          try {
            candidates.candidates(root.projectName(), any);
          } catch (ResolutionException e) {
            // The resolution meets it again.
          }
        }
      }
      try {
        targets.add(host.join());
      } catch (CompletionException e) {
        throw e.getCause() instanceof Exception cause ? cause : e;
      }
      hostMillis = (System.nanoTime() - probe) / 1_000_000;
    } else {
      candidates = provider.build();
    }
    List<Resolution> resolutions =
        new Resolver(candidates).resolveAll(ResolveRequest.of(roots), targets);
    long resolved = System.nanoTime();
    Map<String, IndexFile> files = new LinkedHashMap<>();
    for (Resolution resolution : resolutions) {
      for (Pin pin : resolution.pins()) {
        if (pin.candidate().directUrl().isEmpty()) {
          files.putIfAbsent(pin.file().fileName(), pin.file());
        }
      }
    }
    downloader.download(files.values(), dest);
    long done = System.nanoTime();
    System.err.printf(
        "native: %d files for %d target(s), resolved in %d ms (host probe %d ms),"
            + " downloaded in %d ms%n",
        files.size(),
        targets.size(),
        (resolved - start) / 1_000_000,
        hostMillis,
        (done - resolved) / 1_000_000);
  }

  private static void delete(Path path) throws IOException {
    if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try (var list = Files.list(path)) {
        for (Path child : list.toList()) {
          delete(child);
        }
      }
    }
    Files.deleteIfExists(path);
  }

  private static final class Quiet implements Console {
    @Override
    public void progress(String message) {}

    @Override
    public void warn(String message) {
      System.err.println("warning: " + message);
    }

    @Override
    public void debug(String message) {}
  }

  /** JDK HttpClient: redirects followed, bodies streamed to disk for downloads. */
  private static final class JdkHttp implements HttpFetcher {
    private final HttpClient client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @Override
    public HttpResponse get(URI uri, Map<String, String> headers) throws IOException {
      java.net.http.HttpResponse<byte[]> response =
          send(uri, headers, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
      return new HttpResponse(response.statusCode(), response.headers().map(), response.body());
    }

    @Override
    public HttpResponse download(URI uri, Map<String, String> headers, Path target, long maxBytes)
        throws IOException {
      java.net.http.HttpResponse<InputStream> response =
          send(uri, headers, java.net.http.HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          return new HttpResponse(response.statusCode(), response.headers().map(), new byte[0]);
        }
        Path temporary =
            Files.createTempFile(target.toAbsolutePath().getParent(), ".part-", ".tmp");
        try {
          Files.copy(body, temporary, StandardCopyOption.REPLACE_EXISTING);
          if (Files.size(temporary) > maxBytes) {
            throw new IOException(uri.getHost() + ": more than " + maxBytes + " bytes");
          }
          Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
          Files.deleteIfExists(temporary);
        }
        return new HttpResponse(200, response.headers().map(), new byte[0]);
      }
    }

    private <T> java.net.http.HttpResponse<T> send(
        URI uri, Map<String, String> headers, java.net.http.HttpResponse.BodyHandler<T> handler)
        throws IOException {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
      headers.forEach(request::header);
      try {
        return client.send(request.build(), handler);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(uri.getHost() + ": interrupted", e);
      }
    }
  }
}
