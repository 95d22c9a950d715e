package dev.mkwheels.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rule that keeps credentials from the processes mkwheels starts. */
class ChildEnvironmentTest {
  @Test
  void theForgeTokensAndAnythingNamedLikeACredentialAreDropped() {
    for (String name :
        List.of(
            "GITHUB_TOKEN",
            "GH_TOKEN",
            "GITLAB_TOKEN",
            "CI_JOB_TOKEN",
            "FORGEJO_TOKEN",
            "GITEA_TOKEN",
            "github_token",
            "TOKEN",
            "PASSWORD",
            "TWINE_PASSWORD",
            "DB_PASSWD",
            "DB_PASS",
            "AZURE_CLIENT_SECRET",
            "SECRET_KEY",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_ACCESS_KEY_ID",
            "OPENAI_API_KEY",
            "MY_APIKEY",
            "SSH_PRIVATE_KEY",
            "GOOGLE_APPLICATION_CREDENTIALS",
            "NPM_CONFIG__AUTH",
            "CI_JOB_JWT",
            "GITHUB_TOKEN_2",
            "ACTIONS_ID_TOKEN_REQUEST_TOKEN")) {
      assertTrue(ChildEnvironment.isCredential(name), name);
    }
    assertTrue(ChildEnvironment.FORGE_TOKENS.stream().allMatch(ChildEnvironment::isCredential));
  }

  @Test
  void whatABuildNeedsPasses() {
    for (String name :
        List.of(
            "PATH",
            "HOME",
            "SSH_AUTH_SOCK",
            "GIT_ASKPASS",
            "PIP_INDEX_URL",
            "PIP_CONFIG_FILE",
            "MKWHEELS_PASS_ENV",
            "SOURCE_DATE_EPOCH",
            "PYTHON_GPG_KEY",
            "TOKENIZERS_PARALLELISM",
            "LANG",
            "TMPDIR")) {
      assertFalse(ChildEnvironment.isCredential(name), name);
    }
  }

  @Test
  void aCredentialNamedInMkwheelsPassEnvPassesAndOnlyIt() {
    ChildEnvironment env =
        ChildEnvironment.of(
            Map.of(
                "PATH",
                "/bin",
                "GITHUB_TOKEN",
                "t",
                "FOO_TOKEN",
                "x",
                "BAR_SECRET",
                "y",
                "MKWHEELS_PASS_ENV",
                " FOO_TOKEN ,bar_secret"));
    assertEquals(
        Map.of("PATH", "/bin", "FOO_TOKEN", "x", "MKWHEELS_PASS_ENV", " FOO_TOKEN ,bar_secret"),
        env.variables(),
        "names match exactly: bar_secret is not BAR_SECRET");
    assertEquals(
        List.of("BAR_SECRET", "GITHUB_TOKEN"), List.copyOf(env.dropped()), "names, for --verbose");
  }

  @Test
  void addedVariablesFollowTheSameRuleAndRemovalsApply() {
    ChildEnvironment env =
        ChildEnvironment.of(Map.of("PATH", "/bin", "PIP_PRE", "1", "MKWHEELS_PASS_ENV", "X_TOKEN"))
            .with(
                Map.of(
                    "SOURCE_DATE_EPOCH",
                    "1700000000",
                    "GH_TOKEN",
                    "from-a-provider",
                    "X_TOKEN",
                    "x"))
            .without(List.of("PIP_PRE"));
    assertEquals(
        List.of("MKWHEELS_PASS_ENV", "PATH", "SOURCE_DATE_EPOCH", "X_TOKEN"),
        List.copyOf(env.variables().keySet()),
        "sorted, the token dropped, PIP_PRE removed");
    ProcessBuilder builder = env.applyTo(new ProcessBuilder("true"));
    assertEquals(env.variables(), builder.environment());
  }
}
