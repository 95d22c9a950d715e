package dev.mkwheels.python.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code ~/.netrc} that pip (through requests) reads for a host whose URL has no credentials:
 * {@code $NETRC}, else {@code ~/.netrc}, else {@code ~/_netrc}; the first {@code machine} entry for
 * the host, else {@code default}. A file that cannot be read gives no credentials, as in requests.
 */
final class Netrc {
  /** A login and password, both possibly empty. */
  record Login(String login, String password) {}

  private final Map<String, Login> machines;
  private final Optional<Login> fallback;

  private Netrc(Map<String, Login> machines, Optional<Login> fallback) {
    this.machines = machines;
    this.fallback = fallback;
  }

  /** The netrc of the environment {@code env} ({@code NETRC}, {@code HOME}). */
  static Netrc of(Map<String, String> env) {
    List<Path> candidates = new ArrayList<>();
    String explicit = env.get("NETRC");
    if (explicit != null && !explicit.isEmpty()) {
      candidates.add(Path.of(explicit));
    } else {
      String home = env.get("HOME");
      if (home == null || home.isEmpty()) {
        home = System.getProperty("user.home");
      }
      candidates.add(Path.of(home, ".netrc"));
      candidates.add(Path.of(home, "_netrc"));
    }
    for (Path file : candidates) {
      if (Files.isRegularFile(file)) {
        try {
          return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
          return new Netrc(Map.of(), Optional.empty());
        }
      }
    }
    return new Netrc(Map.of(), Optional.empty());
  }

  static Netrc parse(String text) {
    List<String> tokens = new ArrayList<>();
    for (String line : text.split("\\R")) {
      if (line.stripLeading().startsWith("#")) {
        continue;
      }
      for (String token : line.strip().split("\\s+")) {
        if (!token.isEmpty()) {
          tokens.add(token);
        }
      }
    }
    Map<String, Login> machines = new java.util.HashMap<>();
    Optional<Login> fallback = Optional.empty();
    int i = 0;
    while (i < tokens.size()) {
      String token = tokens.get(i++);
      boolean isDefault = token.equals("default");
      if (!isDefault && !token.equals("machine")) {
        if (token.equals("macdef")) {
          break; // a macro runs to the end of the file as far as logins go
        }
        continue;
      }
      String host = isDefault ? null : i < tokens.size() ? tokens.get(i++) : "";
      String login = "";
      String password = "";
      while (i < tokens.size()
          && !List.of("machine", "default", "macdef").contains(tokens.get(i))) {
        String key = tokens.get(i++);
        String value = i < tokens.size() ? tokens.get(i++) : "";
        switch (key) {
          case "login", "user" -> login = value;
          case "password" -> password = value;
          default -> {}
        }
      }
      Login entry = new Login(login, password);
      if (isDefault) {
        fallback = fallback.isPresent() ? fallback : Optional.of(entry);
      } else {
        machines.putIfAbsent(host.toLowerCase(Locale.ROOT), entry);
      }
    }
    return new Netrc(Map.copyOf(machines), fallback);
  }

  /** The login for {@code host}, if the file has one (or a {@code default}). */
  Optional<Login> login(String host) {
    Login login = machines.get(host.toLowerCase(Locale.ROOT));
    return login != null ? Optional.of(login) : fallback;
  }
}
