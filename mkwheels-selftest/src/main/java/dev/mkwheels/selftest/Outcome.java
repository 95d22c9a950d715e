package dev.mkwheels.selftest;

/**
 * One check's verdict and its line: ok or FAILED, what was compared, the digests or the difference.
 */
record Outcome(boolean ok, String line) {
  static Outcome ok(String what) {
    return new Outcome(true, "ok      " + what);
  }

  static Outcome failed(String what) {
    return new Outcome(false, "FAILED  " + what);
  }
}
