package dev.mkwheels.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pin's name and version: PEP 503 names, PEP 440 equality and order. */
class PinTest {

  @Test
  void pinsOfAProjectSortInPep440Order() {
    List<Pin> ordered =
        List.of(
            new Pin("a", "1.0.dev1"),
            new Pin("a", "1.0a1"),
            new Pin("a", "1.0rc1"),
            new Pin("a", "1.0"),
            new Pin("a", "1.0+local"),
            new Pin("a", "1.0.post1"),
            new Pin("a", "1.10"),
            new Pin("a", "2!0.1"),
            new Pin("a", "latest"),
            new Pin("b", "0.1"));
    List<Pin> shuffled = new ArrayList<>(ordered);
    Collections.reverse(shuffled);
    Collections.sort(shuffled);
    assertEquals(ordered, shuffled);
  }

  @Test
  void aVersionIsTheSameInEverySpellingPep440Allows() {
    assertTrue(new Pin("x", "1.0").sameVersion("1"));
    assertTrue(new Pin("x", "1.0rc1").sameVersion("1.0-RC-1"));
    assertTrue(new Pin("x", "1.0.post2").sameVersion("1.0-2"));
    assertFalse(new Pin("x", "1.0").sameVersion("1.0+cpu"));
    assertTrue(new Pin("x", "2004d").sameVersion("2004d"), "a legacy version compares as text");
  }

  @Test
  void namesAreKeptInTheirNormalForm() {
    assertEquals("zope-interface", new Pin("Zope_.Interface", "1").name());
    assertFalse(Pin.isValidName("-bad"));
  }
}
