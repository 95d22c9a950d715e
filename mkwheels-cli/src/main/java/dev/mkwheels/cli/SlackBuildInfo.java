package dev.mkwheels.cli;

import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.host.internal.StrictTar;
import dev.mkwheels.packaging.PackResult;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * {@code --slackbuild}: the lines of a SlackBuilds {@code .info} for the packed artifact, ready to
 * paste: {@code DOWNLOAD="BASE/<file>"} and {@code MD5SUM="<md5>"}; or, when the tree holds a
 * project whose only files are x86_64 wheels (no {@code any} wheel, no sdist, no other
 * architecture), {@code DOWNLOAD="UNSUPPORTED"}, {@code MD5SUM=""} and the {@code _x86_64} forms,
 * as SlackBuilds.org writes an x86_64-only package. Without {@code --download-url} the URL is a
 * placeholder that says so. The {@code .info} is sourced by a shell: the base URL is refused unless
 * it is a plain http(s) or ftp URL, and the file name is percent-encoded.
 */
final class SlackBuildInfo {
  /** What stands for the URL when no {@code --download-url} was given. */
  static final String PLACEHOLDER = "FIXME-give---download-url";

  private static final Pattern SAFE_URL = Pattern.compile("[A-Za-z0-9._~:/@%+=,-]+");
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._+-]");

  private SlackBuildInfo() {}

  /**
   * Checks {@code --download-url} before any work is done.
   *
   * @return the base without a trailing slash, or empty for the placeholder
   * @throws UsageException when it is given without {@code --slackbuild} or is not a plain URL
   */
  static Optional<String> base(boolean slackbuild, String downloadUrl) throws UsageException {
    if (downloadUrl == null) {
      return Optional.empty();
    }
    if (!slackbuild) {
      throw new UsageException("--download-url is for --slackbuild");
    }
    String base = downloadUrl.strip();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    URI uri;
    try {
      uri = new URI(base);
    } catch (URISyntaxException e) {
      uri = null;
    }
    String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme();
    if (uri == null
        || !List.of("http", "https", "ftp").contains(scheme.toLowerCase(Locale.ROOT))
        || uri.getHost() == null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || !SAFE_URL.matcher(base).matches()) {
      throw new UsageException(
          "--download-url must be a plain http(s) or ftp URL (no query, quotes or spaces), not '"
              + TerminalText.line(downloadUrl)
              + "'");
    }
    return Optional.of(base);
  }

  /** The {@code .info} lines for {@code result}, in the order a {@code .info} has them. */
  static List<String> lines(PackResult result, Optional<String> base) throws MkwheelsException {
    String file = encode(result.tarball().getFileName().toString());
    String url = base.orElse(PLACEHOLDER) + "/" + file;
    if (x86Only(result.tarball())) {
      return List.of(
          "DOWNLOAD=\"UNSUPPORTED\"",
          "MD5SUM=\"\"",
          "DOWNLOAD_x86_64=\"" + url + "\"",
          "MD5SUM_x86_64=\"" + result.md5() + "\"");
    }
    return List.of("DOWNLOAD=\"" + url + "\"", "MD5SUM=\"" + result.md5() + "\"");
  }

  private static String encode(String name) {
    StringBuilder out = new StringBuilder();
    for (byte b : name.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      String c = String.valueOf((char) (b & 0xff));
      if (b >= 0 && SAFE_NAME.matcher(c).matches()) {
        out.append(c);
      } else {
        out.append(String.format(Locale.ROOT, "%%%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  /**
   * Whether some project of the tarball has only x86_64 wheels: every file of it is a wheel whose
   * platform tags all name x86_64, so the artifact installs on x86_64 only.
   */
  static boolean x86Only(Path tarball) throws MkwheelsException {
    Map<String, Boolean> onlyX86 = new HashMap<>();
    // Read to its last byte: a bad CRC, a second gzip member or trailing garbage refuses it.
    try (StrictTar tar = StrictTar.open(tarball, StrictTar.Compression.GZIP)) {
      for (TarArchiveEntry entry; (entry = tar.next()) != null; ) {
        String name = entry.getName();
        String base = name.substring(name.lastIndexOf('/') + 1);
        Optional<String> project = project(base);
        if (!entry.isFile() || project.isEmpty()) {
          continue;
        }
        boolean x86 = base.endsWith(".whl") && x86Platform(base);
        onlyX86.merge(project.get(), x86, Boolean::logicalAnd);
      }
      Optional<String> wrong = tar.finish();
      if (wrong.isPresent()) {
        throw new MkwheelsException(
            "--slackbuild: " + tarball.getFileName() + " " + wrong.get() + "; refused");
      }
    } catch (IOException e) {
      throw new MkwheelsException(
          "--slackbuild: cannot read " + tarball.getFileName() + ": " + e.getMessage(), e);
    }
    return new TreeSet<>(onlyX86.values()).contains(Boolean.TRUE);
  }

  /** The project of a wheel or sdist file name, normalized; empty for anything else. */
  private static Optional<String> project(String file) {
    String lower = file.toLowerCase(Locale.ROOT);
    if (!(lower.endsWith(".whl") || lower.endsWith(".tar.gz") || lower.endsWith(".zip"))) {
      return Optional.empty();
    }
    int dash = file.indexOf('-');
    if (dash <= 0) {
      return Optional.empty();
    }
    return Optional.of(file.substring(0, dash).replaceAll("[-_.]+", "-").toLowerCase(Locale.ROOT));
  }

  /**
   * {@code x-1.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl}: every platform tag a
   * Linux x86_64 one ({@code linux_}, {@code manylinux}, {@code musllinux}).
   */
  private static boolean x86Platform(String wheel) {
    String stem = wheel.substring(0, wheel.length() - ".whl".length());
    String platforms = stem.substring(stem.lastIndexOf('-') + 1);
    for (String platform : platforms.split("\\.")) {
      boolean linux =
          platform.startsWith("linux_")
              || platform.startsWith("manylinux")
              || platform.startsWith("musllinux");
      if (!linux || !platform.endsWith("_x86_64")) {
        return false;
      }
    }
    return true;
  }
}
