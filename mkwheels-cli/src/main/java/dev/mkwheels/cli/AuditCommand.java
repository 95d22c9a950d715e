package dev.mkwheels.cli;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.ci.AuditReport;
import dev.mkwheels.ci.AuditReportFormat;
import dev.mkwheels.ci.Auditor;
import dev.mkwheels.ci.OsvArchiveDatabase;
import dev.mkwheels.ci.OsvDatabase;
import dev.mkwheels.ci.Pin;
import dev.mkwheels.ci.PinSources;
import dev.mkwheels.ci.Plural;
import dev.mkwheels.ci.PypiJsonDatabase;
import dev.mkwheels.ci.QueryFetcher;
import dev.mkwheels.ci.VulnerabilityDatabase;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mkwheels audit}: every pin of a lock or a wheelhouse looked up in OSV or PyPI's JSON API.
 */
@Command(
    name = "mkwheels audit",
    sortOptions = false,
    usageHelpWidth = 100,
    footer = "Exit codes: 0 no advisory (or all ignored), 1 an advisory or a failure, 2 bad usage.",
    description = {
      "Looks up every pinned name==version of a lock (--lock) or of the wheels and sdists in a"
          + " directory (--dir: a wheelhouse or an extracted tarball) or of an mkwheels tarball"
          + " (--tarball, read without extracting it) in a vulnerability database (OSV's API, the"
          + " PyPI JSON API, or with --osv-db OSV's offline export, no network),"
          + " prints a table (package, version, advisory, fixed in) and exits 1 when any advisory"
          + " was found that --ignore does not name. A database that cannot be asked is an error,"
          + " never \"no vulnerabilities\"."
    })
final class AuditCommand implements Subcommand {
  enum Database {
    osv,
    pypi
  }

  @Option(
      names = "--lock",
      paramLabel = "FILE",
      description = "A pinned requirements file or lock, hashes optional.")
  Path lock;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "A wheelhouse or an extracted mkwheels tarball.")
  Path dir;

  @Option(
      names = "--tarball",
      paramLabel = "FILE",
      description = "An mkwheels tarball: its requirements.txt (and pylock.toml), read in place.")
  Path tarball;

  @Option(
      names = "--db",
      paramLabel = "osv|pypi",
      description =
          "The database: OSV's batch API or the PyPI JSON API's 'vulnerabilities' field."
              + " Default: pypi when only --pypi-url is given, else osv.")
  Database database;

  @Option(
      names = "--osv-url",
      paramLabel = "URL",
      description = "OSV's API. Default: https://api.osv.dev.")
  URI osvUrl;

  @Option(
      names = "--pypi-url",
      paramLabel = "URL",
      description =
          "The PyPI JSON API ({url}/{name}/{version}/json). Default: https://pypi.org/pypi.")
  URI pypiUrl;

  @Option(
      names = "--osv-db",
      paramLabel = "FILE",
      description =
          "OSV's offline export for PyPI (all.zip from"
              + " https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip): no network;"
              + " the report says the export's date.")
  Path osvDb;

  @Option(
      names = "--ignore",
      paramLabel = "ID",
      description = "Accept this advisory, by its id or an alias such as a CVE (repeatable).")
  List<String> ignore = new ArrayList<>();

  @Option(names = "--json", description = "Print the report as one JSON object.")
  boolean json;

  @Mixin ConsoleOptions consoleOptions = new ConsoleOptions();

  private final QueryFetcher http;
  private final Streams streams;

  @Inject
  AuditCommand(QueryFetcher http, Streams streams) {
    this.http = requireNonNull(http, "http is null");
    this.streams = requireNonNull(streams, "streams is null");
  }

  @Override
  public String name() {
    return "audit";
  }

  @Override
  public String summary() {
    return "Look up a lock's or a wheelhouse's pins in OSV or PyPI's vulnerability data.";
  }

  @Override
  public Integer call() throws MkwheelsException {
    int sources = (lock == null ? 0 : 1) + (dir == null ? 0 : 1) + (tarball == null ? 0 : 1);
    if (sources != 1) {
      throw usage("give one of --lock FILE, --dir DIR or --tarball FILE");
    }
    StreamConsole console = consoleOptions.console(streams.err());
    VulnerabilityDatabase db = database(console);
    List<Pin> pins =
        lock != null
            ? PinSources.fromLock(lock)
            : dir != null
                ? PinSources.fromDirectory(dir, console)
                : PinSources.fromTarball(tarball, console);
    AuditReport report = new Auditor(db, console).audit(pins, ignore);
    for (Map.Entry<Pin, String> entry : report.notAudited().entrySet()) {
      console.warn(entry.getKey() + " was not audited: " + entry.getValue());
    }
    for (String unused : report.unusedIgnores()) {
      console.warn("--ignore " + unused + " matched no advisory");
    }
    // The table holds text from the advisory database: no control character reaches the terminal.
    streams
        .out()
        .print(
            json
                ? AuditReportFormat.json(report)
                : TerminalText.lines(AuditReportFormat.table(report)));
    streams.out().flush();
    String ignored = report.ignored().isEmpty() ? "" : " (" + report.ignored().size() + " ignored)";
    if (report.failed()) {
      long affected = report.reported().stream().map(f -> f.pin()).distinct().count();
      console.warn(
          Plural.of(report.reported().size(), "known vulnerability", "known vulnerabilities")
              + " in "
              + affected
              + " of "
              + Plural.of(report.pins().size(), "pinned distribution")
              + ignored);
      return MkwheelsException.FAILED;
    }
    console.progress(
        "no known vulnerabilities in "
            + Plural.of(report.pins().size(), "pinned distribution")
            + ignored);
    return 0;
  }

  private VulnerabilityDatabase database(StreamConsole console) throws MkwheelsException {
    if (osvDb != null) {
      if (database == Database.pypi || pypiUrl != null || osvUrl != null) {
        throw usage("--osv-db reads OSV's offline export; it takes no --db pypi or URL");
      }
      return new OsvArchiveDatabase(osvDb, console);
    }
    Database chosen = database;
    if (chosen == null) {
      chosen = pypiUrl != null && osvUrl == null ? Database.pypi : Database.osv;
    }
    if (chosen == Database.osv && pypiUrl != null) {
      throw usage("--pypi-url is for --db pypi; OSV is asked at --osv-url");
    }
    if (chosen == Database.pypi && osvUrl != null) {
      throw usage("--osv-url is for --db osv; the PyPI JSON API is asked at --pypi-url");
    }
    if (chosen == Database.osv) {
      return new OsvDatabase(http, checked(osvUrl, OsvDatabase.DEFAULT_URL, "--osv-url"), console);
    }
    return new PypiJsonDatabase(
        http, checked(pypiUrl, PypiJsonDatabase.DEFAULT_URL, "--pypi-url"), console);
  }

  private URI checked(URI given, URI fallback, String option) throws MkwheelsException {
    URI uri = given == null ? fallback : given;
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw usage(option + " must be an http(s) URL, not '" + uri + "'");
    }
    return uri;
  }

  private MkwheelsException usage(String message) {
    return new Launcher.SubcommandUsageException(name(), message);
  }
}
