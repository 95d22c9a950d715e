package dev.mkwheels.ci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The regular files directly in a directory, sorted by name; none when it does not exist. */
final class Listing {
  private Listing() {}

  static List<Path> files(Path directory) throws CiException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.filter(Files::isRegularFile).sorted().toList();
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new CiException("cannot list " + directory + ": " + e.getMessage(), e);
    }
  }
}
