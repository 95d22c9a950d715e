package dev.mkwheels.pip;

/**
 * Kept only for the two index readers that helpers of issue 11 replace ({@code IndexHashes} here,
 * ci's {@code IndexPage}); everything else uses {@link dev.mkwheels.python.index.Redaction}. Delete
 * this class with them.
 *
 * @deprecated use {@link dev.mkwheels.python.index.Redaction}
 */
@Deprecated
public final class Redaction {
  private Redaction() {}

  /**
   * {@link dev.mkwheels.python.index.Redaction#mask}.
   *
   * @deprecated use {@link dev.mkwheels.python.index.Redaction#mask}
   */
  @Deprecated
  public static String url(String url) {
    return dev.mkwheels.python.index.Redaction.mask(url);
  }
}
