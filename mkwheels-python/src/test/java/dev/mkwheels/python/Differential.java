package dev.mkwheels.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * One differential suite: cases are added with mkwheels-python's answer, then {@link #verify} asks
 * the oracle once and fails on every disagreement that is not listed in {@code
 * expected-divergences.txt}, and on every listed divergence that no longer diverges.
 */
public final class Differential {
  private final String suite;
  private final List<String> requests = new ArrayList<>();
  private final List<String> answers = new ArrayList<>();

  /** A suite named {@code suite} (for the report line). */
  public Differential(String suite) {
    this.suite = suite;
  }

  /** Adds a case: the request {@code [kind, args...]} and our answer ("invalid" on refusal). */
  public void add(Supplier<Object> ours, Object... request) {
    Object answer;
    try {
      answer = ours.get();
    } catch (IllegalArgumentException e) {
      answer = "invalid";
    } catch (RuntimeException e) {
      answer = List.of("error", e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    requests.add(Json.write(Arrays.asList(request)));
    answers.add(Json.write(answer));
  }

  /** Lines read from a corpus resource, comments ({@code #}) and blank lines left out. */
  public static List<String> corpus(String resource) {
    return lines(resource, false);
  }

  /** Runs the oracle and checks; returns the number of cases run. */
  public int verify() {
    Map<String, String> expected = expectedDivergences();
    List<String> theirs = Oracle.ask(requests);
    List<String> disagreements = new ArrayList<>();
    int diverged = 0;
    Set<String> used = new TreeSet<>();
    Set<String> divergedKeys = new TreeSet<>();
    for (int i = 0; i < requests.size(); i++) {
      boolean same = answers.get(i).equals(theirs.get(i));
      String listing = listing(expected, requests.get(i));
      boolean listed = listing != null;
      if (listed) {
        used.add(listing);
      }
      if (same && listed && listing.equals(requests.get(i))) {
        disagreements.add("listed as a divergence but agrees: " + requests.get(i));
      } else if (!same && !listed) {
        disagreements.add(
            requests.get(i)
                + "\n    ours:      "
                + answers.get(i)
                + "\n    packaging: "
                + theirs.get(i));
      } else if (!same) {
        divergedKeys.add(listing);
        diverged++;
      }
    }
    used.removeAll(divergedKeys);
    for (String key : used) {
      if (key.endsWith("*")) {
        disagreements.add("listed as a divergence but every matching case agrees: " + key);
      }
    }
    System.out.printf(
        "differential %s: %d cases, %d disagreements, %d expected divergences%n",
        suite, requests.size(), disagreements.size(), diverged);
    if (!disagreements.isEmpty()) {
      fail(
          disagreements.size()
              + " disagreements with packaging in "
              + suite
              + ":\n"
              + String.join("\n", disagreements.subList(0, Math.min(40, disagreements.size()))));
    }
    assertEquals(requests.size(), theirs.size());
    return requests.size();
  }

  /** The listed request, or a listed prefix (ending in {@code *}) of it, or null. */
  private static String listing(Map<String, String> expected, String request) {
    if (expected.containsKey(request)) {
      return request;
    }
    for (String key : expected.keySet()) {
      if (key.endsWith("*") && request.startsWith(key.substring(0, key.length() - 1))) {
        return key;
      }
    }
    return null;
  }

  private static Map<String, String> expectedDivergences() {
    Map<String, String> map = new TreeMap<>();
    for (String line : lines("expected-divergences.txt", false)) {
      int tab = line.indexOf('\t');
      map.put(line.substring(0, tab), line.substring(tab + 1));
    }
    return map;
  }

  private static List<String> lines(String resource, boolean keepComments) {
    try (InputStream in = Differential.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new AssertionError("no test resource " + resource);
      }
      List<String> out = new ArrayList<>();
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (keepComments || !(line.isBlank() || line.startsWith("#"))) {
          out.add(line);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
