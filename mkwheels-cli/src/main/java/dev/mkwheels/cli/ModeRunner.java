package dev.mkwheels.cli;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.Console;
import dev.mkwheels.api.Epoch;
import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.engine.ModeOutcome;
import dev.mkwheels.engine.ModeRequest;
import dev.mkwheels.engine.ResolverChoice;
import dev.mkwheels.engine.VendorPipeline;
import dev.mkwheels.pip.PipOptions;
import dev.mkwheels.pip.TargetOptions;
import dev.mkwheels.resolver.Target;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code mkwheels --<mode>} on the command line's side: the parsed options become the engine's
 * {@link ModeRequest}, and what the engine made is printed.
 */
final class ModeRunner {
  private final VendorPipeline pipeline;
  private final Environment environment;

  @Inject
  ModeRunner(VendorPipeline pipeline, Environment environment) {
    this.pipeline = requireNonNull(pipeline, "pipeline is null");
    this.environment = requireNonNull(environment, "environment is null");
  }

  int run(Invocation invocation, PrintStream out, Console console) throws MkwheelsException {
    CommonOptions common = invocation.common();
    // Checked in this order before any work starts, so the first mistake is the one reported.
    Optional<Epoch> fixed = Epochs.fixed(common.epoch, environment);
    Optional<String> downloadBase = common.slackbuild.base();
    Duration pipTimeout = PipSettings.timeout(environment);
    PipOptions index = PipSettings.index(common);
    TargetOptions target = PipSettings.target(common);
    ResolverChoice resolver = ResolverSettings.resolver(common);
    List<Target> targets = ResolverSettings.targets(common, resolver);
    Optional<Instant> uploadedPriorTo = ResolverSettings.uploadedPriorTo(common);
    ModeRequest request =
        new ModeRequest(
            invocation.provider(),
            invocation.options(),
            fixed,
            common.python,
            index,
            target,
            common.wheelsOnly,
            common.noBuild,
            common.requireIndexHashes,
            common.outputDir(),
            common.verify,
            environment.variables(),
            pipTimeout,
            resolver,
            targets,
            uploadedPriorTo);
    ModeOutcome outcome = pipeline.run(request, console);
    Map<String, Object> summary = outcome.summary();
    ResultPrinter.noteNormalizedName(summary, outcome.source().name());
    if (common.slackbuild.slackbuild) {
      summary.put("slackbuild", SlackBuildInfo.lines(outcome.result(), downloadBase));
    }
    new ResultPrinter(out).print(outcome.result(), common.json, summary);
    return 0;
  }
}
