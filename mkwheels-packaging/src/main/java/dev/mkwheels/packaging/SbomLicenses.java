package dev.mkwheels.packaging;

import java.util.Optional;
import org.cyclonedx.model.AttachmentText;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.license.Expression;

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

  static Optional<LicenseChoice> of(SbomSource source) {
    LicenseChoice choice = new LicenseChoice();
    if (source.licenseExpression().isPresent()) {
      choice.setExpression(new Expression(source.licenseExpression().get()));
      return Optional.of(choice);
    }
    if (source.license().isPresent()) {
      String text = source.license().get();
      String first = text.lines().findFirst().orElse(text).strip();
      License license = new License();
      license.setName(first.length() > MAX_NAME ? first.substring(0, MAX_NAME) + "..." : first);
      if (!first.equals(text)) {
        AttachmentText attachment = new AttachmentText();
        attachment.setContentType("text/plain");
        attachment.setText(text);
        license.setLicenseText(attachment);
      }
      choice.addLicense(license);
      return Optional.of(choice);
    }
    if (!source.licenseClassifiers().isEmpty()) {
      for (String classifier : source.licenseClassifiers()) {
        License license = new License();
        license.setName(classifier);
        choice.addLicense(license);
      }
      return Optional.of(choice);
    }
    return Optional.empty();
  }
}
