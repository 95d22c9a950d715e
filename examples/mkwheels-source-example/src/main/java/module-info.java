/**
 * An example third-party source, built outside the six modules: drop its jar into mkwheels' lib
 * folder and {@code --local} appears. It depends on the SPI only.
 */
module dev.mkwheels.example {
  requires dev.mkwheels.api;

  provides dev.mkwheels.api.SourceProvider with
      dev.mkwheels.example.LocalSourceProvider;
}
