package dev.mkwheels.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mkwheels.packaging.PackResult;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints what a mode made on stdout: the tarball, its epoch and digests, then the summary lines
 * (where the epoch came from, pip's options, upload-time filtering, hashes); with {@code --json}
 * one JSON object with the same. Stands in for packaging's result printer until that is merged.
 */
final class VendorReport {
  private final PrintStream out;
  private final boolean json;

  VendorReport(PrintStream out, boolean json) {
    this.out = requireNonNull(out, "out is null");
    this.json = json;
  }

  void print(PackResult result, List<String> summary) {
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("tarball", result.tarball().toString());
      doc.put("epoch", result.epoch());
      doc.put("md5", result.md5());
      doc.put("sha256", result.sha256());
      doc.put("size", result.size());
      doc.put("distributions", result.distributions());
      doc.put("summary", summary);
      try {
        out.print(new ObjectMapper().writeValueAsString(doc) + "\n");
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      out.println(result.tarball());
      out.println("epoch: " + result.epoch());
      out.println("md5: " + result.md5());
      out.println("sha256: " + result.sha256());
      out.println("size: " + result.size());
      out.println("distributions: " + result.distributions());
      summary.forEach(out::println);
    }
    out.flush();
  }
}
