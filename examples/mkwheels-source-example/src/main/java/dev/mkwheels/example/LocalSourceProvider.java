package dev.mkwheels.example;

import dev.mkwheels.api.Epoch;
import dev.mkwheels.api.InstallTarget;
import dev.mkwheels.api.InvalidOptionException;
import dev.mkwheels.api.OptionSpec;
import dev.mkwheels.api.ProviderOptions;
import dev.mkwheels.api.ResolvedSource;
import dev.mkwheels.api.SourceContext;
import dev.mkwheels.api.SourceException;
import dev.mkwheels.api.SourceProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code --local --path DIR --ver VER}: a project source tree already on disk, for example a
 * checkout that a build system fetched itself. The epoch must be fixed by the user (--epoch or
 * SOURCE_DATE_EPOCH): a directory has no trustworthy release time.
 */
public final class LocalSourceProvider implements SourceProvider {

  @Override
  public String id() {
    return "local";
  }

  @Override
  public String description() {
    return "A project source tree on disk (example plugin).";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(
        OptionSpec.required("path", "DIR", "The project root, holding pyproject.toml or setup.py."),
        OptionSpec.required("ver", "VER", "The version to name the tarball with."),
        OptionSpec.optional(
            "name", "PKG", "Name in the tarball's file name. Default: the directory name."));
  }

  @Override
  public ResolvedSource resolve(ProviderOptions options, SourceContext context)
      throws SourceException {
    Path path = Path.of(options.require("path")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(path.resolve("pyproject.toml"))
        && !Files.isRegularFile(path.resolve("setup.py"))) {
      throw new InvalidOptionException("--path " + path + " holds no pyproject.toml or setup.py");
    }
    String name =
        options.get("name").orElse(path.getFileName().toString().toLowerCase(Locale.ROOT));
    Epoch epoch =
        context
            .fixedEpoch()
            .orElseThrow(() -> new SourceException("--local needs --epoch or SOURCE_DATE_EPOCH"));
    context.console().progress("using the source tree at " + path);
    return ResolvedSource.builder(
            name, options.require("ver"), epoch, new InstallTarget.SourceTree(path))
        .build();
  }
}
