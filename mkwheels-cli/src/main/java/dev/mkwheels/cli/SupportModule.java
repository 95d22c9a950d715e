package dev.mkwheels.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.mkwheels.api.HttpFetcher;
import dev.mkwheels.api.JsonReader;
import dev.mkwheels.ci.QueryFetcher;
import java.time.Duration;

/** What the host lends the sources: HTTP and JSON. */
final class SupportModule extends AbstractModule {
  static final String TIMEOUT_VARIABLE = "MKWHEELS_HTTP_TIMEOUT";

  @Override
  protected void configure() {
    bind(JsonReader.class).to(JacksonJsonReader.class).in(Singleton.class);
  }

  /** Timeouts of 30 s per request unless MKWHEELS_HTTP_TIMEOUT (seconds) says otherwise. */
  @Provides
  @Singleton
  JdkHttpFetcher jdkHttp(Environment environment) throws UsageException {
    Duration timeout = environment.seconds(TIMEOUT_VARIABLE, Duration.ofSeconds(30));
    return new JdkHttpFetcher(timeout, timeout, Duration.ofMillis(500));
  }

  /** What the sources and the other commands get: GET and downloads. */
  @Provides
  @Singleton
  HttpFetcher http(JdkHttpFetcher http) {
    return http;
  }

  /** The same client with POST, for the audit only. */
  @Provides
  @Singleton
  QueryFetcher queries(JdkHttpFetcher http) {
    return http;
  }
}
