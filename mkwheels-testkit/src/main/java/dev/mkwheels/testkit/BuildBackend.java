package dev.mkwheels.testkit;

/**
 * {@code mkw-backend}: a PEP 517 build backend small enough to write here, so that tests can serve
 * sdists that pip must build, with no setuptools (which a test cannot reach offline). It builds a
 * pure-Python wheel from the sdist's {@code mkw.json}: name, version, requirements and files; or,
 * without one, from {@code pyproject.toml}'s {@code [project]} name, version and dependencies and
 * the {@code .py} files of the package named after the project (Python 3.11+, for tomllib). The
 * environment variable {@code MKW_EXTRA_REQUIRES} (space-separated) adds requirements. A {@code
 * "stamp": true} in {@code mkw.json} ({@link SdistBuilder#stamped()}) makes it build the way
 * setuptools does: the build time (or {@code MKW_CLOCK}) as every member's time and in a {@code
 * BUILT} file (SOURCE_DATE_EPOCH when set), modes shaped by the umask, members deflated.
 */
public final class BuildBackend {
  /** The project name to put in an sdist's {@code [build-system] requires}. */
  public static final String PROJECT = "mkw-backend";

  /** The module to put in {@code build-backend}. */
  public static final String MODULE = "mkw_backend";

  private static final String SOURCE =
      """
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
          if meta.get("stamp"):
              # A build that records its time in a file, as many do, honouring SOURCE_DATE_EPOCH.
              when = os.environ.get("SOURCE_DATE_EPOCH", "unset, built at %d" % time_now())
              files[info + "BUILT"] = ("SOURCE_DATE_EPOCH=%s\\n" % when).encode("utf-8")
          record = ""
          for path in sorted(files):
              digest = base64.urlsafe_b64encode(hashlib.sha256(files[path]).digest()).rstrip(b"=").decode()
              record += "%s,sha256=%s,%d\\n" % (path, digest, len(files[path]))
          files[info + "RECORD"] = (record + info + "RECORD,,\\n").encode("utf-8")
          filename = "%s-%s-py3-none-any.whl" % (name, meta["version"])
          if meta.get("stamp"):
              _stamped(os.path.join(wheel_directory, filename), files)
              return filename
          with zipfile.ZipFile(os.path.join(wheel_directory, filename), "w") as archive:
              for path in sorted(files):
                  archive.writestr(zipfile.ZipInfo(path, (1980, 1, 2, 0, 0, 0)), files[path])
          return filename

      def _stamped(target, files):
          # As setuptools' bdist_wheel does: the files go to disk (so the umask shapes their modes,
          # *.sh executable) and into the zip from there, deflated, with their mtime: the build
          # time, MKW_CLOCK when set.
          import tempfile
          clock = time_now()
          with tempfile.TemporaryDirectory() as tree, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
              for path in sorted(files, reverse=True):
                  disk = os.path.join(tree, path)
                  os.makedirs(os.path.dirname(disk), exist_ok=True)
                  fd = os.open(disk, os.O_WRONLY | os.O_CREAT, 0o777 if path.endswith(".sh") else 0o666)
                  with os.fdopen(fd, "wb") as f:
                      f.write(files[path])
                  os.utime(disk, (clock, clock))
                  archive.write(disk, path)

      def time_now():
          import time
          return int(float(os.environ.get("MKW_CLOCK") or time.time()))

      def _meta():
          if os.path.exists("mkw.json"):
              with open("mkw.json", encoding="utf-8") as f:
                  return json.load(f)
          import tomllib
          with open("pyproject.toml", "rb") as f:
              project = tomllib.load(f)["project"]
          package = project["name"].replace("-", "_").replace(".", "_").lower()
          files = {}
          for root, dirs, names in os.walk(package):
              dirs.sort()
              for name in sorted(names):
                  if name.endswith(".py"):
                      path = os.path.join(root, name).replace(os.sep, "/")
                      with open(path, encoding="utf-8") as f:
                          files[path] = f.read()
          return {"name": project["name"], "version": project["version"],
                  "requires": project.get("dependencies", []), "files": files}

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
