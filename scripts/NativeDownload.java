import dev.mkwheels.api.Console;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.HttpResponse;
import dev.mkwheels.pip.InterpreterProbe;
import dev.mkwheels.pip.PipException;
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
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
 * No --target means the host (the interpreter's tags and markers, read by the same {@code
 * InterpreterProbe} as the CLI's); with targets, only wheels. Prints one line on stderr: files,
 * milliseconds to resolve (from {@code main}) and to download, and from the JVM's start to {@code
 * main}.
 */
public final class NativeDownload {
  private static final Instant MAIN = Instant.now();

  private static final String USAGE =
      "usage: --index-url URL [--extra-index-url URL]... [--target T]... [--python P] --dest DIR"
          + " REQ...";

  public static void main(String[] args) throws Exception {
    List<String> indexes = new ArrayList<>();
    List<String> targetNames = new ArrayList<>();
    List<String> requirements = new ArrayList<>();
    String python = "python3";
    Path dest = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--index-url", "--extra-index-url" -> indexes.add(args[++i]);
        case "--target" -> targetNames.add(args[++i]);
        case "--python" -> python = args[++i];
        case "--dest" -> dest = Path.of(args[++i]);
        case "-h", "--help" -> {
          System.out.println(USAGE);
          return;
        }
        default -> requirements.add(args[i]);
      }
    }
    if (dest == null || indexes.isEmpty() || requirements.isEmpty()) {
      System.err.println(USAGE);
      System.exit(2);
    }
    Map<String, String> env = new TreeMap<>(System.getenv());
    env.keySet().removeIf(name -> name.startsWith("PIP_"));
    env.put("PIP_CONFIG_FILE", "/dev/null");
    // The interpreter takes a while to start, so it is started first, before anything else is
    // made (as the CLI starts it before the source resolves): the probe runs on its own thread and
    // answers at once from its last answer when one is kept; that answer is confirmed after the
    // download, and on a change all is done again.
    InterpreterProbe interpreter =
        targetNames.isEmpty()
            ? InterpreterProbe.startRemembering(python, env, Duration.ofSeconds(120), new Quiet())
            : null;
    String failure = null;
    try {
      List<Requirement> roots = new ArrayList<>();
      for (String requirement : requirements) {
        roots.add(Requirement.parse(requirement));
      }
      Path work = Files.createTempDirectory("native-download");
      try {
        run(indexes, targetNames, roots, python, env, interpreter, dest, work);
      } finally {
        delete(work);
      }
    } catch (ResolutionException | PipException e) {
      failure = e.getMessage();
    } finally {
      if (interpreter != null) {
        interpreter.close();
      }
    }
    if (failure != null) {
      System.err.println("native: " + failure);
      System.exit(1);
    }
  }

  private static void run(
      List<String> indexes,
      List<String> targetNames,
      List<Requirement> roots,
      String python,
      Map<String, String> env,
      InterpreterProbe interpreter,
      Path dest,
      Path work)
      throws Exception {
    long start = System.nanoTime();
    long hostMillis = 0;
    HttpFetcher http = new JdkHttp();
    Downloader downloader =
        new Downloader(http, Downloader.DEFAULT_PER_HOST, work.resolve("cache"));
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
    if (interpreter != null) {
      long probe = System.nanoTime();
      PipOptions options =
          new PipOptions(
              Optional.of(indexes.get(0)), indexes.subList(1, indexes.size()), List.of(), false);
      provider.metadataBuilder(new PipMetadata(new PipRunner(python, env, new Quiet()), options));
      candidates = provider.build();
      InterpreterProbe asked = interpreter;
      CompletableFuture<Target> host =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return asked.facts().host();
                } catch (PipException e) {
                  throw new CompletionException(e);
                }
              });
      try {
        targets.add(host.get(20, TimeUnit.MILLISECONDS));
      } catch (TimeoutException e) {
        // Not known at once (no answer kept from an earlier run): read the roots' pages (cached
        // per index, whatever the target) meanwhile. Not the whole tree for a guessed target:
        // that slowed the interpreter's start more than it saved (two cores).
        Target any = Targets.parse("cp312-manylinux_2_28_x86_64");
        for (Requirement root : roots) {
          if (root.url().isEmpty()) {
            try {
              candidates.candidates(root.projectName(), any);
            } catch (ResolutionException failure) {
              // The resolution meets it again.
            }
          }
        }
        targets.add(host.get());
      } catch (ExecutionException e) {
        throw e.getCause() instanceof Exception cause ? cause : e;
      }
      hostMillis = (System.nanoTime() - probe) / 1_000_000;
    } else {
      candidates = provider.build();
    }
    Fetched fetched;
    try {
      fetched = resolveAndDownload(candidates, roots, targets, downloader, dest);
      if (interpreter != null && !interpreter.confirm()) {
        System.err.println("native: the interpreter answered otherwise than last time: again");
        delete(dest);
        Files.createDirectories(dest);
        targets.set(0, interpreter.facts().host());
        fetched = resolveAndDownload(provider.build(), roots, targets, downloader, dest);
      }
    } finally {
      if (interpreter != null) {
        interpreter.close();
      }
    }
    long resolved = fetched.resolved();
    int filesCount = fetched.files();
    long done = System.nanoTime();
    System.err.printf(
        "native: %d files for %d target(s), resolved in %d ms (host probe %d ms),"
            + " downloaded in %d ms; from exec to main %d ms%n",
        filesCount,
        targets.size(),
        (resolved - start) / 1_000_000,
        hostMillis,
        (done - resolved) / 1_000_000,
        startToMain());
  }

  /** When the resolution ended (nanoseconds) and how many files were downloaded. */
  private record Fetched(long resolved, int files) {}

  /** Resolves and downloads. */
  private static Fetched resolveAndDownload(
      IndexCandidates candidates,
      List<Requirement> roots,
      List<Target> targets,
      Downloader downloader,
      Path dest)
      throws Exception {
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
    return new Fetched(resolved, files.size());
  }

  /**
   * Milliseconds from {@code native-download.sh}'s {@code exec} of the JVM (the property {@code
   * native.download.start}, epoch nanoseconds) to the driver's {@code main}; -1 without it.
   */
  private static long startToMain() {
    String start = System.getProperty("native.download.start", "");
    if (!start.matches("[0-9]+")) {
      return -1;
    }
    long nanos = Long.parseLong(start);
    Instant exec = Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
    return Duration.between(exec, MAIN).toMillis();
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

  /**
   * JDK HTTP ({@code HttpURLConnection}: blocking, on the caller's thread, kept-alive connections
   * pooled; redirects within a scheme followed). Not java.net.http's HttpClient: its one selector
   * thread reads every body and copies it through small heap buffers, which made a download of 55
   * MB over loopback cost seconds of CPU, and it sets up TLS even for a plain http: index.
   */
  private static final class JdkHttp implements HttpFetcher {
    private static final int BUFFER_BYTES = 64 * 1024; // as the CLI's JdkHttpFetcher

    @Override
    public HttpResponse get(URI uri, Map<String, String> headers) throws IOException {
      HttpURLConnection connection = open(uri, headers);
      try {
        int status = connection.getResponseCode();
        InputStream body =
            status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        byte[] bytes;
        try (InputStream in = body) {
          bytes = in == null ? new byte[0] : in.readAllBytes();
        }
        return new HttpResponse(status, fields(connection), bytes, finalUri(connection, uri));
      } catch (IOException e) {
        connection.disconnect();
        throw e;
      }
    }

    @Override
    public HttpResponse download(URI uri, Map<String, String> headers, Path target, long maxBytes)
        throws IOException {
      return download(uri, headers, target, maxBytes, null);
    }

    /** Hashes the body as it writes it, as the CLI's JdkHttpFetcher does. */
    @Override
    public HttpResponse download(
        URI uri, Map<String, String> headers, Path target, long maxBytes, MessageDigest digest)
        throws IOException {
      if (digest != null) {
        digest.reset();
      }
      HttpURLConnection connection = open(uri, headers);
      int status;
      try {
        status = connection.getResponseCode();
      } catch (IOException e) {
        connection.disconnect();
        throw e;
      }
      if (status != 200) {
        try (InputStream error = connection.getErrorStream()) {
          if (error != null) {
            error.readAllBytes();
          }
        }
        return new HttpResponse(status, fields(connection), new byte[0]);
      }
      Path temporary = Files.createTempFile(target.toAbsolutePath().getParent(), ".part-", ".tmp");
      try {
        long total = 0;
        try (InputStream in = connection.getInputStream();
            OutputStream out = Files.newOutputStream(temporary)) {
          byte[] buffer = new byte[BUFFER_BYTES];
          for (int n; (n = in.read(buffer)) >= 0; ) {
            total += n;
            if (total > maxBytes) {
              connection.disconnect();
              throw new IOException(uri.getHost() + ": more than " + maxBytes + " bytes");
            }
            out.write(buffer, 0, n);
            if (digest != null) {
              digest.update(buffer, 0, n);
            }
          }
        }
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        return new HttpResponse(200, fields(connection), new byte[0]);
      } finally {
        Files.deleteIfExists(temporary);
      }
    }

    private static HttpURLConnection open(URI uri, Map<String, String> headers)
        throws IOException {
      if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
        throw new IOException(uri.getScheme() + ": not http(s)");
      }
      HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
      connection.setConnectTimeout(10_000);
      connection.setReadTimeout(60_000);
      connection.setInstanceFollowRedirects(true);
      headers.forEach(connection::setRequestProperty);
      return connection;
    }

    /** Where the answer came from, after redirects (relative links resolve against it). */
    private static Optional<URI> finalUri(HttpURLConnection connection, URI asked) {
      try {
        return Optional.of(connection.getURL().toURI());
      } catch (java.net.URISyntaxException e) {
        return Optional.of(asked);
      }
    }

    private static Map<String, List<String>> fields(HttpURLConnection connection) {
      Map<String, List<String>> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      connection
          .getHeaderFields()
          .forEach(
              (name, values) -> {
                if (name != null) {
                  fields.put(name, values);
                }
              });
      return fields;
    }
  }
}
