package dev.mkwheels.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mkwheels.python.index.IndexClient;
import dev.mkwheels.testkit.Dist;
import dev.mkwheels.testkit.LoopbackFetcher;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.WheelBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every file against its index's hash, from PEP 691 JSON, PEP 503 HTML, and a file:// index. */
class HashVerifierTest {
  @TempDir Path temp;
  final RecordingConsole console = new RecordingConsole();
  final Dist six = WheelBuilder.wheel("six", "1.0").build();
  final Dist other = WheelBuilder.wheel("Other.Name", "2.0").build();

  HashVerifier verifier() {
    return new HashVerifier(new IndexClient(new LoopbackFetcher()), console);
  }

  @Test
  void filesMatchingTheIndexPassAndFilesItDoesNotListAreCountedUnchecked() throws Exception {
    try (PackageIndex index = PackageIndex.start().add(six, Instant.EPOCH)) {
      Path a = six.writeTo(temp);
      Path b = other.writeTo(temp);
      HashReport report = verifier().verify(List.of(a, b), List.of(index.simpleUrl()));
      assertEquals(1, report.checked());
      assertEquals(List.of(other.filename()), report.unchecked());
      assertEquals(six.sha256(), report.sha256().get(six.filename()));
      assertEquals(
          "1 of 2 files match the index's sha256; 1 had no index hash to check", report.describe());
    }
  }

  @Test
  void theReportNamesTheIndexEachCheckedFileWasListedOnForPylockToml() throws Exception {
    try (PackageIndex index = PackageIndex.start().add(six, Instant.EPOCH)) {
      Path a = six.writeTo(temp);
      Path b = other.writeTo(temp);
      HashReport report = verifier().verify(List.of(a, b), List.of(index.simpleUrl()));
      assertEquals(java.util.Map.of(six.filename(), index.simpleUrl()), report.indexes());
    }
  }

  @Test
  void theReportCarriesTheUploadTimeAJsonPageGivesForPylockToml() throws Exception {
    Instant uploaded = Instant.parse("2024-03-04T05:06:07.123456Z");
    try (PackageIndex index = PackageIndex.start().add(six, uploaded)) {
      Path a = six.writeTo(temp);
      Path b = other.writeTo(temp);
      HashReport report = verifier().verify(List.of(a, b), List.of(index.simpleUrl()));
      assertEquals(java.util.Map.of(six.filename(), uploaded), report.uploadTimes());
    }
  }

  @Test
  void anHtmlPageGivesNoUploadTime() throws Exception {
    try (PackageIndex index = PackageIndex.start().pep691(false).add(six, Instant.EPOCH)) {
      Path a = six.writeTo(temp);
      HashReport report = verifier().verify(List.of(a), List.of(index.simpleUrl()));
      assertEquals(1, report.checked());
      assertEquals(java.util.Map.of(), report.uploadTimes());
    }
  }

  @Test
  void aWrongHashInPep691JsonIsAMismatchNamingBoth() throws Exception {
    String wrong = "0".repeat(64);
    try (PackageIndex index =
        PackageIndex.start().add(six, Instant.EPOCH).advertiseHash(six.filename(), wrong)) {
      HashMismatchException e =
          assertThrows(
              HashMismatchException.class,
              () -> verifier().verify(List.of(six.writeTo(temp)), List.of(index.simpleUrl())));
      assertEquals(
          "hash mismatch for "
              + six.filename()
              + ": the index "
              + index.simpleUrl()
              + " gives sha256 "
              + wrong
              + ", the downloaded file has "
              + six.sha256(),
          e.getMessage());
      assertEquals(
          true,
          index.requests().stream()
              .anyMatch(r -> r.contains("application/vnd.pypi.simple.v1+json")));
    }
  }

  @Test
  void aHashHandedOverIsNotReadAgainButStillCheckedAgainstTheIndex() throws Exception {
    String wrong = "0".repeat(64);
    try (PackageIndex index =
        PackageIndex.start()
            .add(six, Instant.EPOCH)
            .add(other, Instant.EPOCH)
            .advertiseHash(other.filename(), wrong)) {
      Path a = six.writeTo(temp);
      Path b = other.writeTo(temp);
      // Handed over: a's hash as written (its bytes here are gone), b's as the download had it.
      Files.write(a, new byte[0]);
      HashReport report =
          verifier()
              .verify(
                  List.of(a),
                  List.of(index.simpleUrl()),
                  List.of(),
                  List.of(),
                  java.util.Map.of(a, six.sha256().toUpperCase(java.util.Locale.ROOT)));
      assertEquals(1, report.checked());
      assertEquals(six.sha256(), report.sha256().get(six.filename()));
      HashMismatchException e =
          assertThrows(
              HashMismatchException.class,
              () ->
                  verifier()
                      .verify(
                          List.of(b),
                          List.of(index.simpleUrl()),
                          List.of(),
                          List.of(),
                          java.util.Map.of(b, other.sha256())));
      assertEquals(
          "hash mismatch for "
              + other.filename()
              + ": the index "
              + index.simpleUrl()
              + " gives sha256 "
              + wrong
              + ", the downloaded file has "
              + other.sha256(),
          e.getMessage());
    }
  }

  @Test
  void aWrongFragmentInPep503HtmlIsAMismatch() throws Exception {
    try (PackageIndex index =
        PackageIndex.start()
            .pep691(false)
            .add(other, Instant.EPOCH)
            .advertiseHash(other.filename(), "1".repeat(64))) {
      assertThrows(
          HashMismatchException.class,
          () -> verifier().verify(List.of(other.writeTo(temp)), List.of(index.simpleUrl() + "/")));
    }
  }

  @Test
  void aFileIndexIsReadFromDisk() throws Exception {
    Path project = Files.createDirectories(temp.resolve("simple/six"));
    Files.writeString(
        project.resolve("index.html"),
        "<a href=\"../../files/"
            + six.filename()
            + "#sha256="
            + "2".repeat(64)
            + "\">"
            + six.filename()
            + "</a>");
    Path file = six.writeTo(Files.createDirectory(temp.resolve("dl")));
    assertThrows(
        HashMismatchException.class,
        () -> verifier().verify(List.of(file), List.of(temp.resolve("simple").toUri().toString())));
  }

  @Test
  void aFileNoIndexListsIsAWarningOnStderr() throws Exception {
    try (PackageIndex index = PackageIndex.start().add(six, Instant.EPOCH)) {
      HashReport report =
          verifier()
              .verify(List.of(six.writeTo(temp), other.writeTo(temp)), List.of(index.simpleUrl()));
      assertEquals(List.of(other.filename()), report.unchecked());
      assertEquals(
          List.of(
              "no index hash to check for 1 of 2 files ("
                  + other.filename()
                  + "): no index pip"
                  + " used lists it with a sha256; --require-index-hashes makes this an error"),
          console.warnings);
    }
  }

  @Test
  void requiringIndexHashesMakesAFileNoIndexListsAnError() throws Exception {
    try (PackageIndex index = PackageIndex.start().add(six, Instant.EPOCH)) {
      HashVerifier strict = new HashVerifier(new IndexClient(new LoopbackFetcher()), console, true);
      PipException e =
          assertThrows(
              PipException.class,
              () ->
                  strict.verify(
                      List.of(six.writeTo(temp), other.writeTo(temp)), List.of(index.simpleUrl())));
      assertEquals(
          "no index hash to check for 1 of 2 files ("
              + other.filename()
              + "): no index pip used lists it"
              + " with a sha256 (--require-index-hashes)",
          e.getMessage());
    }
  }

  @Test
  void aWheelBuiltHereIsNoMissingIndexHashEvenWhenHashesAreRequired() throws Exception {
    try (PackageIndex index = PackageIndex.start().add(six, Instant.EPOCH)) {
      HashVerifier strict = new HashVerifier(new IndexClient(new LoopbackFetcher()), console, true);
      Path built = other.writeTo(temp);
      HashReport report =
          strict.verify(
              List.of(six.writeTo(temp), built),
              List.of(index.simpleUrl()),
              List.of(),
              List.of(built));
      assertEquals(List.of(), console.warnings);
      assertEquals(
          "1 of 2 files match the index's sha256; 1 built here from sdists (on no index)",
          report.describe());
    }
  }

  @Test
  void aLegacySdistIsCheckedAgainstThePageOfTheProjectPipReadItFrom() throws Exception {
    // pip's finder reads foo-1.0-2.tar.gz on foo's page as foo 1.0.post2, as lock does; a name
    // read alone can also mean another project (foo-1-2.tar.gz is foo-1 2 on foo-1's page), and
    // legacy archives (.tar.bz2) are sdists too
    List<Dist> legacy =
        List.of(
            new Dist("foo", "1.0-2", "foo-1.0-2.tar.gz", bytes("a")),
            new Dist("foo-1", "2", "foo-1-2.tar.gz", bytes("b")),
            new Dist("bar", "1.0", "bar-1.0.tar.bz2", bytes("c")));
    try (PackageIndex index = PackageIndex.start()) {
      List<Path> files = new java.util.ArrayList<>();
      for (Dist dist : legacy) {
        index.add(dist, Instant.EPOCH);
        files.add(dist.writeTo(temp));
      }
      for (boolean json : List.of(true, false)) {
        index.pep691(json);
        HashReport report = verifier().verify(files, List.of(index.simpleUrl()));
        assertEquals(List.of(), report.unchecked());
        assertEquals(3, report.checked());
      }
      index.advertiseHash("foo-1.0-2.tar.gz", "2".repeat(64));
      assertThrows(
          HashMismatchException.class,
          () -> verifier().verify(files.subList(0, 1), List.of(index.simpleUrl())));
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
