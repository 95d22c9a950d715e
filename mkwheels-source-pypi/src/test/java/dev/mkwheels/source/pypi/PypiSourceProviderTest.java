package dev.mkwheels.source.pypi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.api.Epoch;
import dev.mkwheels.api.InstallTarget;
import dev.mkwheels.api.InvalidOptionException;
import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.api.ProviderOptions;
import dev.mkwheels.api.ResolvedSource;
import dev.mkwheels.api.SourceException;
import dev.mkwheels.testkit.Dist;
import dev.mkwheels.testkit.PackageIndex;
import dev.mkwheels.testkit.SdistBuilder;
import dev.mkwheels.testkit.TestingSourceContext;
import dev.mkwheels.testkit.WheelBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider against a loopback index and JSON API. */
class PypiSourceProviderTest {
  static final Instant SDIST = Instant.parse("2024-03-01T10:00:00.750Z");
  static final Instant WHEEL = Instant.parse("2024-03-01T11:00:00Z");
  PackageIndex index;
  final PypiSourceProvider provider = new PypiSourceProvider();
  final List<TestingSourceContext> contexts = new ArrayList<>();

  @BeforeEach
  void serve() throws IOException {
    index =
        PackageIndex.start()
            .add(WheelBuilder.wheel("Some_Pkg", "1.0rc1").build(), WHEEL)
            .add(SdistBuilder.sdist("Some_Pkg", "1.0rc1").build(), SDIST)
            .add(
                WheelBuilder.wheel("Some_Pkg", "0.9").build(),
                Instant.parse("2020-01-01T00:00:00Z"));
  }

  @AfterEach
  void stop() {
    index.close();
    contexts.forEach(TestingSourceContext::close);
  }

  ResolvedSource resolve(
      String name, String ver, String pypiUrl, TestingSourceContext.Builder context)
      throws SourceException {
    return provider.resolve(
        new ProviderOptions(
            Map.of("name", List.of(name), "ver", List.of(ver), "pypi-url", List.of(pypiUrl))),
        open(context));
  }

  /** Builds the context, to be closed after the test. */
  TestingSourceContext open(TestingSourceContext.Builder builder) {
    TestingSourceContext context = builder.build();
    contexts.add(context);
    return context;
  }

  TestingSourceContext.Builder derive() {
    return TestingSourceContext.builder().indexUrls(List.of(index.simpleUrl()));
  }

  @Test
  void theEpochIsTheEarliestJsonApiUploadTimeOfTheReleaseTruncatedToSeconds() throws Exception {
    ResolvedSource source = resolve("Some_Pkg", "v1.0-RC1", index.jsonApiUrl(), derive());
    assertEquals(SDIST.getEpochSecond(), source.epoch().seconds());
    assertEquals(
        "PyPI JSON upload_time_iso_8601 of Some_Pkg 1.0rc1 (" + index.jsonApiUrl() + ")",
        source.epoch().origin());
    assertEquals("1.0rc1", source.version());
    assertEquals(new InstallTarget.Requirement("Some_Pkg==1.0rc1"), source.target());
  }

  @Test
  void aFixedEpochWinsAndNothingIsAsked() throws Exception {
    TestingSourceContext.Builder fixed = derive().fixedEpoch(new Epoch(42, "--epoch"));
    assertEquals(
        new Epoch(42, "--epoch"), resolve("Some_Pkg", "1.0rc1", index.jsonApiUrl(), fixed).epoch());
    assertEquals(List.of(), index.requests());
  }

  @Test
  void withoutTheJsonApiThePep700UploadTimeOfTheIndexIsUsed() throws Exception {
    index.jsonApi(false);
    Epoch epoch = resolve("some-pkg", "1.0rc1", index.jsonApiUrl(), derive()).epoch();
    assertEquals(
        new Epoch(
            SDIST.getEpochSecond(),
            "PEP 700 upload-time of some-pkg 1.0rc1 on " + index.simpleUrl()),
        epoch);
  }

  @Test
  void withNeitherTheErrorSaysToPassEpoch() {
    index.jsonApi(false).pep691(false);
    SourceException e =
        assertThrows(
            SourceException.class,
            () -> resolve("some-pkg", "1.0rc1", index.jsonApiUrl(), derive()));
    assertEquals(
        "cannot derive the epoch of some-pkg 1.0rc1: the PyPI JSON API at "
            + index.jsonApiUrl()
            + " answered 404 and the index gives no upload times for it; pass --epoch N (seconds since 1970)",
        e.getMessage());
  }

  @Test
  void anUnreachableJsonApiIsAnErrorWhenTheEpochNeedsIt() throws Exception {
    String closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = "http://127.0.0.1:" + socket.getLocalPort() + "/pypi";
    }
    String url = closed;
    SourceException e =
        assertThrows(
            SourceException.class,
            () -> resolve("some-pkg", "1.0rc1", url, TestingSourceContext.builder()));
    assertEquals(MkwheelsException.FAILED, e.exitCode());
    assertEquals(
        true,
        e.getMessage()
            .startsWith(
                "cannot derive the epoch of some-pkg 1.0rc1: the PyPI JSON API is unreachable ("),
        e.getMessage());
    assertEquals(
        true, e.getMessage().endsWith("; pass --epoch N (seconds since 1970)"), e.getMessage());
  }

  @Test
  void anUnreachableIndexIsOneLineNamingEachUrlOnce() throws Exception {
    String pypi;
    String simple;
    try (ServerSocket a = new ServerSocket(0);
        ServerSocket b = new ServerSocket(0)) {
      pypi = "http://127.0.0.1:" + a.getLocalPort() + "/pypi";
      simple = "http://127.0.0.1:" + b.getLocalPort() + "/simple";
    }
    TestingSourceContext.Builder context =
        TestingSourceContext.builder().indexUrls(List.of(simple));
    String api = pypi;
    SourceException e =
        assertThrows(SourceException.class, () -> resolve("six", "1.16.0", api, context));
    assertEquals(
        "cannot derive the epoch of six 1.16.0: the PyPI JSON API is unreachable ("
            + pypi
            + "/six/1.16.0/json: connection refused) and the index page "
            + simple
            + "/six/ is unreachable (connection refused); pass --epoch N (seconds since 1970)",
        e.getMessage());
    assertEquals(List.of(), contexts.get(0).console().warnings(), "no second line");
  }

  @Test
  void aProjectOrVersionTheIndexLacksIsNotOnTheIndex() {
    index.jsonApi(false);
    SourceException project =
        assertThrows(
            SourceException.class, () -> resolve("nope", "1.0", index.jsonApiUrl(), derive()));
    assertEquals("nope 1.0 is not on the index " + index.simpleUrl(), project.getMessage());
    SourceException version =
        assertThrows(
            SourceException.class, () -> resolve("some-pkg", "3.0", index.jsonApiUrl(), derive()));
    assertEquals("some-pkg 3.0 is not on the index " + index.simpleUrl(), version.getMessage());
  }

  @Test
  void anUploadTimeBefore1970IsAnErrorAboutTheEpochFromTheJsonApiAndFromPep700() throws Exception {
    String file = WheelBuilder.wheel("old", "1.0").build().filename();
    index.add(WheelBuilder.wheel("old", "1.0").build(), Instant.parse("1969-07-20T20:17:40Z"));
    for (boolean jsonApi : List.of(true, false)) {
      index.jsonApi(jsonApi);
      SourceException e =
          assertThrows(
              SourceException.class, () -> resolve("old", "1.0", index.jsonApiUrl(), derive()));
      assertTrue(
          e.getMessage()
              .startsWith("the index gave an upload time before 1970 ('1969-07-20T20:17:40"),
          e.getMessage());
      assertTrue(
          e.getMessage()
              .endsWith(
                  "') for " + file + ", which is no epoch; pass --epoch N (seconds since 1970)"),
          e.getMessage());
    }
  }

  @Test
  void malformedNamesAndVersionsAreUsageErrors() {
    InvalidOptionException name =
        assertThrows(
            InvalidOptionException.class,
            () -> resolve("bad name!", "1.0", index.jsonApiUrl(), derive()));
    assertEquals("--name 'bad name!' is not a valid project name (PEP 508)", name.getMessage());
    assertEquals(MkwheelsException.USAGE, name.exitCode());
    InvalidOptionException ver =
        assertThrows(
            InvalidOptionException.class, () -> resolve("x", "vfoo", index.jsonApiUrl(), derive()));
    assertEquals("--ver 'vfoo' is not a valid version (PEP 440)", ver.getMessage());
    assertThrows(
        InvalidOptionException.class, () -> resolve("x", "v", index.jsonApiUrl(), derive()));
  }

  @Test
  void extrasJoinTheRequirementAndTheNotes() throws Exception {
    TestingSourceContext.Builder fixed = derive().fixedEpoch(new Epoch(42, "--epoch"));
    ResolvedSource source =
        provider.resolve(
            new ProviderOptions(
                Map.of(
                    "name", List.of("Some_Pkg"),
                    "ver", List.of("1.0rc1"),
                    "extras", List.of(" socks ,Http_2,socks"),
                    "pypi-url", List.of(index.jsonApiUrl()))),
            open(fixed));
    // As written, once each, sorted: pip compares them as it does for a requirement.
    assertEquals(new InstallTarget.Requirement("Some_Pkg[Http_2,socks]==1.0rc1"), source.target());
    assertEquals(
        List.of("extras: Http_2, socks (resolved as Some_Pkg[Http_2,socks])"), source.notes());
    assertEquals(List.of(), resolve("Some_Pkg", "1.0rc1", index.jsonApiUrl(), fixed).notes());
  }

  @Test
  void malformedExtrasAreUsageErrorsNamingTheOption() {
    for (String given : List.of("", "a,,b", "a,", "bad extra", "a;b", "-a")) {
      InvalidOptionException e =
          assertThrows(InvalidOptionException.class, () -> PypiSourceProvider.extras(given));
      assertTrue(e.getMessage().startsWith("--extras '" + given + "': "), e.getMessage());
      assertEquals(MkwheelsException.USAGE, e.exitCode());
    }
    InvalidOptionException empty =
        assertThrows(InvalidOptionException.class, () -> PypiSourceProvider.extras("a,,b"));
    assertEquals(
        "--extras 'a,,b': an empty name (PEP 508; separate several with commas)",
        empty.getMessage());
  }

  @Test
  void versionsAreNormalizedAsPep440Says() throws Exception {
    assertEquals("1.0rc1", PypiSourceProvider.normalizeVersion("v1.0-RC1"));
    assertEquals("1.0a0", PypiSourceProvider.normalizeVersion("1.0alpha"));
    assertEquals("1.0.post2", PypiSourceProvider.normalizeVersion("1.0-2"));
    assertEquals("2.0.dev0", PypiSourceProvider.normalizeVersion("2.0dev"));
    assertEquals("1!2.10+ubuntu.1", PypiSourceProvider.normalizeVersion("1!02.010+Ubuntu-1"));
    assertEquals("2.32.3", PypiSourceProvider.normalizeVersion(" 2.32.3 "));
    assertThrows(InvalidOptionException.class, () -> PypiSourceProvider.normalizeVersion("latest"));
  }

  @Test
  void aLegacySdistNameIsAFileOfTheVersionPipReadsInIt() throws Exception {
    // Alone, legacy-1.0-2.tar.gz reads as project legacy-1-0 version 2; pip reads legacy 1.0.post2.
    Dist built = SdistBuilder.sdist("legacy", "1.0.post2").build();
    Instant uploaded = Instant.parse("2023-05-06T07:08:09Z");
    index.add(new Dist("legacy", "1.0.post2", "legacy-1.0-2.tar.gz", built.bytes()), uploaded);
    for (boolean jsonApi : List.of(true, false)) {
      index.jsonApi(jsonApi);
      ResolvedSource source = resolve("legacy", "1.0-2", index.jsonApiUrl(), derive());
      assertEquals("1.0.post2", source.version());
      assertEquals(uploaded.getEpochSecond(), source.epoch().seconds(), "json api: " + jsonApi);
    }
    assertTrue(ReleaseEpoch.isFileOf("legacy-1.0-2.tar.gz", "Legacy", "1.0.post2"));
    assertTrue(ReleaseEpoch.isFileOf("Legacy-1.0.0.post2-py3-none-any.whl", "legacy", "1.0.post2"));
    assertFalse(ReleaseEpoch.isFileOf("legacy-1.0-2.tar.gz", "legacy-1-0", "1.0.post2"));
    assertFalse(ReleaseEpoch.isFileOf("legacy-1.0-2.tar.gz.asc", "legacy", "1.0.post2"));
  }
}
