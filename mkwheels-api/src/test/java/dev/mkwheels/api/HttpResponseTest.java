package dev.mkwheels.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpResponseTest {
  static HttpResponse withRetryAfter(String... values) {
    return new HttpResponse(429, Map.of("Retry-After", List.of(values)), new byte[0]);
  }

  @Test
  void retryAfterIsReadWhenItIsANumberOfSeconds() {
    assertEquals(Optional.of("30"), withRetryAfter(" 30 ").retryAfterSeconds());
    assertEquals(Optional.of("999999"), withRetryAfter("999999").retryAfterSeconds());
    assertEquals(Optional.of("7"), withRetryAfter("7", "8").retryAfterSeconds());
  }

  @Test
  void anythingElseIsNoRetryAfter() {
    assertEquals(Optional.empty(), withRetryAfter().retryAfterSeconds());
    assertEquals(
        Optional.empty(), withRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT").retryAfterSeconds());
    assertEquals(Optional.empty(), withRetryAfter("1000000").retryAfterSeconds());
    assertEquals(Optional.empty(), withRetryAfter("-1").retryAfterSeconds());
    assertEquals(Optional.empty(), withRetryAfter("\u001b[2J5").retryAfterSeconds());
  }
}
