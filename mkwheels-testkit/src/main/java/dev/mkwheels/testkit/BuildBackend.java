package dev.mkwheels.testkit;

/**
 * {@code mkw-backend}: a PEP 517 build backend small enough to write here, so that tests can serve
 * sdists that pip must build, with no setuptools (which a test cannot reach offline). It builds a
 * pure-Python wheel from the sdist's {@code mkw.json}: name, version, requirements and files; the
 * environment variable {@code MKW_EXTRA_REQUIRES} (space-separated) adds requirements.
 */
public final class BuildBackend {
  /** The project name to put in an sdist's {@code [build-system] requires}. */
  public static final String PROJECT = "mkw-backend";
  /** The module to put in {@code build-backend}. */
  public static final String MODULE = "mkw_backend";

  private static final String SOURCE = """
      import base64, hashlib, json, os, zipfile

      def _wheel(wheel_directory, meta):
          name = meta["name"].replace("-", "_").replace(".", "_")
          info = "%s-%s.dist-info/" % (name, meta["version"])
          files = dict((p, t.encode("utf-8")) for p, t in meta["files"].items())
          text = "Metadata-Version: 2.1\\nName: %s\\nVersion: %s\\n" % (meta["name"], meta["version"])
          # MKW_EXTRA_REQUIRES lets a test see that its build environment reached the backend.
          requires = meta["requires"] + os.environ.get("MKW_EXTRA_REQUIRES", "").split()
          text += "".join("Requires-Dist: %s\\n" % r for r in requires)
          files[info + "METADATA"] = text.encode("utf-8")
          files[info + "WHEEL"] = b"Wheel-Version: 1.0\\nGenerator: mkw-backend\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n"
          record = ""
          for path in sorted(files):
              digest = base64.urlsafe_b64encode(hashlib.sha256(files[path]).digest()).rstrip(b"=").decode()
              record += "%s,sha256=%s,%d\\n" % (path, digest, len(files[path]))
          files[info + "RECORD"] = (record + info + "RECORD,,\\n").encode("utf-8")
          filename = "%s-%s-py3-none-any.whl" % (name, meta["version"])
          with zipfile.ZipFile(os.path.join(wheel_directory, filename), "w") as archive:
              for path in sorted(files):
                  archive.writestr(zipfile.ZipInfo(path, (1980, 1, 2, 0, 0, 0)), files[path])
          return filename

      def _meta():
          with open("mkw.json", encoding="utf-8") as f:
              return json.load(f)

      def get_requires_for_build_wheel(config_settings=None):
          return []

      def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
          return _wheel(wheel_directory, _meta())
      """;

  private BuildBackend() {}

  /** The backend's own wheel, to serve on the test index beside the sdists that use it. */
  public static Dist wheel() {
    return WheelBuilder.wheel(PROJECT, "1.0").file(MODULE + "/__init__.py", SOURCE).build();
  }
}
