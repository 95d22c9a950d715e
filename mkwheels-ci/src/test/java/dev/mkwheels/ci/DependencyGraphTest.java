package dev.mkwheels.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
