package dev.mkwheels.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mkwheels.packaging.DistributionFile.Kind;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** File names to project and version, as pip reads them. */
class DistributionFileTest {

  @ParameterizedTest
  @CsvSource({
    "requests-2.32.3-py3-none-any.whl, requests, 2.32.3, WHEEL",
    "Flask_Login-0.6.3-py3-none-any.whl, flask-login, 0.6.3, WHEEL",
    "zope.interface-6.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl, zope-interface, 6.0, WHEEL",
    "torch-2.1.0+cpu-cp311-cp311-linux_x86_64.whl, torch, 2.1.0+cpu, WHEEL",
    "pkg-1.0-1build-py3-none-any.whl, pkg, 1.0, WHEEL",
    "python_dateutil-2.9.0.post0-py2.py3-none-any.whl, python-dateutil, 2.9.0.post0, WHEEL",
    "python-dateutil-2.8.2.tar.gz, python-dateutil, 2.8.2, SDIST_TAR_GZ",
    "foo_bar-1.0rc1.tar.gz, foo-bar, 1.0rc1, SDIST_TAR_GZ",
    "legacy-1.0-1.zip, legacy, 1.0-1, SDIST_ZIP",
    "Cython-0.29.37.tar.gz, cython, 0.29.37, SDIST_TAR_GZ",
    "pkg-1!2.0.dev3.tar.gz, pkg, 1!2.0.dev3, SDIST_TAR_GZ",
    "foo-1.0-2.tar.gz, foo, 1.0-2, SDIST_TAR_GZ",
    "Foo.Bar-V1.0RC1-py3-none-any.whl, foo-bar, V1.0RC1, WHEEL",
  })
  void readsProjectAndVersion(String file, String project, String version, Kind kind) {
    assertEquals(
        Optional.of(new DistributionFile(file, project, version, kind)),
        DistributionFile.parse(file));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "requirements.txt",
        "pkg-1.0.egg",
        "pkg-1.0-py3-none.whl",
        "pkg-1.0-x-py3-none-any-extra.whl",
        "pkg-one-py3-none-any.whl",
        "pkg-1.0-1build-py3-none-any-x.whl",
        "pkg-1.0-bld-py3-none-any.whl",
        "pkg.tar.gz",
        "-1.0.tar.gz",
        "pkg-.tar.gz",
        "pkg-1.0.tar.bz2",
        ".whl",
        "pkg-1.0-py3-none-any.whl.part",
        "pkg-1.0 .tar.gz",
        "pkg-1.0-py3-none-any .whl",
        "p\u00e4g-1.0-py3-none-any.whl",
        "pkg-1.0-py3-none-\u00e4ny.whl",
        "-1.0-py3-none-any.whl",
        "pkg_-1.0-py3-none-any.whl"
      })
  void refusesWhatIsNeitherAWheelNorAnSdist(String file) {
    assertEquals(Optional.empty(), DistributionFile.parse(file));
  }
}
