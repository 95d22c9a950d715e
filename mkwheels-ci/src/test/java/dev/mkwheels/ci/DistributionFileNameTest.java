package dev.mkwheels.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pins of file names, read by mkwheels-python as packaging and pip's finder read them. */
class DistributionFileNameTest {

  private static Optional<Pin> parse(String name) {
    return DistributionFileName.parse(name);
  }

  @Test
  void aWheelNameGivesTheNormalizedProjectAndItsVersion() {
    assertEquals(
        Optional.of(new Pin("zope-interface", "6.2")),
        parse("zope.interface-6.2-cp311-cp311-manylinux_2_17_x86_64.whl"));
    assertEquals(
        Optional.of(new Pin("flask-login", "0.6.3")), parse("Flask_Login-0.6.3-py3-none-any.whl"));
    assertEquals(
        Optional.of(new Pin("torch", "2.13.0+cpu")),
        parse("torch-2.13.0+cpu-cp311-cp311-manylinux_2_28_x86_64.whl"));
    assertEquals(Optional.of(new Pin("demo", "1.0")), parse("demo-1.0-1build-py3-none-any.whl"));
    assertEquals(
        Optional.of(new Pin("demo", "1.0")),
        DistributionFileName.parse("demo-1.0-py3-none-any.whl", "Demo"));
    assertEquals(Optional.empty(), DistributionFileName.parse("demo-1.0-py3-none-any.whl", "dem"));
  }

  @Test
  void anSdistOfAnUnknownProjectIsReadAsPackagingReadsIt() {
    assertEquals(
        Optional.of(new Pin("python-dateutil", "2.8.2")), parse("python-dateutil-2.8.2.tar.gz"));
    assertEquals(Optional.of(new Pin("markupsafe", "2.1.5")), parse("markupsafe-2.1.5.tar.gz"));
    assertEquals(Optional.of(new Pin("pyyaml", "6.0.1")), parse("PyYAML-6.0.1.zip"));
    assertEquals(Optional.of(new Pin("foo-2", "1.0rc1")), parse("foo-2-1.0rc1.tar.gz"));
    // Alone, the version is after the last dash; with the project known it is pip's reading.
    assertEquals(Optional.of(new Pin("foo-1-0", "2")), parse("foo-1.0-2.tar.gz"));
  }

  @Test
  void anSdistOfAKnownProjectIsReadAsPipsFinderReadsIt() {
    assertEquals(
        Optional.of(new Pin("foo", "1.0.post2")),
        DistributionFileName.parse("foo-1.0-2.tar.gz", "foo"));
    assertEquals(
        Optional.of(new Pin("python-dateutil", "2.8.2")),
        DistributionFileName.parse("python_dateutil-2.8.2.tar.bz2", "python-dateutil"));
    assertEquals(Optional.empty(), DistributionFileName.parse("foo-1.0-2.tar.gz", "bar"));
    assertEquals(Optional.empty(), DistributionFileName.parse("foo-latest.tar.gz", "foo"));
  }

  @Test
  void otherFilesAreNotDistributions() {
    assertEquals(Optional.empty(), parse("requirements.txt"));
    assertEquals(Optional.empty(), parse("broken.whl"));
    assertEquals(Optional.empty(), parse("noversion.tar.gz"));
    assertFalse(DistributionFileName.isDistribution("requirements.txt"));
    assertTrue(DistributionFileName.isDistribution("foo-1.0.tar.bz2"));
    assertTrue(DistributionFileName.isDistribution("Foo-1.0-py3-none-any.WHL"));
  }
}
