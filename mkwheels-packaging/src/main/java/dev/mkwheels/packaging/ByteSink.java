package dev.mkwheels.packaging;

import java.io.IOException;

/** Takes full output buffers in order; the compressed bytes leave the encoder only through here. */
interface ByteSink {

  /**
   * Takes {@code length} bytes of {@code full}, which the caller must not touch again, and returns
   * an empty buffer of the same size to go on with.
   */
  byte[] swap(byte[] full, int length) throws IOException;
}
