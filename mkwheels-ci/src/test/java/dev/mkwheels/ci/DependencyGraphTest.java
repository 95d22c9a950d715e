package dev.mkwheels.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The "# via" edges rebuilt from pip's installation report. */
class DependencyGraphTest {

  @Test
  void edgesFollowMarkersAndExtrasActivatedAlongTheWay() throws Exception {
    // app[web] needs web-lib[fast]; web-lib's "fast" extra pulls speedups; legacy only on Python 2.
    String report =
        """
        {"version": "1", "install": [
          {"metadata": {"name": "App", "version": "1.0", "requires_dist": ["web_lib[fast]>=1; extra == 'web'",
              "legacy; python_version < '3'"]},
           "requested": true, "requested_extras": ["web"],
           "download_info": {"url": "http://i/app-1.0-py3-none-any.whl", "archive_info": {"hashes": {"sha256": "AA"}}}},
          {"metadata": {"name": "web-lib", "version": "2.0", "requires_dist": ["speedups ; extra == \\"fast\\"", "app"]},
           "download_info": {"url": "http://i/web_lib-2.0.tar.gz", "archive_info": {"hash": "sha256=bb"}}},
          {"metadata": {"name": "speedups", "version": "3.0"},
           "download_info": {"url": "http://i/speedups-3.0.whl", "archive_info": {}}},
          {"metadata": {"name": "legacy", "version": "0.1"},
           "download_info": {"url": "http://i/legacy-0.1.whl", "archive_info": {}}}
        ], "environment": {"python_version": "3.11", "sys_platform": "linux"}}
        """;
    PipReport parsed = PipReport.parse(report.getBytes(StandardCharsets.UTF_8));
    assertEquals(java.util.Optional.of("aa"), parsed.install().get(0).sha256());
    assertEquals(java.util.Optional.of("bb"), parsed.install().get(1).sha256());
    assertEquals(
        Map.of(
            "app",
            Set.of("web-lib"),
            "web-lib",
            Set.of("app"),
            "speedups",
            Set.of("web-lib"),
            "legacy",
            Set.of()),
        DependencyGraph.dependents(parsed));
  }

  @Test
  void aDirectReferenceCannotBeLocked() {
    String report =
        """
        {"install": [{"metadata": {"name": "x", "version": "1"}, "is_direct": true,
          "download_info": {"url": "https://user:secret@example.org/x.tar.gz", "archive_info": {}}}]}
        """;
    CiException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            CiException.class, () -> PipReport.parse(report.getBytes(StandardCharsets.UTF_8)));
    assertEquals(
        "x 1 comes from a direct reference (https://****@example.org/x.tar.gz); a lock pins releases of"
            + " an index, so name it as name==version",
        e.getMessage());
  }

  private static PipReport report(String requiresDist, String requestedExtras) throws Exception {
    String json =
        """
        {"version": "1", "install": [
          {"metadata": {"name": "App", "version": "1.0", "requires_dist": [%s]},
           "requested": true, "requested_extras": [%s],
           "download_info": {"url": "http://i/app-1.0-py3-none-any.whl", "archive_info": {}}},
          {"metadata": {"name": "dep", "version": "2.0"},
           "download_info": {"url": "http://i/dep-2.0-py3-none-any.whl", "archive_info": {}}}
        ], "environment": {"implementation_name": "cpython", "implementation_version": "3.11.7",
          "os_name": "posix", "platform_machine": "x86_64", "platform_release": "6.1.0",
          "platform_system": "Linux", "platform_version": "#1 SMP", "python_full_version": "3.11.7",
          "platform_python_implementation": "CPython", "python_version": "3.11",
          "sys_platform": "linux"}}
        """
            .formatted(requiresDist, requestedExtras);
    return PipReport.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static Set<String> dependentsOfDep(String requiresDist, String requestedExtras)
      throws Exception {
    return DependencyGraph.dependents(report(requiresDist, requestedExtras)).get("dep");
  }

  @Test
  void markersCompareVersionsAsVersionsAndOtherValuesAsStrings() throws Exception {
    assertEquals(Set.of("app"), dependentsOfDep("\"dep; python_version >= '3.8'\"", ""));
    // As text "3.11" < "3.9"; as versions it is not.
    assertEquals(Set.of(), dependentsOfDep("\"dep; python_version < '3.9'\"", ""));
    assertEquals(Set.of("app"), dependentsOfDep("\"dep; python_full_version == '3.11.*'\"", ""));
    assertEquals(
        Set.of("app"),
        dependentsOfDep("\"dep; sys_platform == 'linux' and platform_machine != 'aarch64'\"", ""));
    assertEquals(Set.of(), dependentsOfDep("\"dep; sys_platform in 'win32 cygwin'\"", ""));
    assertEquals(
        Set.of(),
        dependentsOfDep(
            "\"dep; platform_python_implementation == 'CPython' and"
                + " (extra == 'brotli' or python_version < '3')\"",
            ""));
  }

  @Test
  void anExtraMatchesInEitherSpellingMetadataWritesIt() throws Exception {
    assertEquals(
        Set.of("app"),
        dependentsOfDep("\"dep; extra == 'use_chardet_on_py3'\"", "\"Use-Chardet-On-Py3\""));
    assertEquals(
        Set.of("app"), dependentsOfDep("\"dep; extra == 'socks-proxy'\"", "\"socks_proxy\""));
    assertEquals(Set.of(), dependentsOfDep("\"dep; extra == 'socks'\"", ""));
  }

  @Test
  void aMarkerThatDoesNotParseFailsTheLockNamingTheProjectAndTheMarker() throws Exception {
    PipReport report = report("\"dep; python_version >= \"", "");
    CiException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            CiException.class, () -> DependencyGraph.dependents(report));
    assertTrue(
        e.getMessage()
            .startsWith(
                "app==1.0 has a Requires-Dist line that does not parse: invalid requirement"
                    + " 'dep; python_version >= ': invalid marker ' python_version >= ': "),
        e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
    CiException unknown =
        org.junit.jupiter.api.Assertions.assertThrows(
            CiException.class,
            () -> DependencyGraph.dependents(report("\"dep; no_such_variable == '1'\"", "")));
    assertTrue(unknown.getMessage().startsWith("app==1.0 has a Requires-Dist line"));
    assertTrue(unknown.getMessage().contains("no_such_variable == '1'"), unknown.getMessage());
  }
}
