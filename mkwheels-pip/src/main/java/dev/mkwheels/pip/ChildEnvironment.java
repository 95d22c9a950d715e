package dev.mkwheels.pip;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The environment of every process mkwheels starts: pip, and so every {@code setup.py}, build
 * backend and git it runs; the {@code --verify} venv's python. It is the user's environment minus
 * credentials, since those processes run third-party code.
 *
 * <p>The rule: a variable is a credential when its name, split at {@code _} and compared without
 * case, has a word {@code TOKEN}, {@code PASSWORD}, {@code PASSWD}, {@code SECRET}, {@code
 * CREDENTIAL(S)}, {@code APIKEY} or {@code JWT}, or the words {@code API KEY}, {@code ACCESS KEY}
 * or {@code PRIVATE KEY} in a row, or ends in the word {@code AUTH} or {@code PASS}. That covers
 * the forge tokens mkwheels reads ({@link #FORGE_TOKENS}), {@code AWS_SECRET_ACCESS_KEY}, {@code
 * TWINE_PASSWORD}, {@code NPM_CONFIG__AUTH}, and keeps {@code SSH_AUTH_SOCK}, {@code PIP_*} and
 * {@code PATH}. A variable named in {@code MKWHEELS_PASS_ENV} (comma-separated names, matched
 * exactly) passes anyway. Immutable.
 */
public final class ChildEnvironment {
  /** The variable naming what passes through on purpose: {@code MKWHEELS_PASS_ENV=A,B}. */
  public static final String PASS_VARIABLE = "MKWHEELS_PASS_ENV";

  /** The forge tokens mkwheels itself knows; each is a credential by the rule too. */
  public static final List<String> FORGE_TOKENS =
      List.of(
          "CI_JOB_TOKEN",
          "FORGEJO_TOKEN",
          "GH_TOKEN",
          "GITEA_TOKEN",
          "GITHUB_TOKEN",
          "GITLAB_TOKEN");

  private static final Set<String> SECRET_WORDS =
      Set.of("TOKEN", "PASSWORD", "PASSWD", "SECRET", "CREDENTIAL", "CREDENTIALS", "APIKEY", "JWT");
  private static final Set<String> SECRET_PAIRS = Set.of("API KEY", "ACCESS KEY", "PRIVATE KEY");
  private static final Set<String> SECRET_LAST_WORDS = Set.of("AUTH", "PASS");

  private final SortedMap<String, String> variables;
  private final SortedSet<String> passed;
  private final SortedSet<String> dropped;

  private ChildEnvironment(
      SortedMap<String, String> variables, SortedSet<String> passed, SortedSet<String> dropped) {
    this.variables = variables;
    this.passed = passed;
    this.dropped = dropped;
  }

  /** The user's environment (as the process got it) minus its credentials. */
  public static ChildEnvironment of(Map<String, String> user) {
    requireNonNull(user, "user is null");
    SortedSet<String> passed =
        Arrays.stream(user.getOrDefault(PASS_VARIABLE, "").split(","))
            .map(String::strip)
            .filter(name -> !name.isEmpty())
            .collect(Collectors.toCollection(TreeSet::new));
    return new ChildEnvironment(new TreeMap<>(), passed, new TreeSet<>()).with(user);
  }

  /**
   * These variables too, replacing any of the same name, under the same rule: a credential among
   * them is dropped unless passed on purpose. The place for fixed variables every child gets (for
   * example {@code SOURCE_DATE_EPOCH}, {@code PYTHONIOENCODING}) and for a command's own.
   */
  public ChildEnvironment with(Map<String, String> more) {
    SortedMap<String, String> copy = new TreeMap<>(variables);
    SortedSet<String> droppedNow = new TreeSet<>(dropped);
    more.forEach(
        (name, value) -> {
          if (passed.contains(name) || !isCredential(name)) {
            copy.put(name, requireNonNull(value, "value is null"));
          } else {
            droppedNow.add(name);
          }
        });
    return new ChildEnvironment(copy, passed, droppedNow);
  }

  /** This environment without {@code names}. */
  public ChildEnvironment without(Collection<String> names) {
    SortedMap<String, String> copy = new TreeMap<>(variables);
    names.forEach(copy::remove);
    return new ChildEnvironment(copy, passed, dropped);
  }

  /** The names of the variables the rule dropped, sorted: never their values. */
  public SortedSet<String> dropped() {
    return java.util.Collections.unmodifiableSortedSet(dropped);
  }

  /** The variables, sorted by name. */
  public Map<String, String> variables() {
    return java.util.Collections.unmodifiableSortedMap(variables);
  }

  /** Makes {@code builder}'s environment exactly this one. */
  public ProcessBuilder applyTo(ProcessBuilder builder) {
    builder.environment().clear();
    builder.environment().putAll(variables);
    return builder;
  }

  /** Whether {@code name} looks like a credential's, by the rule above. */
  public static boolean isCredential(String name) {
    List<String> words = List.of(name.toUpperCase(Locale.ROOT).split("_", -1));
    for (int i = 0; i < words.size(); i++) {
      if (SECRET_WORDS.contains(words.get(i))) {
        return true;
      }
      if (i > 0 && SECRET_PAIRS.contains(words.get(i - 1) + " " + words.get(i))) {
        return true;
      }
    }
    return SECRET_LAST_WORDS.contains(words.get(words.size() - 1));
  }

  @Override
  public String toString() {
    return "ChildEnvironment" + variables.keySet();
  }
}
