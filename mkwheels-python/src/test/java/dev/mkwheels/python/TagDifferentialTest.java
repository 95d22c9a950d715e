package dev.mkwheels.python;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.python.tags.Tag;
import dev.mkwheels.python.tags.TagTarget;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ordered compatible tag list of every target of {@code tag-targets.txt} against packaging's
 * {@code cpython_tags}/{@code generic_tags} + {@code compatible_tags} for the same interpreter, its
 * platform widened by packaging's own manylinux, musllinux and macOS code (told the target's glibc,
 * musl or macOS version). Compared whole ({@code tags}, where CPython's {@code cp3x-none-any} is an
 * expected divergence) and without that one tag ({@code tagsexceptany}, which must agree).
 */
class TagDifferentialTest {
  @Test
  void compatibleTagListsAgreeWithPackaging() {
    Differential d = new Differential("tags");
    for (String line : Differential.corpus("tag-targets.txt")) {
      String[] f = line.split(" ");
      List<String> abis = f[3].equals("-") ? List.of() : Arrays.asList(f[3].split(","));
      int major = Integer.parseInt(f[1]);
      int minor = Integer.parseInt(f[2]);
      TagTarget target = new TagTarget(f[0], major, minor, abis, f[4]);
      d.add(() -> strings(target.compatibleTags(), null), "tags", f[0], major, minor, abis, f[4]);
      String any = "cp" + major + minor + "-none-any";
      d.add(
          () -> strings(target.compatibleTags(), any),
          "tagsexceptany",
          f[0],
          major,
          minor,
          abis,
          f[4]);
    }
    assertTrue(d.verify() > 20);
  }

  private static List<String> strings(List<Tag> tags, String without) {
    List<String> out = new ArrayList<>();
    for (Tag t : tags) {
      if (!t.toString().equals(without)) {
        out.add(t.toString());
      }
    }
    return out;
  }
}
