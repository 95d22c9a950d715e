package dev.mkwheels.selftest;

/** {@code mkwheels-selftest}: proves that two builds at one epoch are byte-identical. */
public final class SelfTest {
  private SelfTest() {}

  public static void main(String[] args) {
    System.err.println("mkwheels-selftest: not implemented yet");
    System.exit(1);
  }
}
