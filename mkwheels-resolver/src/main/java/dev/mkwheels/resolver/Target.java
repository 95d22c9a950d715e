package dev.mkwheels.resolver;

import dev.mkwheels.python.marker.TargetEnvironment;
import dev.mkwheels.python.tags.Tag;
import java.util.List;
import java.util.Objects;

/**
 * One environment a tree is resolved for: its marker values and the wheel tags it accepts, most
 * preferred first. Immutable.
 *
 * @param name how the user named it and messages say it, for example {@code
 *     cp312-manylinux_2_28_x86_64}, or {@code host} for the interpreter mkwheels runs pip with
 * @param environment the PEP 508 marker values
 * @param tags the tags it accepts, most preferred first; a wheel with none of them is not for it
 */
public record Target(String name, TargetEnvironment environment, List<Tag> tags) {
  public Target {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(environment, "environment is null");
    tags = List.copyOf(tags);
  }

  /**
   * From the name only: a target is a key of the resolver's caches, looked up for every project the
   * search meets, and the host's tag list (900 tags and more) made every lookup hash each tag.
   * Equal targets have the same name, so they still hash alike.
   */
  @Override
  public int hashCode() {
    return name.hashCode();
  }
}
