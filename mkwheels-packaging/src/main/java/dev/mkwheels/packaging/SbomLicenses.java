package dev.mkwheels.packaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A distribution's license as its METADATA declares it, first that applies: {@code
 * License-Expression} (core metadata 2.4, an SPDX expression) as the expression; else the {@code
 * License} field as a named license (its first line as the name, the whole field as the text when
 * it is longer); else each {@code License ::} classifier as a named license. None of these: no
 * license at all, never a guess.
 */
final class SbomLicenses {
  private static final int MAX_NAME = 100;

  private SbomLicenses() {}

  /** CycloneDX's {@code licenses} array, as {@link SbomJson} writes it. */
  static Optional<List<Object>> of(SbomSource source) {
    if (source.licenseExpression().isPresent()) {
      return Optional.of(List.of(Map.of("expression", source.licenseExpression().get())));
    }
    if (source.license().isPresent()) {
      String text = source.license().get();
      String first = text.lines().findFirst().orElse(text).strip();
      Map<String, Object> license = new TreeMap<>();
      license.put("name", first.length() > MAX_NAME ? first.substring(0, MAX_NAME) + "..." : first);
      if (!first.equals(text)) {
        license.put("text", Map.of("content", text, "contentType", "text/plain"));
      }
      return Optional.of(List.of(Map.of("license", license)));
    }
    if (!source.licenseClassifiers().isEmpty()) {
      List<Object> licenses = new ArrayList<>();
      for (String classifier : source.licenseClassifiers()) {
        licenses.add(Map.of("license", Map.of("name", classifier)));
      }
      return Optional.of(licenses);
    }
    return Optional.empty();
  }
}
