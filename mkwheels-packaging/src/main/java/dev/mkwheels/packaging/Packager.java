package dev.mkwheels.packaging;

import dev.mkwheels.api.MkwheelsException;

/** Turns a directory of distributions into the reproducible artifact. */
public final class Packager {
  public PackResult pack(PackRequest request) throws MkwheelsException {
    throw new MkwheelsException("packing is not implemented yet");
  }
}
