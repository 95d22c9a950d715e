package dev.mkwheels.selftest;

import dev.mkwheels.testkit.BuildBackend;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.SdistBuilder;
import dev.mkwheels.testkit.WheelBuilder;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * The selftest's own package index on loopback (PEP 503 + 691 with upload times, and a PyPI-style
 * JSON API): a small tree with an extra, a marker, and an sdist that needs its build backend, so
 * the check covers more than wheels. The sdist builds as setuptools does (the build time and the
 * umask in its wheel's zip, SOURCE_DATE_EPOCH in a file), so that {@code --wheels-only} shows
 * whether mkwheels makes a built wheel reproducible.
 */
final class HermeticIndex implements AutoCloseable {
  static final String APP = "selftest-app";
  static final String VERSION = "1.0";
  static final String MULTI = "selftest-multi";
  static final Instant UPLOADED = Instant.parse("2025-03-04T05:06:07.890Z");

  private final PackageIndex index;

  private HermeticIndex(PackageIndex index) {
    this.index = index;
  }

  static HermeticIndex start() throws IOException {
    Instant earlier = UPLOADED.minusSeconds(86_400);
    PackageIndex index =
        PackageIndex.start()
            .add(
                WheelBuilder.wheel(APP, VERSION)
                    .requires(
                        "selftest-lib>=1",
                        "selftest-util[fast]",
                        "selftest-legacy; python_version < '3'")
                    .file("selftest_app/__init__.py", "VERSION = '1.0'\n")
                    .build(),
                UPLOADED)
            .add(
                WheelBuilder.wheel("selftest-lib", "1.2").requires("selftest-native").build(),
                earlier)
            .add(
                WheelBuilder.wheel("selftest-util", "0.3")
                    .extras("fast")
                    .requires("selftest-speedups; extra == 'fast'")
                    .build(),
                earlier)
            .add(WheelBuilder.wheel("selftest-speedups", "2.0").build(), earlier)
            .add(WheelBuilder.wheel("selftest-legacy", "9.9").build(), earlier)
            .add(
                SdistBuilder.sdist("selftest-native", "0.5")
                    .stamped()
                    .file("selftest_native/run.sh", "#!/bin/sh\n")
                    .build(),
                earlier)
            .add(BuildBackend.wheel(), earlier)
            // Wheels only, and a dependency for Windows alone: one run vendors two machines' trees.
            .add(
                WheelBuilder.wheel(MULTI, VERSION)
                    .requires("selftest-speedups")
                    .requires("selftest-legacy; sys_platform == 'win32'")
                    .build(),
                UPLOADED);
    return new HermeticIndex(index);
  }

  /**
   * The {@code --pypi} arguments that vendor the tree from this index, the epoch derived from it.
   */
  List<String> pypiArguments() {
    return List.of(
        "--pypi",
        "--name",
        APP,
        "--ver",
        VERSION,
        "--index-url",
        index.simpleUrl(),
        "--pypi-url",
        index.jsonApiUrl());
  }

  /**
   * The arguments that vendor {@link #MULTI} with the native resolver for this machine's Linux and
   * for Windows in one run: the tarball holds both trees, requirements.txt tells them apart.
   */
  List<String> multiTargetArguments() {
    return List.of(
        "--pypi",
        "--name",
        MULTI,
        "--ver",
        VERSION,
        "--index-url",
        index.simpleUrl(),
        "--pypi-url",
        index.jsonApiUrl(),
        "--resolver",
        "native",
        "--target",
        "cp311-manylinux_2_17_x86_64",
        "--target",
        "cp312-win_amd64");
  }

  String simpleUrl() {
    return index.simpleUrl();
  }

  @Override
  public void close() {
    index.close();
  }
}
