package dev.mkwheels.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.engine.WorkDirectory;
import dev.mkwheels.packaging.Packager;
import dev.mkwheels.rebuild.GitArchiver;
import dev.mkwheels.rebuild.RebuildResult;
import dev.mkwheels.rebuild.Rebuilder;
import dev.mkwheels.rebuild.Repacker;
import dev.mkwheels.rebuild.Sources;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mkwheels rebuild}: checks someone's tarball without trusting them, by fetching the files
 * its pylock.toml locks, packing them again and comparing every byte.
 */
@Command(
    name = "mkwheels rebuild",
    sortOptions = false,
    usageHelpWidth = 100,
    footer = "Exit codes: 0 identical, 1 a difference or a failure, 2 bad usage.",
    description = {
      "Reads TARBALL's pylock.toml, fetches exactly the files it locks (from --find-links, then"
          + " the indexes' project pages; without --index-url, the index each package was locked"
          + " from; a git dependency's archive is written again from its recorded commit with git),"
          + " checks each one's size and sha256, packs them at the recorded epoch, name,"
          + " version and requirements.txt notes, and says 'identical' or names the first"
          + " difference: a file whose bytes are not the locked ones, a file no source has, or the"
          + " first tar entry and field that differ. No pip and no Python take part; nothing is"
          + " written outside a temporary directory."
    })
final class RebuildCommand implements Subcommand {
  @Parameters(index = "0", paramLabel = "TARBALL", description = "The tarball to check.")
  Path tarball;

  @Option(
      names = "--index-url",
      paramLabel = "URL",
      description = "A PEP 503 simple index to fetch from instead of the locked ones.")
  String indexUrl;

  @Option(
      names = "--extra-index-url",
      paramLabel = "URL",
      description = "Another index, asked after --index-url (repeatable).")
  List<String> extraIndexUrls = new ArrayList<>();

  @Option(
      names = "--find-links",
      paramLabel = "DIR|URL",
      description = "A directory or page of links, asked first (repeatable).")
  List<String> findLinks = new ArrayList<>();

  @Option(names = "--json", description = "Print the result as one JSON object.")
  boolean json;

  @Mixin ConsoleOptions consoleOptions = new ConsoleOptions();

  private final HttpFetcher http;
  private final Packager packager;
  private final Streams streams;
  private final Environment environment;

  @Inject
  RebuildCommand(HttpFetcher http, Packager packager, Streams streams, Environment environment) {
    this.http = requireNonNull(http, "http is null");
    this.packager = requireNonNull(packager, "packager is null");
    this.streams = requireNonNull(streams, "streams is null");
    this.environment = requireNonNull(environment, "environment is null");
  }

  @Override
  public String name() {
    return "rebuild";
  }

  @Override
  public String summary() {
    return "Fetch a tarball's locked files again, repack them and compare every byte.";
  }

  @Override
  public Integer call() throws MkwheelsException {
    Path file = tarball.toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw new Launcher.SubcommandUsageException(name(), file + " is not a file");
    }
    List<String> indexes = new ArrayList<>();
    if (indexUrl != null) {
      indexes.add(indexUrl);
    }
    indexes.addAll(extraIndexUrls);
    if (indexUrl == null && !extraIndexUrls.isEmpty()) {
      throw new Launcher.SubcommandUsageException(
          name(), "--extra-index-url needs --index-url: without it the locked indexes are asked");
    }
    StreamConsole console = consoleOptions.console(streams.err());
    RebuildResult result;
    try (WorkDirectory work = WorkDirectory.create()) {
      result =
          new Rebuilder(http, Repacker.packager(packager), GitArchiver.git(environment.variables()))
              .rebuild(file, new Sources(indexes, findLinks), work.path(), console);
    } catch (IOException e) {
      throw new MkwheelsException("cannot create a work directory: " + e.getMessage(), e);
    }
    print(result);
    if (result.identical()) {
      console.progress("identical: the rebuild is byte for byte " + file.getFileName());
      return 0;
    }
    console.warn("the rebuild differs: " + result.difference().get());
    return MkwheelsException.FAILED;
  }

  private void print(RebuildResult result) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("tarball", result.tarball().toString());
    fields.put("sha256", result.sha256());
    fields.put("files", result.files());
    result.rebuiltSha256().ifPresent(sha -> fields.put("rebuilt-sha256", sha));
    fields.put("result", result.identical() ? "identical" : "differs");
    result.difference().ifPresent(d -> fields.put("difference", d));
    if (json) {
      try {
        streams
            .out()
            .print(
                new ObjectMapper()
                        .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                        .writeValueAsString(new TreeMap<>(fields))
                    + "\n");
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a map of strings and numbers is JSON", e);
      }
    } else {
      StringBuilder text = new StringBuilder();
      fields.forEach(
          (key, value) ->
              text.append(key)
                  .append(": ")
                  .append(TerminalText.line(String.valueOf(value)))
                  .append('\n'));
      streams.out().print(text);
    }
    streams.out().flush();
  }
}
