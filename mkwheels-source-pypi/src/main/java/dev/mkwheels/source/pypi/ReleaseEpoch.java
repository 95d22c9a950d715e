package dev.mkwheels.source.pypi;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Epoch;
import dev.mkwheels.api.HttpResponse;
import dev.mkwheels.api.SourceContext;
import dev.mkwheels.api.SourceException;
import dev.mkwheels.python.filename.InvalidFileNameException;
import dev.mkwheels.python.filename.SdistFileName;
import dev.mkwheels.python.filename.WheelFileName;
import dev.mkwheels.python.index.Redaction;
import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.version.InvalidVersionException;
import dev.mkwheels.python.version.Version;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The epoch of a release, first that applies: the one the user fixed; the earliest {@code
 * upload_time_iso_8601} of its files on the PyPI JSON API; the earliest PEP 700 {@code upload-time}
 * of its files on a named index's PEP 691 JSON. Times are truncated to seconds.
 */
final class ReleaseEpoch {
  static final String PEP_691 = "application/vnd.pypi.simple.v1+json";

  private final SourceContext context;

  ReleaseEpoch(SourceContext context) {
    this.context = requireNonNull(context, "context is null");
  }

  Epoch derive(String name, String version, String pypiUrl) throws SourceException {
    Optional<Epoch> fixed = context.fixedEpoch();
    if (fixed.isPresent()) {
      return fixed.get();
    }
    String apiUrl = stripSlash(pypiUrl) + "/" + name + "/" + version + "/json";
    String apiFailure;
    URI api;
    try {
      api = URI.create(apiUrl);
    } catch (IllegalArgumentException e) {
      throw new SourceException("--pypi-url '" + pypiUrl + "' is not a URL");
    }
    try {
      HttpResponse response = context.http().get(api, Map.of("Accept", "application/json"));
      if (response.status() == 200) {
        Optional<Instant> earliest =
            earliest(files(parse(response, apiUrl), "urls"), "upload_time_iso_8601", name, version);
        if (earliest.isPresent()) {
          return new Epoch(
              earliest.get().getEpochSecond(),
              "PyPI JSON upload_time_iso_8601 of "
                  + name
                  + " "
                  + version
                  + " ("
                  + Redaction.describe(pypiUrl)
                  + ")");
        }
        apiFailure =
            "the PyPI JSON API at " + Redaction.describe(pypiUrl) + " lists no files for it";
      } else {
        apiFailure =
            "the PyPI JSON API at "
                + Redaction.describe(pypiUrl)
                + " answered "
                + response.status();
      }
    } catch (IOException e) {
      apiFailure = "the PyPI JSON API is unreachable (" + e.getMessage() + ")";
    } catch (IllegalArgumentException e) {
      // The JDK's client refuses a URI it cannot send (no host, an odd scheme).
      throw new SourceException("--pypi-url '" + pypiUrl + "' is not a URL");
    }
    int missing = 0;
    List<String> unreachable = new ArrayList<>();
    for (String index : context.indexUrls()) {
      Optional<Epoch> epoch;
      try {
        epoch = fromIndex(name, version, index, unreachable);
      } catch (NotOnIndex e) {
        missing++;
        continue;
      }
      if (epoch.isPresent()) {
        // Found anyway: an index that could not be asked is worth a warning, not a failure.
        unreachable.forEach(context.console()::warn);
        return epoch.get();
      }
    }
    if (missing > 0 && missing == context.indexUrls().size()) {
      List<String> named = context.indexUrls().stream().map(Redaction::describe).toList();
      throw new SourceException(
          name
              + " "
              + version
              + " is not on the index"
              + (named.size() > 1 ? "es " : " ")
              + String.join(", ", named));
    }
    String indexes =
        context.indexUrls().isEmpty()
            ? ""
            : unreachable.isEmpty()
                ? " and the index gives no upload times for it"
                : " and " + String.join(" and ", unreachable);
    throw new SourceException(
        "cannot derive the epoch of "
            + name
            + " "
            + version
            + ": "
            + apiFailure
            + indexes
            + "; pass --epoch N (seconds since 1970)");
  }

  /** PEP 691 JSON of {@code index}, when it speaks it over HTTP. */
  private Optional<Epoch> fromIndex(
      String name, String version, String index, List<String> unreachable)
      throws SourceException, NotOnIndex {
    String lower = index.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      return Optional.empty();
    }
    String project = stripSlash(index) + "/" + ProjectName.normalize(name) + "/";
    HttpResponse response;
    try {
      response =
          context.http().get(URI.create(project), Map.of("Accept", PEP_691 + ", text/html;q=0.1"));
    } catch (IllegalArgumentException e) {
      unreachable.add("the index " + Redaction.describe(index) + " is not a URL");
      return Optional.empty();
    } catch (IOException e) {
      // The fetcher's message names the page already: it is named once.
      unreachable.add(
          "the index page "
              + Redaction.describe(project)
              + " is unreachable ("
              + Redaction.reason(URI.create(project), e.getMessage())
              + ")");
      return Optional.empty();
    }
    if (response.status() == 404) {
      throw new NotOnIndex();
    }
    boolean json = response.header("content-type").map(t -> t.startsWith(PEP_691)).orElse(false);
    if (response.status() != 200 || !json) {
      return Optional.empty();
    }
    List<Object> files = files(parse(response, project), "files");
    if (files.stream()
        .noneMatch(
            f ->
                f instanceof Map<?, ?> m
                    && isFileOf(String.valueOf(m.get("filename")), name, version))) {
      throw new NotOnIndex();
    }
    return earliest(files, "upload-time", name, version)
        .map(
            t ->
                new Epoch(
                    t.getEpochSecond(),
                    "PEP 700 upload-time of "
                        + name
                        + " "
                        + version
                        + " on "
                        + Redaction.describe(index)));
  }

  /** The index answered that it has no such project or release. */
  private static final class NotOnIndex extends Exception {
    private static final long serialVersionUID = 1L;

    NotOnIndex() {
      super(null, null, false, false);
    }
  }

  private Object parse(HttpResponse response, String url) throws SourceException {
    try {
      return context.json().parse(response.text());
    } catch (IOException e) {
      throw new SourceException(
          Redaction.describe(url) + " did not answer JSON: " + e.getMessage());
    }
  }

  private static List<Object> files(Object document, String key) {
    if (document instanceof Map<?, ?> map && map.get(key) instanceof List<?> list) {
      return List.copyOf(list);
    }
    return List.of();
  }

  /** The earliest time under {@code key} of the entries that are files of {@code version}. */
  private static Optional<Instant> earliest(
      List<Object> files, String key, String name, String version) throws SourceException {
    Instant earliest = null;
    for (Object file : files) {
      if (!(file instanceof Map<?, ?> map) || !(map.get(key) instanceof String time)) {
        continue;
      }
      Object filename = map.get("filename");
      if (filename != null && !isFileOf(filename.toString(), name, version)) {
        continue;
      }
      Instant instant;
      try {
        instant = Instant.parse(time.endsWith("Z") || time.contains("+") ? time : time + "Z");
      } catch (DateTimeParseException e) {
        throw new SourceException(
            "the index gave an unreadable upload time '" + time + "' for " + filename);
      }
      if (instant.isBefore(Instant.EPOCH)) {
        // SOURCE_DATE_EPOCH counts from 1970: no epoch can be made of an earlier time.
        throw new SourceException(
            "the index gave an upload time before 1970 ('"
                + time
                + "') for "
                + filename
                + ", which is no epoch; pass --epoch N (seconds since 1970)");
      }
      earliest = earliest == null || instant.isBefore(earliest) ? instant : earliest;
    }
    return Optional.ofNullable(earliest);
  }

  /**
   * Whether {@code filename} is a wheel or sdist of project {@code name} at {@code version}, read
   * as pip's finder reads a file name of a known project ({@code foo-1.0-2.tar.gz} is {@code foo
   * 1.0.post2}) and compared as PEP 440 versions.
   */
  static boolean isFileOf(String filename, String name, String version) {
    ProjectName project = new ProjectName(name, ProjectName.normalize(name));
    try {
      Version wanted = Version.parse(version);
      if (filename.endsWith(".whl")) {
        WheelFileName wheel = WheelFileName.parse(filename);
        return wheel.name().equals(project) && wheel.version().equals(wanted);
      }
      return SdistFileName.parse(filename, project).version().equals(wanted);
    } catch (InvalidFileNameException | InvalidVersionException e) {
      return false;
    }
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
