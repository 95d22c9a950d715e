package dev.mkwheels.cli;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.packaging.PackResult;
import java.io.PrintStream;
import java.util.List;

/**
 * Prints what a mode made, on stdout. A stand-in until packaging's result printer is merged; the
 * summary lines follow the result.
 */
final class VendorReport {
  private final PrintStream out;
  private final boolean json;

  VendorReport(PrintStream out, boolean json) {
    this.out = requireNonNull(out, "out is null");
    this.json = json;
  }

  void print(PackResult result, List<String> summary) {
    out.println("tarball: " + result.tarball());
    out.println("epoch: " + result.epoch());
    out.println("sha256: " + result.sha256());
    out.println("md5: " + result.md5());
    out.println("size: " + result.size());
    out.println("distributions: " + result.distributions());
    summary.forEach(out::println);
    out.flush();
  }
}
