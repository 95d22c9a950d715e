package dev.mkwheels.packaging;

import dev.mkwheels.testkit.Distributions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

/** The wheelhouse most tests pack: small, but with every case the packer tells apart. */
final class Wheelhouses {
  static final String LONG_NAME =
      "a_project_name_long_enough_that_the_path_in_the_tarball_passes_one_hundred_bytes";

  private Wheelhouses() {}

  static Path create(Path directory) throws IOException {
    Files.createDirectories(directory);
    // Sorted before requirements.txt.
    Distributions.wheel(directory, "alpha", "1.0");
    // One project, two wheels and an sdist: one line, three hashes.
    Distributions.wheel(directory, "Beta.Pkg", "2.0", "py3-none-any", Map.of());
    Distributions.wheel(directory, "Beta.Pkg", "2.0", "py2.py3-none-any", Map.of());
    Distributions.sdist(directory, "beta_pkg", "2.0");
    // Deflated members that do not shrink (stored in the tarball) beside ones that do.
    Random random = new Random(42);
    byte[] noise = new byte[200_000];
    random.nextBytes(noise);
    Distributions.wheel(
        directory,
        "gamma",
        "0.1",
        "py3-none-any",
        Map.of(
            "gamma/noise.bin",
            noise,
            "gamma/text.py",
            "# text\n".repeat(5000).getBytes(StandardCharsets.UTF_8)));
    Distributions.wheel(directory, LONG_NAME, "1.0.0");
    Distributions.wheel(directory, "requests_mock", "1.12.1");
    // Sorted after requirements.txt: hashed before it is written.
    Distributions.wheel(directory, "zeta", "3.0.post1");
    return directory;
  }
}
